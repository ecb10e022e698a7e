/**
 * What the timeline shows, from plain milestone rows: each workstream's phases drawn between two of
 * its milestones, system decommission dates as markers, the same in words for the table, and the
 * quarters to draw. Geometry is ./timeline.ts's; this module decides what goes in.
 */
import { financialYearOf, quarterOf, startYearOf, type Quarter, type QuarterNumber } from './fiscal';
import { MILESTONE_KIND_LABEL, effectiveDate, milestoneStatus, type MilestoneDates, type MilestoneKind, type MilestoneStatus } from './milestone';
import type { Outcome } from './review';
import type { TimelineBar, TimelineMarker } from './timeline';

/** A phase runs from one milestone's date to another's: go-live ends implementation and starts parallel running. */
export const PHASES = [
	{ kind: 'procurement', label: 'Procurement', from: 'procurement_start', to: 'contract_award' },
	{ kind: 'implementation', label: 'Implementation', from: 'implementation_start', to: 'go_live' },
	{ kind: 'parallel_running', label: 'Parallel running', from: 'go_live', to: 'parallel_running_end' }
] as const satisfies readonly { kind: string; label: string; from: MilestoneKind; to: MilestoneKind }[];
export type PhaseKind = (typeof PHASES)[number]['kind'];

/** The chart's row group for decommission markers (workstream groups take their workstream's name). */
export const DECOMMISSION_GROUP = 'Systems switched off';

/**
 * At most five financial years of quarters: a programme of about three years fits with room, and
 * more columns than this would make each quarter too narrow to read on A4.
 */
export const MAX_QUARTERS = 20;

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
	decommissions: DecommissionRow[];
	/** Each phase with both dates, at its expected dates; `plannedBars` holds the approved position where it differs. */
	bars: TimelineBar[];
	plannedBars: TimelineBar[];
	markers: TimelineMarker[];
	plannedMarkers: TimelineMarker[];
	/** Null when there is nothing to draw; `cut` when the dates span more than MAX_QUARTERS. */
	range: { from: Quarter; to: Quarter; cut: boolean } | null;
}

const quarterIndex = (q: Quarter) => startYearOf(q.year) * 4 + q.quarter - 1;
function quarterAt(index: number): Quarter {
	const year = Math.floor(index / 4);
	return { year: financialYearOf(`${String(year).padStart(4, '0')}-04-01`), quarter: ((index % 4) + 1) as QuarterNumber };
}

/**
 * The quarters from the earliest date to the latest. Longer than `max` quarters, the window keeps
 * the year before today in view (what a board reviews) and runs forward from there, within the dates.
 */
export function timelineRange(dates: readonly string[], today: string, max = MAX_QUARTERS): TimelinePlan['range'] {
	if (dates.length === 0) return null;
	const sorted = [...dates].sort();
	const first = quarterIndex(quarterOf(sorted[0]!));
	const last = quarterIndex(quarterOf(sorted.at(-1)!));
	if (last - first + 1 <= max) return { from: quarterAt(first), to: quarterAt(last), cut: false };
	const start = Math.min(Math.max(quarterIndex(quarterOf(today)) - 4, first), last - max + 1);
	return { from: quarterAt(start), to: quarterAt(start + max - 1), cut: true };
}

function view(m: PlanMilestone, today: string): MilestoneView {
	const { status, words } = milestoneStatus(m, today);
	return { kind: m.kind, label: MILESTONE_KIND_LABEL[m.kind], plannedDate: m.plannedDate, forecastDate: m.forecastDate, actualDate: m.actualDate, effective: effectiveDate(m), status, words };
}

/** Of several milestones of one kind, the one expected last (as 'fully operational' reads go-lives). */
function latest(rows: readonly PlanMilestone[], kind: MilestoneKind): PlanMilestone | undefined {
	let found: PlanMilestone | undefined;
	for (const m of rows) if (m.kind === kind && (!found || effectiveDate(m) > effectiveDate(found))) found = m;
	return found;
}

/**
 * Builds the timeline for `workstreams` (in the order given) from `milestones`: workstream
 * milestones become phases, system decommission milestones become markers; other system
 * milestones are not drawn. A phase missing either milestone is listed in the table but not drawn.
 */
export function planTimeline(input: { workstreams: readonly { id: number; name: string }[]; milestones: readonly PlanMilestone[]; today: string }): TimelinePlan {
	const { today } = input;
	const plan: TimelinePlan = { phases: [], unplanned: [], decommissions: [], bars: [], plannedBars: [], markers: [], plannedMarkers: [], range: null };
	const dates: string[] = [];
	for (const w of input.workstreams) {
		const own = input.milestones.filter((m) => m.workstreamId === w.id);
		if (own.length === 0) {
			plan.unplanned.push({ workstreamId: w.id, workstreamName: w.name });
			continue;
		}
		for (const phase of PHASES) {
			const from = latest(own, phase.from);
			const to = latest(own, phase.to);
			plan.phases.push({ workstreamId: w.id, workstreamName: w.name, phase: phase.kind, label: phase.label, start: from ? view(from, today) : null, end: to ? view(to, today) : null });
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
	const bySystem = new Map<number, PlanMilestone[]>();
	for (const m of input.milestones) if (m.systemId != null && m.kind === 'decommission') bySystem.set(m.systemId, [...(bySystem.get(m.systemId) ?? []), m]);
	for (const [systemId, rows] of bySystem) {
		const m = latest(rows, 'decommission')!;
		const systemName = m.systemName ?? `System ${systemId}`;
		plan.decommissions.push({ systemId, systemName, outcome: m.outcome, milestone: view(m, today) });
		plan.markers.push({ group: DECOMMISSION_GROUP, label: systemName, date: effectiveDate(m), kind: 'decommission' });
		dates.push(effectiveDate(m));
		if (m.plannedDate !== effectiveDate(m)) {
			plan.plannedMarkers.push({ group: DECOMMISSION_GROUP, label: systemName, date: m.plannedDate, kind: 'decommission' });
			dates.push(m.plannedDate);
		}
	}
	plan.decommissions.sort((a, b) => a.milestone.effective.localeCompare(b.milestone.effective) || a.systemName.localeCompare(b.systemName));
	const order = new Map(plan.decommissions.map((d, i) => [d.systemName, i]));
	plan.markers.sort((a, b) => order.get(a.label)! - order.get(b.label)!);
	plan.range = timelineRange(dates, today);
	return plan;
}
