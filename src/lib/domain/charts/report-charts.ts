/**
 * Geometry for the report's two charts (outcome counts, this quarter against last; spend against
 * budget), drawn on the server as SVG: horizontal bars in groups, each bar with its value written
 * beside it, so the chart reads without colour and the figures match the table beside it.
 */
import type { ReportContent } from '../reports/report-content';
import { OUTCOMES, OUTCOME_LABEL } from '../systems/review';
import { SPEND_TYPE_LABEL } from '../costs/cost';
import { formatCount, formatPounds } from '../money';

export const CHART = {
	width: 720,
	labelWidth: 230,
	valueWidth: 110,
	barHeight: 18,
	barGap: 4,
	groupGap: 16,
	top: 36
} as const;
const plotWidth = CHART.width - CHART.labelWidth - CHART.valueWidth;

export interface BarInput {
	label: string;
	/** One value per series; null where that series has no figure (no report last quarter). */
	values: (number | null)[];
}
export interface Bar {
	series: number;
	x: number;
	y: number;
	width: number;
	value: number | null;
	text: string;
}
export interface BarGroup {
	label: string;
	y: number;
	bars: Bar[];
}

/**
 * Lays out grouped horizontal bars on one scale (the largest value spans the plot); negative values
 * draw no bar but keep their text, and so does a figure that is not a number. `height` is the SVG's, legend excluded.
 */
export function layoutBars(
	groups: readonly BarInput[],
	format: (n: number) => string
): { groups: BarGroup[]; height: number } {
	// A total too large to show (Infinity, money.ts checkedPence) spans the plot and scales nothing else.
	const max = Math.max(
		1,
		...groups.flatMap((g) => g.values.filter((v): v is number => v != null && Number.isFinite(v)))
	);
	let y = CHART.top;
	const out = groups.map((g) => {
		const top = y;
		const bars = g.values.map((value, series): Bar => {
			const bar = {
				series,
				x: CHART.labelWidth,
				y,
				width:
					value == null || !(value > 0)
						? 0
						: value === Infinity
							? plotWidth
							: Math.max(1, Math.round((value / max) * plotWidth)),
				value,
				text: value == null ? 'not reported' : format(value)
			};
			y += CHART.barHeight + CHART.barGap;
			return bar;
		});
		y += CHART.groupGap;
		return { label: g.label, y: top, bars };
	});
	return { groups: out, height: y };
}

/** Outcome counts now and at last quarter's report (null figures when there was none). */
export function outcomeBars(content: Pick<ReportContent, 'reviews'>): BarInput[] {
	const { now, lastQuarter: last } = content.reviews;
	return [
		...OUTCOMES.map((o) => ({
			label: OUTCOME_LABEL[o],
			values: [last?.outcomes[o] ?? null, now.outcomes[o]]
		})),
		{ label: 'Switched off', values: [last?.decommissioned ?? null, now.decommissioned] },
		{ label: 'Not yet reviewed', values: [last?.notReviewed ?? null, now.notReviewed] }
	];
}

/** Budget and spend to date, capital then revenue, in pence. */
export function spendBars(content: Pick<ReportContent, 'spend'>): BarInput[] {
	return content.spend.rows.map((r) => ({
		label: SPEND_TYPE_LABEL[r.spendType],
		values: [r.budgetPence, r.actualPence]
	}));
}

export const formatOutcomeCount = (n: number) => formatCount(n);
export const formatSpend = (pence: number) => formatPounds(pence);
