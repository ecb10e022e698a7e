/**
 * Deciding and issuing as the pages do: with the fingerprint (and lines) of what the page shows at
 * that moment. A test that means to change the figures in between reads `caseShown`/`reportShown`
 * first and passes them itself.
 */
import * as decisions from '$lib/server/services/business-case-decisions';
import * as reportService from '$lib/server/services/committee-reports';
import type { Actor } from '$lib/server/services/actor';
import type { DecisionInput } from '$lib/domain/business-cases';
import type { Seen } from '$lib/domain/hashing';

const NOTHING_SHOWN: Seen = { fingerprint: '', lines: null };

/** What the decision page shows now for the case, as its form posts it back. */
export async function caseShown(organisationId: number, caseId: number): Promise<Seen> {
	const basis = await decisions.decisionBasis(organisationId, caseId);
	return basis ? { fingerprint: basis.fingerprint, lines: basis.lines } : NOTHING_SHOWN;
}

/** What the report page shows an officer now, as the issue form posts it back. */
export async function reportShown(actor: Actor, id: number): Promise<Seen> {
	const view = await reportService.getReport(actor, id, 'officer');
	if (!view) return NOTHING_SHOWN;
	const basis = await reportService.issueBasis(view.content);
	return { fingerprint: basis.fingerprint, lines: basis.lines };
}

/** Decides on the figures as they stand now (the decider read the page just before). */
export async function decide(
	actor: Actor,
	caseId: number,
	expectedVersion: number,
	decision: DecisionInput
) {
	return decisions.decideBusinessCase(
		actor,
		caseId,
		expectedVersion,
		decision,
		await caseShown(actor.organisationId, caseId)
	);
}

/** Issues the report as it stands now (the issuer read the page just before). */
export async function issue(actor: Actor, id: number, expectedVersion: number) {
	return reportService.issueReport(actor, id, expectedVersion, await reportShown(actor, id));
}
