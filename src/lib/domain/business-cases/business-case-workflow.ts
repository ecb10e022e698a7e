/**
 * A business case's approval workflow: its statuses, the steps between them, and the decision record
 * members make. Re-exported by ./business-case, which holds the case's content.
 */

export const CASE_STATUSES = [
	'draft',
	'submitted',
	'approved',
	'approved_with_conditions',
	'rejected',
	'deferred'
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABEL: Record<CaseStatus, string> = {
	draft: 'Draft',
	submitted: 'Submitted for decision',
	approved: 'Approved',
	approved_with_conditions: 'Approved with conditions',
	rejected: 'Rejected',
	deferred: 'Deferred'
};
export const DECISION_OUTCOMES = [
	'approved',
	'approved_with_conditions',
	'rejected',
	'deferred'
] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
/** Outcomes that freeze the version: what members approved must stay as they saw it. */
export const FREEZING_OUTCOMES: readonly DecisionOutcome[] = [
	'approved',
	'approved_with_conditions'
];

export type WorkflowStep =
	| { action: 'submit' }
	| { action: 'withdraw' }
	| { action: 'decide'; outcome: DecisionOutcome }
	| { action: 'revise' };

/**
 * The workflow as a table: from each status, the steps allowed and where each leads. 'Withdraw'
 * takes a submitted case back to draft before a decision (same version: nothing was decided on it).
 * 'Revise' starts a new draft version from a decided one; the decided version stays as it is.
 */
export function nextStatus(
	from: CaseStatus,
	step: WorkflowStep
): { ok: true; status: CaseStatus; newVersion: boolean } | { ok: false; reason: string } {
	const label = CASE_STATUS_LABEL[from].toLowerCase();
	switch (step.action) {
		case 'submit':
			return from === 'draft'
				? { ok: true, status: 'submitted', newVersion: false }
				: { ok: false, reason: `Only a draft can be submitted; this case is ${label}` };
		case 'withdraw':
			return from === 'submitted'
				? { ok: true, status: 'draft', newVersion: false }
				: {
						ok: false,
						reason: `Only a case awaiting decision can be withdrawn; this case is ${label}`
					};
		case 'decide':
			return from === 'submitted'
				? { ok: true, status: step.outcome, newVersion: false }
				: {
						ok: false,
						reason: `Only a case submitted for decision can be decided; this case is ${label}`
					};
		case 'revise':
			return (DECISION_OUTCOMES as readonly string[]).includes(from)
				? { ok: true, status: 'draft', newVersion: true }
				: {
						ok: false,
						reason: `Only a decided case can be revised as a new version; this case is ${label}`
					};
	}
}

export const DECISION_MAKERS = ['cabinet', 'committee', 'delegated_officer'] as const;
export type DecisionMaker = (typeof DECISION_MAKERS)[number];
export const DECISION_MAKER_LABEL: Record<DecisionMaker, string> = {
	cabinet: 'Cabinet',
	committee: 'Committee',
	delegated_officer: 'Delegated officer'
};

export interface DecisionInput {
	outcome: DecisionOutcome;
	decisionMaker: DecisionMaker;
	meetingDate: string;
	minuteRef: string;
	/** A key decision under the Local Authorities (Executive Arrangements) Regulations 2012, reg. 8. */
	keyDecision: boolean;
	/** Required for 'approved with conditions'; '' otherwise. */
	conditions: string;
	/** The reasons recorded with the decision (why it was rejected or deferred, say). */
	reasons: string;
}

/**
 * Where a refused workflow step's problem is put right, from the key the server files it under
 * ('options:1', 'edit:2', 'case:1'): the options page, the details page, or the case as now saved.
 */
export function workflowProblemHref(caseId: number, key: string): string {
	const page = key.slice(0, key.indexOf(':'));
	return page === 'options' || page === 'edit'
		? `/business-cases/${caseId}/${page}`
		: `/business-cases/${caseId}`;
}
