/**
 * Milestones due in a report's quarter, each measured against the approved baseline: the planned
 * date in the latest approved business case snapshot that holds it, else the milestone's own.
 */
import { formatDate } from '../dates';
import { daysBetween, quarterEnd, quarterStart, type Quarter } from '../fiscal';
import {
	AT_RISK_WINDOW_DAYS,
	MILESTONE_KIND_LABEL,
	MILESTONE_KINDS,
	type MilestoneKind
} from '../milestones/milestone';

export type BaselineSource = 'approved business case' | 'milestone plan';
export type ReportMilestoneStatus = 'achieved' | 'slipped' | 'at risk' | 'on track';

export interface MilestoneFact {
	/** The workstream the milestone counts towards (its own, or the one replacing its system); null for none. */
	workstreamId: number | null;
	/** The workstream's or system's name. */
	of: string;
	kind: MilestoneKind;
	plannedDate: string;
	forecastDate: string | null;
	actualDate: string | null;
}
/** A planned date from an approved snapshot's timeline. */
export interface BaselineFact {
	of: string;
	kind: MilestoneKind;
	plannedDate: string;
	caseTitle: string;
	versionNumber: number;
}

export interface ReportMilestone {
	workstreamId: number | null;
	of: string;
	kind: MilestoneKind;
	kindLabel: string;
	baselineDate: string;
	baselineSource: BaselineSource;
	/** 'Outline Business Case v2 (approved)' or 'the milestone's planned date (no approved business case covers it)'. */
	baselineWords: string;
	forecastDate: string | null;
	actualDate: string | null;
	status: ReportMilestoneStatus;
	/** Days late against the baseline (negative = early); for an unachieved milestone past due, at least the days overdue. */
	slipDays: number;
	words: string;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const lateness = (d: number) =>
	d > 0 ? `${plural(d, 'day')} late` : d < 0 ? `${plural(-d, 'day')} early` : 'on time';

/**
 * A milestone's position on `asAt` against `baselineDate`. In order: achieved (an actual date on or
 * before `asAt`; a later actual date was not known then); slipped (its expected date, i.e. actual,
 * else forecast, else its current planned date, has passed or is after the baseline: by the larger); at risk (due within AT_RISK_WINDOW_DAYS with no
 * forecast confirmed); else on track.
 */
export function classifyMilestone(
	m: { plannedDate?: string; forecastDate: string | null; actualDate: string | null },
	baselineDate: string,
	asAt: string
): { status: ReportMilestoneStatus; slipDays: number; words: string } {
	if (m.actualDate && m.actualDate <= asAt) {
		const slip = daysBetween(baselineDate, m.actualDate);
		return {
			status: 'achieved',
			slipDays: slip,
			words: `Achieved on ${formatDate(m.actualDate)}, ${lateness(slip)} against the baseline of ${formatDate(baselineDate)}`
		};
	}
	const expected = m.actualDate ?? m.forecastDate ?? m.plannedDate ?? baselineDate;
	if (expected < asAt || expected > baselineDate) {
		const slip = Math.max(daysBetween(baselineDate, expected), daysBetween(baselineDate, asAt));
		const now =
			expected < asAt
				? `not achieved by ${formatDate(asAt)}`
				: `now forecast for ${formatDate(expected)}`;
		return {
			status: 'slipped',
			slipDays: slip,
			words: `Slipped ${plural(slip, 'day')} against the baseline of ${formatDate(baselineDate)}: ${now}`
		};
	}
	const slip = daysBetween(baselineDate, expected);
	if (!m.forecastDate && daysBetween(asAt, expected) <= AT_RISK_WINDOW_DAYS) {
		return {
			status: 'at risk',
			slipDays: slip,
			words: `At risk: due on ${formatDate(expected)} and no forecast has been confirmed`
		};
	}
	return {
		status: 'on track',
		slipDays: slip,
		words: `On track for ${formatDate(expected)}${slip < 0 ? `, ${lateness(slip)}` : ''}`
	};
}

export const milestoneKey = (m: { of: string; kind: MilestoneKind }) => `${m.of}|${m.kind}`;

/**
 * The milestones due in the quarter, each against its baseline: the planned date in the latest
 * approved business case snapshot that holds it (`baselines`, latest approval first), else the
 * milestone's own planned date, and the output says which. 'Due in the quarter' means the baseline
 * date falls in it, or it was achieved in it, or it is now expected in it.
 */
export function milestonesDue(
	facts: readonly MilestoneFact[],
	baselines: readonly BaselineFact[],
	quarter: Quarter,
	asAt: string
): ReportMilestone[] {
	const [from, to] = [quarterStart(quarter), quarterEnd(quarter)];
	const inQuarter = (d: string | null) => d != null && d >= from && d <= to;
	const byKey = new Map<string, BaselineFact>();
	for (const b of baselines) if (!byKey.has(milestoneKey(b))) byKey.set(milestoneKey(b), b);
	const out: ReportMilestone[] = [];
	for (const m of facts) {
		const approved = byKey.get(milestoneKey(m));
		const baselineDate = approved?.plannedDate ?? m.plannedDate;
		const achievedBy = m.actualDate && m.actualDate <= asAt ? m.actualDate : null;
		if (
			!inQuarter(baselineDate) &&
			!inQuarter(achievedBy) &&
			!(achievedBy == null && inQuarter(m.actualDate ?? m.forecastDate ?? m.plannedDate))
		)
			continue;
		out.push({
			workstreamId: m.workstreamId,
			of: m.of,
			kind: m.kind,
			kindLabel: MILESTONE_KIND_LABEL[m.kind],
			baselineDate,
			baselineSource: approved ? 'approved business case' : 'milestone plan',
			baselineWords: approved
				? `${approved.caseTitle}, version ${approved.versionNumber} as approved`
				: "the milestone's planned date (no approved business case covers it)",
			forecastDate: m.forecastDate,
			actualDate: m.actualDate,
			...classifyMilestone(m, baselineDate, asAt)
		});
	}
	return out.sort((a, b) =>
		a.baselineDate < b.baselineDate
			? -1
			: a.baselineDate > b.baselineDate
				? 1
				: a.of.localeCompare(b.of, 'en-GB') ||
					MILESTONE_KINDS.indexOf(a.kind) - MILESTONE_KINDS.indexOf(b.kind)
	);
}
