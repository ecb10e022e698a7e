/**
 * What the timeline shows, from plain milestone rows: each workstream's phases drawn between two of
 * its milestones, system decommission dates as markers, the same in words for the table, and the
 * quarters to draw (./timeline-range.ts). Geometry is charts/timeline.ts's; this module decides what goes in.
 */
import { quarterLabel, quarterOf, quarterStart, type Quarter } from '../fiscal';
import {
	MILESTONE_KIND_LABEL,
	effectiveDate,
	milestoneStatus,
	type MilestoneDates,
	type MilestoneKind,
	type MilestoneStatus
} from './milestone';
import type { Outcome } from '../systems/review';
import type { TimelineBar, TimelineMarker } from '../charts/timeline';
import { timelineRange, type TimelineRange } from './timeline-range';

/** A phase runs from one milestone's date to another's: go-live ends implementation and starts parallel running. */
export const PHASES = [
	{ kind: 'procurement', label: 'Procurement', from: 'procurement_start', to: 'contract_award' },
	{ kind: 'implementation', label: 'Implementation', from: 'implementation_start', to: 'go_live' },
	{
		kind: 'parallel_running',
		label: 'Parallel running',
		from: 'go_live',
		to: 'parallel_running_end'
	}
] as const satisfies readonly {
	kind: string;
	label: string;
	from: MilestoneKind;
	to: MilestoneKind;
}[];
export type PhaseKind = (typeof PHASES)[number]['kind'];

/** One collator for every name comparison: localeCompare builds one each time, slow over thousands of rows. */
const byName = new Intl.Collator('en-GB');

/** The chart's row group for decommission markers (workstream groups take their workstream's name). */
export const DECOMMISSION_GROUP = 'Systems switched off';

/**
 * Most switch-offs drawn one by one and listed: a council's few dozen all show. Beyond this (a
 * portfolio of thousands) the chart draws one marker per quarter saying how many, and the table lists
 * the soonest; the run-cost CSV lists every one.
 */
export const MAX_SWITCH_OFFS_SHOWN = 50;

export interface PlanMilestone extends MilestoneDates {
	kind: MilestoneKind;
	workstreamId: number | null;
	systemId: number | null;
	systemName: string | null;
	outcome: Outcome | null;
}

export interface MilestoneView extends MilestoneDates {
	kind: MilestoneKind;
	label: string;
	effective: string;
	status: MilestoneStatus;
	/** milestoneStatus's words, e.g. 'Slipped 32 days: forecast 31 August 2027 against a plan of 30 July 2027'. */
	words: string;
}

export interface PhaseRow {
	workstreamId: number;
	workstreamName: string;
	phase: PhaseKind;
	label: string;
	start: MilestoneView | null;
	end: MilestoneView | null;
}

export interface DecommissionRow {
	systemId: number;
	systemName: string;
	outcome: Outcome | null;
	milestone: MilestoneView;
}

export interface TimelinePlan {
	/** Three rows per workstream with any milestone, in the order the workstreams were given. */
	phases: PhaseRow[];
	/** Workstreams in scope with no milestone at all. */
	unplanned: { workstreamId: number; workstreamName: string }[];
	/** The switch-offs listed, soonest first: all of them, or the first MAX_SWITCH_OFFS_SHOWN. */
	decommissions: DecommissionRow[];
	/** How many systems have a switch-off date in all. */
	decommissionCount: number;
	/** True when the chart counts switch-offs per quarter rather than drawing each one. */
	switchOffsByQuarter: boolean;
	/** Each phase with both dates, at its expected dates; `plannedBars` holds the approved position where it differs. */
	bars: TimelineBar[];
	plannedBars: TimelineBar[];
	markers: TimelineMarker[];
	plannedMarkers: TimelineMarker[];
	/** Null when there is nothing to draw; `cut` when the dates span more than MAX_QUARTERS. */
	range: TimelineRange;
}

function view(m: PlanMilestone, today: string): MilestoneView {
	const { status, words } = milestoneStatus(m, today);
	return {
		kind: m.kind,
		label: MILESTONE_KIND_LABEL[m.kind],
		plannedDate: m.plannedDate,
		forecastDate: m.forecastDate,
		actualDate: m.actualDate,
		effective: effectiveDate(m),
		status,
		words
	};
}

/** Of several milestones of one kind, the one expected last (as 'fully operational' reads go-lives). */
function latest(rows: readonly PlanMilestone[], kind: MilestoneKind): PlanMilestone | undefined {
	let found: PlanMilestone | undefined;
	for (const m of rows)
		if (m.kind === kind && (!found || effectiveDate(m) > effectiveDate(found))) found = m;
	return found;
}

/**
 * Builds the timeline for `workstreams` (in the order given) from `milestones`: workstream
 * milestones become phases, system decommission milestones become markers; other system
 * milestones are not drawn. A phase missing either milestone is listed in the table but not drawn.
 */
export function planTimeline(input: {
	workstreams: readonly { id: number; name: string }[];
	milestones: readonly PlanMilestone[];
	today: string;
}): TimelinePlan {
	const { today } = input;
	const plan: TimelinePlan = {
		phases: [],
		unplanned: [],
		decommissions: [],
		decommissionCount: 0,
		switchOffsByQuarter: false,
		bars: [],
		plannedBars: [],
		markers: [],
		plannedMarkers: [],
		range: null
	};
	const dates: string[] = [];
	// One pass over the milestones (thousands at 100,000 systems), grouping workstreams' and systems' decommissions.
	const byWorkstream = new Map<number, PlanMilestone[]>();
	const bySystem = new Map<number, PlanMilestone[]>();
	for (const m of input.milestones) {
		if (m.workstreamId != null) pushTo(byWorkstream, m.workstreamId, m);
		else if (m.systemId != null && m.kind === 'decommission') pushTo(bySystem, m.systemId, m);
	}
	for (const w of input.workstreams) {
		const own = byWorkstream.get(w.id) ?? [];
		if (own.length === 0) {
			plan.unplanned.push({ workstreamId: w.id, workstreamName: w.name });
			continue;
		}
		for (const phase of PHASES) {
			const from = latest(own, phase.from);
			const to = latest(own, phase.to);
			plan.phases.push({
				workstreamId: w.id,
				workstreamName: w.name,
				phase: phase.kind,
				label: phase.label,
				start: from ? view(from, today) : null,
				end: to ? view(to, today) : null
			});
			if (!from || !to) continue;
			const bar = { group: w.name, label: phase.label, kind: phase.kind };
			plan.bars.push({ ...bar, start: effectiveDate(from), end: effectiveDate(to) });
			dates.push(effectiveDate(from), effectiveDate(to));
			if (from.plannedDate !== effectiveDate(from) || to.plannedDate !== effectiveDate(to)) {
				plan.plannedBars.push({ ...bar, start: from.plannedDate, end: to.plannedDate });
				dates.push(from.plannedDate, to.plannedDate);
			}
		}
	}
	const switchOffs = [...bySystem].map(([systemId, rows]) => {
		const m = latest(rows, 'decommission')!;
		return {
			systemId,
			m,
			systemName: m.systemName ?? `System ${systemId}`,
			effective: effectiveDate(m)
		};
	});
	switchOffs.sort((a, b) =>
		a.effective < b.effective
			? -1
			: a.effective > b.effective
				? 1
				: byName.compare(a.systemName, b.systemName)
	);
	for (const { m, effective } of switchOffs)
		dates.push(effective, ...(m.plannedDate !== effective ? [m.plannedDate] : []));
	plan.range = timelineRange(dates, today);
	plan.decommissionCount = switchOffs.length;
	// Worded (and drawn one by one) only as many as are shown: at 100,000 systems there are thousands.
	const shown =
		switchOffs.length > MAX_SWITCH_OFFS_SHOWN
			? switchOffs.slice(0, MAX_SWITCH_OFFS_SHOWN)
			: switchOffs;
	plan.decommissions = shown.map(({ systemId, systemName, m }) => ({
		systemId,
		systemName,
		outcome: m.outcome,
		milestone: view(m, today)
	}));
	if (shown.length < switchOffs.length) {
		countSwitchOffsByQuarter(plan, switchOffs);
		return plan;
	}
	for (const { systemName, m, effective } of switchOffs) {
		plan.markers.push({
			group: DECOMMISSION_GROUP,
			label: systemName,
			date: effective,
			kind: 'decommission'
		});
		if (m.plannedDate !== effective)
			plan.plannedMarkers.push({
				group: DECOMMISSION_GROUP,
				label: systemName,
				date: m.plannedDate,
				kind: 'decommission'
			});
	}
	return plan;
}

function pushTo<K>(map: Map<K, PlanMilestone[]>, key: K, m: PlanMilestone): void {
	const list = map.get(key);
	if (list) list.push(m);
	else map.set(key, [m]);
}

/** Thousands of diamonds would be unreadable and megabytes of page: one per quarter instead, saying how many. */
function countSwitchOffsByQuarter(
	plan: TimelinePlan,
	switchOffs: readonly { effective: string }[]
): void {
	// Counted by month first (a slice of the ISO date), so each month's quarter is worked out once, not each date's.
	const perMonth = new Map<string, number>();
	for (const { effective } of switchOffs)
		perMonth.set(effective.slice(0, 7), (perMonth.get(effective.slice(0, 7)) ?? 0) + 1);
	const perQuarter = new Map<string, { quarter: Quarter; systems: number }>();
	for (const [month, systems] of perMonth) {
		const quarter = quarterOf(`${month}-01`);
		const key = quarterLabel(quarter);
		perQuarter.set(key, { quarter, systems: (perQuarter.get(key)?.systems ?? 0) + systems });
	}
	for (const { quarter, systems } of perQuarter.values()) {
		plan.markers.push({
			group: DECOMMISSION_GROUP,
			label: `${quarterLabel(quarter)}: ${systems} ${systems === 1 ? 'system' : 'systems'}`,
			date: quarterStart(quarter),
			kind: 'decommission'
		});
	}
	plan.switchOffsByQuarter = true;
}
