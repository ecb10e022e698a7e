/**
 * The scrutiny view: for every critical or statutory system, the four questions a scrutiny
 * committee asks of a shared ICT service, answered in words: is there an approved (and ratified)
 * plan, is it in date, has it been tested independently within 12 months, and did the system come
 * back within its RTO. Pure: the service gathers the rows, this decides.
 */
import { addMonths } from '../dates';

export interface DecisionFacts {
	id: number;
	meetingQuorate: boolean;
	ratifiesDecisionId: number | null;
}

/**
 * Whether a decision stands: taken at a quorate meeting, or ratified by a decision taken at a
 * quorate one. A plan approved at an inquorate meeting shows 'not ratified' until then.
 */
export function isRatified(decisionId: number, decisions: readonly DecisionFacts[]): boolean {
	const own = decisions.find((d) => d.id === decisionId);
	if (!own) return false;
	return (
		own.meetingQuorate ||
		decisions.some((d) => d.ratifiesDecisionId === decisionId && d.meetingQuorate)
	);
}

export interface SystemFacts {
	id: number;
	name: string;
	criticality: string;
	statutoryDuties: string;
}
export interface PlanFacts {
	/** Systems it covers; null = the whole organisation. */
	systemIds: readonly number[] | null;
	approved: { reviewBy: string; ratified: boolean } | null;
}
export interface TestedFacts {
	systemId: number;
	testedOn: string;
	withinRto: boolean | null;
	/** The test as a whole was recorded as failed (whatever the system's time). */
	failed?: boolean;
	/** Orders two tests on the same day: the later recorded is the last. */
	testId?: number;
}

export interface ScrutinyRow {
	systemId: number;
	name: string;
	reason: string;
	approvedPlan: boolean;
	inDate: boolean;
	testedWithin12Months: boolean;
	withinRto: boolean;
	allFour: boolean;
	/** Each answer in words, for the page and the CSV, never colour alone. */
	words: { approvedPlan: string; inDate: string; tested: string; withinRto: string };
	lastTestedOn: string | null;
	/** The last test did not prove recovery: recorded as failed, over the RTO, or with no RTO to meet. */
	lastTestFailed: boolean;
}

/** Whether the committee's view covers the system: critical, or supports a statutory duty. */
export const inScope = (s: SystemFacts) =>
	s.criticality === 'critical' || s.statutoryDuties.trim() !== '';

export function scrutinyRows(
	systems: readonly SystemFacts[],
	plans: readonly PlanFacts[],
	tests: readonly TestedFacts[],
	today: string
): ScrutinyRow[] {
	const since = addMonths(today, -12);
	return systems.filter(inScope).map((s) => {
		const covering = plans.filter((p) => p.systemIds == null || p.systemIds.includes(s.id));
		const approved = covering
			.map((p) => p.approved)
			.filter((a): a is NonNullable<PlanFacts['approved']> => a != null && a.ratified);
		const unratified = covering.some((p) => p.approved && !p.approved.ratified);
		const inDate = approved.some((a) => a.reviewBy >= today);
		const own = tests
			.filter((t) => t.systemId === s.id)
			.sort((a, b) => b.testedOn.localeCompare(a.testedOn) || (b.testId ?? 0) - (a.testId ?? 0));
		const recent = own.filter((t) => t.testedOn >= since);
		const last = own[0] ?? null;
		const withinRto = last?.withinRto === true;
		const approvedPlan = approved.length > 0;
		const tested = recent.length > 0;
		const reason = [
			s.criticality === 'critical' ? 'Critical' : '',
			s.statutoryDuties.trim() ? 'Statutory duty' : ''
		]
			.filter(Boolean)
			.join(', ');
		return {
			systemId: s.id,
			name: s.name,
			reason,
			approvedPlan,
			inDate,
			testedWithin12Months: tested,
			withinRto,
			allFour: approvedPlan && inDate && tested && withinRto,
			lastTestedOn: last?.testedOn ?? null,
			lastTestFailed: last != null && (last.failed === true || last.withinRto !== true),
			words: {
				approvedPlan: approvedPlan
					? 'Yes'
					: unratified
						? 'No: approved at an inquorate meeting, not ratified'
						: 'No approved plan',
				inDate: inDate ? 'Yes' : approvedPlan ? 'No: review overdue' : 'No plan',
				tested: tested ? 'Yes' : last ? 'No: last tested more than 12 months ago' : 'Never tested',
				withinRto:
					last == null
						? 'Never tested'
						: last.withinRto == null
							? 'No RTO when tested'
							: last.withinRto
								? 'Yes'
								: 'No: RTO breached at the last test'
			}
		};
	});
}

export interface ScrutinyFigures {
	systems: number;
	meetingAllFour: number;
	/** Whole per cent, rounded half up; null when there are no such systems. */
	sharePercent: number | null;
	overdueReviews: number;
	overdueActions: number;
	inquorateMeetings: number;
}

export function scrutinyFigures(
	rows: readonly ScrutinyRow[],
	counts: { overdueReviews: number; overdueActions: number; inquorateMeetings: number }
): ScrutinyFigures {
	const meetingAllFour = rows.filter((r) => r.allFour).length;
	return {
		systems: rows.length,
		meetingAllFour,
		sharePercent:
			rows.length === 0
				? null
				: Math.floor((meetingAllFour * 100 * 2 + rows.length) / (rows.length * 2)),
		...counts
	};
}

export const UNPROVEN_WHY = {
	never: 'recovery never tested',
	failed: 'failed its last recovery test'
} as const;

/**
 * The continuity guard: statutory systems never tested, or that failed their last test (recorded
 * as failed, over the RTO, or with no RTO to meet). The dashboard runs the same rule as one query
 * (repos/governance-continuity.ts); an integration test holds the two to the same answer.
 */
export function untestedStatutory(
	rows: readonly ScrutinyRow[]
): { systemId: number; name: string; why: string }[] {
	return rows
		.filter((r) => r.reason.includes('Statutory') && (r.lastTestedOn == null || r.lastTestFailed))
		.map((r) => ({
			systemId: r.systemId,
			name: r.name,
			why: r.lastTestedOn == null ? UNPROVEN_WHY.never : UNPROVEN_WHY.failed
		}));
}

export const SCRUTINY_CSV_HEADER = [
	'System',
	'Why it is covered',
	'Approved plan',
	'In date',
	'Tested independently within 12 months',
	'Within its RTO at the last test',
	'Meets all four',
	'Last tested'
] as const;

/** The scrutiny view as CSV rows, answers in words. */
export function scrutinyCsvRows(rows: readonly ScrutinyRow[]): string[][] {
	return rows.map((r) => [
		r.name,
		r.reason,
		r.words.approvedPlan,
		r.words.inDate,
		r.words.tested,
		r.words.withinRto,
		r.allFour ? 'Yes' : 'No',
		r.lastTestedOn ?? ''
	]);
}
