/**
 * Geometry for the server-rendered Gantt chart by financial quarter: numbers only, so the SVG
 * component stays a plain template and the arithmetic is tested here. Quarters are drawn equal
 * width (as a printed programme plan is); a date falls within its quarter in proportion to its day.
 */
import {
	daysBetween,
	quarterEnd,
	quarterOf,
	quarterStart,
	quartersBetween,
	startYearOf,
	type FinancialYear,
	type Quarter
} from '../fiscal';

export interface TimelineBar {
	label: string;
	group: string;
	/** First day of the phase, ISO. */
	start: string;
	/** Last day of the phase, ISO (inclusive). */
	end: string;
	kind: string;
}
export interface TimelineMarker {
	label: string;
	group: string;
	date: string;
	kind: string;
}

export interface TimelineLayout {
	width: number;
	columns: {
		quarter: Quarter;
		x: number;
		width: number;
		label: string;
		yearLabel: FinancialYear;
	}[];
	years: { year: FinancialYear; x: number; width: number }[];
	/** Groups in the order first given, each spanning `rowCount` rows from `firstRow`. */
	groups: { group: string; firstRow: number; rowCount: number }[];
	/** Clipped to the range; `continuesBefore`/`continuesAfter` say a bar runs past an edge (draw an arrow). */
	bars: (TimelineBar & {
		row: number;
		x: number;
		width: number;
		continuesBefore: boolean;
		continuesAfter: boolean;
	})[];
	markers: (TimelineMarker & { row: number; x: number })[];
	/** Items not drawn, with why; the table alternative still lists them. */
	hidden: {
		label: string;
		group: string;
		reason: 'before the range' | 'after the range' | 'ends before it starts';
	}[];
	todayX: number | null;
	rowCount: number;
}

const indexOf = (q: Quarter) => startYearOf(q.year) * 4 + q.quarter - 1;

/** Round half up of a / b for whole a >= 0, b > 0: pixels, so half-up is as good as any rule, but it is fixed. */
const roundDiv = (a: number, b: number) => Math.floor((2 * a + b) / (2 * b));

/**
 * Lays out bars (workstream phases) and point markers (decommission dates) across the quarters
 * `from`..`to` for a chart `width` pixels wide. Column edges are rounded from exact positions, so
 * the column widths add up to the full width. Each item has its own row within its group; a marker
 * with the same group and label as a bar shares that bar's row. A bar drawn is at least 1 pixel wide.
 */
export function layoutTimeline(input: {
	bars: readonly TimelineBar[];
	markers?: readonly TimelineMarker[];
	from: Quarter;
	to: Quarter;
	width: number;
	today?: string;
}): TimelineLayout {
	const quarters = quartersBetween(input.from, input.to);
	const n = quarters.length;
	if (n === 0) throw new RangeError('the timeline must end on or after the quarter it starts in');
	if (!Number.isInteger(input.width) || input.width < n)
		throw new RangeError(
			`the chart needs a whole number of pixels, at least one per quarter: ${input.width}`
		);
	const edges = Array.from({ length: n + 1 }, (_, i) => roundDiv(i * input.width, n));
	const columns = quarters.map((quarter, i) => ({
		quarter,
		x: edges[i]!,
		width: edges[i + 1]! - edges[i]!,
		label: `Q${quarter.quarter}`,
		yearLabel: quarter.year
	}));

	const years: TimelineLayout['years'] = [];
	for (const c of columns) {
		const last = years.at(-1);
		if (last?.year === c.yearLabel) last.width += c.width;
		else years.push({ year: c.yearLabel, x: c.x, width: c.width });
	}

	const first = indexOf(input.from);
	/** Pixel at the start of `iso` (or, with `endOfDay`, at its end), clamped to the chart. */
	const position = (iso: string, endOfDay = false) => {
		const q = quarterOf(iso);
		const i = indexOf(q) - first;
		if (i < 0) return 0;
		if (i >= n) return input.width;
		const days = daysBetween(quarterStart(q), quarterEnd(q)) + 1;
		const day = daysBetween(quarterStart(q), iso) + (endOfDay ? 1 : 0);
		return edges[i]! + roundDiv(columns[i]!.width * day, days);
	};
	const rangeStart = quarterStart(input.from);
	const rangeEnd = quarterEnd(input.to);

	const groups: TimelineLayout['groups'] = [];
	const rowsByGroup = new Map<string, string[]>();
	const rowOf = (group: string, label: string, share: boolean) => {
		let labels = rowsByGroup.get(group);
		if (!labels) {
			rowsByGroup.set(group, (labels = []));
			groups.push({ group, firstRow: 0, rowCount: 0 });
		}
		const existing = share ? labels.indexOf(label) : -1;
		if (existing >= 0) return { group, offset: existing };
		labels.push(label);
		return { group, offset: labels.length - 1 };
	};

	const hidden: TimelineLayout['hidden'] = [];
	const placedBars: { bar: TimelineBar; slot: { group: string; offset: number } }[] = [];
	for (const bar of input.bars) {
		if (bar.end < bar.start)
			hidden.push({ label: bar.label, group: bar.group, reason: 'ends before it starts' });
		else if (bar.end < rangeStart)
			hidden.push({ label: bar.label, group: bar.group, reason: 'before the range' });
		else if (bar.start > rangeEnd)
			hidden.push({ label: bar.label, group: bar.group, reason: 'after the range' });
		else placedBars.push({ bar, slot: rowOf(bar.group, bar.label, false) });
	}
	const placedMarkers: { marker: TimelineMarker; slot: { group: string; offset: number } }[] = [];
	for (const marker of input.markers ?? []) {
		if (marker.date < rangeStart)
			hidden.push({ label: marker.label, group: marker.group, reason: 'before the range' });
		else if (marker.date > rangeEnd)
			hidden.push({ label: marker.label, group: marker.group, reason: 'after the range' });
		else placedMarkers.push({ marker, slot: rowOf(marker.group, marker.label, true) });
	}

	let row = 0;
	for (const g of groups) {
		g.firstRow = row;
		g.rowCount = rowsByGroup.get(g.group)!.length;
		row += g.rowCount;
	}
	const rowNumber = (slot: { group: string; offset: number }) =>
		groups.find((g) => g.group === slot.group)!.firstRow + slot.offset;

	const bars = placedBars.map(({ bar, slot }) => {
		const x = position(bar.start);
		const right = position(bar.end, true);
		const width = Math.max(1, right - x);
		return {
			...bar,
			row: rowNumber(slot),
			x: Math.min(x, input.width - width),
			width,
			continuesBefore: bar.start < rangeStart,
			continuesAfter: bar.end > rangeEnd
		};
	});
	const markers = placedMarkers.map(({ marker, slot }) => ({
		...marker,
		row: rowNumber(slot),
		x: position(marker.date)
	}));
	const todayX =
		input.today && input.today >= rangeStart && input.today <= rangeEnd
			? position(input.today)
			: null;
	return {
		width: input.width,
		columns,
		years,
		groups,
		bars,
		markers,
		hidden,
		todayX,
		rowCount: row
	};
}
