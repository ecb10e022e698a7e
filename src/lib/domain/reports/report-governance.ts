/**
 * The committee report's governance section: the scrutiny view's figures and rows as at the
 * report's position date (the quarter's end once it has passed), frozen with the report so a
 * re-read shows what was reported, not today's answers. Pure: the server gathers the scrutiny
 * rows as at that date; this shapes them for the report and for its labelled lines.
 */
import type { ScrutinyFigures, ScrutinyRow } from '../governance/scrutiny';

/** What the server gathers for the section (the scrutiny service's answer as at the position date). */
export interface GovernanceFacts {
	rows: readonly ScrutinyRow[];
	figures: ScrutinyFigures;
	overdueActions: readonly { description: string; owner: string; dueOn: string }[];
	overdueReviews: readonly { title: string; reviewBy: string | null }[];
}

export interface ReportGovernanceSystem {
	name: string;
	reason: string;
	allFour: boolean;
	approvedPlan: string;
	inDate: string;
	tested: string;
	withinRto: string;
	lastTestedOn: string | null;
}

export interface ReportGovernance {
	basis: string;
	figures: ScrutinyFigures;
	systems: ReportGovernanceSystem[];
	overdueActions: { description: string; owner: string; dueOn: string }[];
	overdueReviews: { title: string; reviewBy: string | null }[];
}

export const GOVERNANCE_BASIS =
	'Every critical system and every system supporting a statutory duty, as at the position date: an approved plan covering it (ratified by a quorate meeting), in date for review, tested independently within 12 months, and restored within its recovery time objective at its last test.';

/** The section as frozen in the report: answers in words, lists in a stable order. */
export function reportGovernance(facts: GovernanceFacts): ReportGovernance {
	const byName = (a: { name: string }, b: { name: string }) =>
		a.name.localeCompare(b.name, 'en-GB');
	return {
		basis: GOVERNANCE_BASIS,
		figures: { ...facts.figures },
		systems: facts.rows
			.map((r) => ({
				name: r.name,
				reason: r.reason,
				allFour: r.allFour,
				approvedPlan: r.words.approvedPlan,
				inDate: r.words.inDate,
				tested: r.words.tested,
				withinRto: r.words.withinRto,
				lastTestedOn: r.lastTestedOn
			}))
			.sort(byName),
		overdueActions: facts.overdueActions
			.map((a) => ({ description: a.description, owner: a.owner, dueOn: a.dueOn }))
			.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.description.localeCompare(b.description)),
		overdueReviews: facts.overdueReviews
			.map((r) => ({ title: r.title, reviewBy: r.reviewBy }))
			.sort((a, b) => a.title.localeCompare(b.title, 'en-GB'))
	};
}

/** '3 of 4 (75%)', or 'no system is covered' when none is critical or statutory. */
export function shareWords(f: ScrutinyFigures): string {
	return f.sharePercent == null
		? 'no system is critical or supports a statutory duty'
		: `${f.meetingAllFour} of ${f.systems} (${f.sharePercent}%)`;
}

/** The section as labelled lines (for the issue form's 'what changed'). */
export function governanceLines(g: ReportGovernance): [string, string][] {
	const f = g.figures;
	return [
		['Governance: systems meeting all four', shareWords(f)],
		['Governance: plans overdue for review', String(f.overdueReviews)],
		['Governance: actions overdue', String(f.overdueActions)],
		['Governance: meetings not quorate', String(f.inquorateMeetings)],
		...g.systems.map((s): [string, string] => [
			`Governance: ${s.name}`,
			`plan ${s.approvedPlan}; in date ${s.inDate}; tested ${s.tested}; within RTO ${s.withinRto}`
		])
	];
}
