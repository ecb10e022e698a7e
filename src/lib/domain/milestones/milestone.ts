/**
 * Milestones of workstreams and system outcomes. Each keeps three dates: planned (the baseline
 * members approved, never moved), forecast (the current best view) and actual, so slippage is
 * always measured against what was approved.
 */
import { formatDate } from '../dates';
import { daysBetween } from '../fiscal';
import type { Outcome } from '../systems/review';

/** In the order a replacement happens, which is also the order they are listed and checked in. */
export const MILESTONE_KINDS = [
	'procurement_start',
	'contract_award',
	'implementation_start',
	'go_live',
	'parallel_running_end',
	'decommission'
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];
export const MILESTONE_KIND_LABEL: Record<MilestoneKind, string> = {
	procurement_start: 'Procurement start',
	contract_award: 'Contract award',
	implementation_start: 'Implementation start',
	go_live: 'Go-live',
	parallel_running_end: 'Parallel running end',
	decommission: 'Decommission'
};

export interface MilestoneDates {
	plannedDate: string;
	forecastDate: string | null;
	actualDate: string | null;
}
export interface MilestoneInput extends MilestoneDates {
	kind: MilestoneKind;
	note: string;
}

/** The date the milestone happened or is now expected: actual, else forecast, else planned. */
export function effectiveDate(m: MilestoneDates): string {
	return m.actualDate ?? m.forecastDate ?? m.plannedDate;
}

/** The milestone with the latest effective date for each key (e.g. each workstream's go-live). */
export function latestBy<K>(
	rows: readonly (MilestoneDates & { key: K })[]
): Map<K, MilestoneDates> {
	const out = new Map<K, MilestoneDates>();
	for (const r of rows) {
		const seen = out.get(r.key);
		if (!seen || effectiveDate(r) > effectiveDate(seen)) out.set(r.key, r);
	}
	return out;
}

/** The outcomes that switch a system off: its run cost stops on the date switchOffDates finds. */
export const SWITCH_OFF_OUTCOMES = [
	'decommission',
	'replace'
] as const satisfies readonly Outcome[];

/** The milestone kind whose date, when a system has one, is the day it is switched off. */
export const SWITCH_OFF_MILESTONE: MilestoneKind = 'decommission';

/**
 * When each system being switched off stops running: its own decommission milestone (actual, else
 * forecast, else planned) when it has one, so a slip moves the date; otherwise the earliest target
 * date of its current decommission or replace outcomes. Systems with neither are left out.
 * The database keeps the same rule in SQL for the run-cost roll-up (server/db/switch-off-sql.ts); an
 * integration property test (switch-off-sql.test.ts) holds the two to the same answers.
 */
export function switchOffDates(
	outcomes: readonly { systemId: number; targetDate: string | null }[],
	decommissions: readonly (MilestoneDates & { systemId: number | null })[]
): Map<number, string> {
	const byMilestone = latestBy(
		decommissions.flatMap((m) => (m.systemId == null ? [] : [{ ...m, key: m.systemId }]))
	);
	const dates = new Map<number, string>();
	for (const o of outcomes) {
		const m = byMilestone.get(o.systemId);
		const date = m ? effectiveDate(m) : o.targetDate;
		const seen = dates.get(o.systemId);
		if (date && (m || !seen || date < seen)) dates.set(o.systemId, date);
	}
	return dates;
}

/** Days the milestone is (or was) late against its planned date: positive late, negative early, 0 with no forecast. */
export function slippageDays(m: MilestoneDates): number {
	return daysBetween(m.plannedDate, effectiveDate(m));
}

export type MilestoneStatus = 'achieved' | 'slipped' | 'at risk' | 'on track' | 'overdue';

/**
 * How close to the date a milestone with no forecast counts as at risk: a month gives a programme
 * board one meeting to confirm or re-plan it.
 */
export const AT_RISK_WINDOW_DAYS = 30;

function daysText(n: number): string {
	return `${n} ${n === 1 ? 'day' : 'days'}`;
}

/**
 * A milestone's RAG-style status on `today`, with the words shown beside it. In order: achieved
 * (an actual date), overdue (its expected date has passed), slipped (forecast after planned), at
 * risk (due within AT_RISK_WINDOW_DAYS with no forecast confirmed), else on track. A milestone due
 * today is not yet overdue.
 */
export function milestoneStatus(
	m: MilestoneDates,
	today: string
): { status: MilestoneStatus; words: string } {
	const slip = slippageDays(m);
	const lateness =
		slip > 0 ? `${daysText(slip)} late` : slip < 0 ? `${daysText(-slip)} early` : 'on time';
	if (m.actualDate)
		return { status: 'achieved', words: `Achieved on ${formatDate(m.actualDate)}, ${lateness}` };
	const due = effectiveDate(m);
	if (due < today) {
		const against = m.forecastDate
			? `forecast for ${formatDate(m.forecastDate)}`
			: `planned for ${formatDate(m.plannedDate)}`;
		return {
			status: 'overdue',
			words: `Overdue by ${daysText(daysBetween(due, today))}: ${against} and not yet achieved`
		};
	}
	if (slip > 0) {
		return {
			status: 'slipped',
			words: `Slipped ${daysText(slip)}: forecast ${formatDate(m.forecastDate)} against a plan of ${formatDate(m.plannedDate)}`
		};
	}
	if (!m.forecastDate && daysBetween(today, m.plannedDate) <= AT_RISK_WINDOW_DAYS) {
		return {
			status: 'at risk',
			words: `At risk: due on ${formatDate(m.plannedDate)} and no forecast has been confirmed`
		};
	}
	return {
		status: 'on track',
		words: `On track for ${formatDate(due)}${slip < 0 ? `, ${lateness}` : ''}`
	};
}

/**
 * Pairs of milestones whose expected dates run against the natural order (go-live before contract
 * award, decommission before go-live, ...): a warning for the plan, never a refusal, because a
 * forecast can briefly cross while a plan is being revised.
 */
export function outOfOrder(
	milestones: readonly MilestoneInput[]
): { earlier: MilestoneKind; later: MilestoneKind; explanation: string }[] {
	const sorted = [...milestones].sort(
		(a, b) => MILESTONE_KINDS.indexOf(a.kind) - MILESTONE_KINDS.indexOf(b.kind)
	);
	const problems: { earlier: MilestoneKind; later: MilestoneKind; explanation: string }[] = [];
	sorted.forEach((first, i) => {
		for (const second of sorted.slice(i + 1)) {
			if (second.kind === first.kind || effectiveDate(second) >= effectiveDate(first)) continue;
			problems.push({
				earlier: first.kind,
				later: second.kind,
				explanation: `${MILESTONE_KIND_LABEL[second.kind]} (${formatDate(effectiveDate(second))}) is before ${MILESTONE_KIND_LABEL[first.kind].toLowerCase()} (${formatDate(effectiveDate(first))})`
			});
		}
	});
	return problems;
}

export interface WorkstreamGoLive {
	workstreamId: number;
	workstreamName: string;
	goLive: MilestoneDates | null;
}

export type FullyOperational =
	| {
			date: string;
			/** The latest planned go-live: what members approved. */
			plannedDate: string;
			/** How far `date` has moved from `plannedDate` (positive = later). */
			slipDays: number;
			workstreamId: number;
			workstreamName: string;
			milestone: MilestoneDates;
			words: string;
	  }
	| { date: null; missing: { workstreamId: number; workstreamName: string }[]; words: string };

/**
 * 'Fully operational' is the day the last workstream in scope goes live (its actual, forecast or
 * planned go-live), set against the latest planned go-live so the board sees how far it has moved.
 * There is no date while any workstream has no go-live planned: those are listed instead, because a
 * date that silently ignored them would be too early. Ties go to the first workstream given.
 */
export function fullyOperational(goLives: readonly WorkstreamGoLive[]): FullyOperational {
	if (goLives.length === 0)
		return { date: null, missing: [], words: 'No workstreams are in scope' };
	const missing = goLives
		.filter((w) => w.goLive === null)
		.map(({ workstreamId, workstreamName }) => ({ workstreamId, workstreamName }));
	if (missing.length > 0) {
		const names = missing.map((w) => w.workstreamName).join(', ');
		return { date: null, missing, words: `Not known until a go-live is planned for ${names}` };
	}
	let latest = goLives[0]!;
	let plannedDate = latest.goLive!.plannedDate;
	for (const w of goLives) {
		if (effectiveDate(w.goLive!) > effectiveDate(latest.goLive!)) latest = w;
		if (w.goLive!.plannedDate > plannedDate) plannedDate = w.goLive!.plannedDate;
	}
	const date = effectiveDate(latest.goLive!);
	const slipDays = daysBetween(plannedDate, date);
	const movement =
		slipDays > 0
			? `, ${daysText(slipDays)} later than planned`
			: slipDays < 0
				? `, ${daysText(-slipDays)} earlier than planned`
				: '';
	return {
		date,
		plannedDate,
		slipDays,
		workstreamId: latest.workstreamId,
		workstreamName: latest.workstreamName,
		milestone: latest.goLive!,
		words: latest.goLive!.actualDate
			? `Fully operational since ${formatDate(date)}, when ${latest.workstreamName} went live${movement}`
			: `Fully operational on ${formatDate(date)}, when ${latest.workstreamName} goes live${movement}`
	};
}
