import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import * as cases from '$lib/server/repos/business-cases';
import * as caseService from '$lib/server/services/business-cases';
import * as decisions from '$lib/server/services/business-case-decisions';
import { sharesToday } from '$lib/server/services/business-case-partners';
import { answerWorkflow, caseOf, postedVersion } from '$lib/server/web/business-case-page';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role, actor } = await authorise(event, 'catalogue:read');
	const detail = await caseOf(event, organisationId);
	const { businessCase, current, versions, decisions: decided, baselineVersionNumber } = detail;
	const figures = (await caseService.figuresOf(organisationId, businessCase.id, current.number))!;
	// The approved version, frozen, with its hash checked now (as its own page shows it).
	const frozen = await cases.latestFrozenVersion(db(), organisationId, businessCase.id);
	const approved = frozen?.frozenAt
		? {
				number: frozen.number,
				frozenAt: frozen.frozenAt,
				verified:
					(await decisions.verifyFrozenVersion(organisationId, businessCase.id, frozen.number)) ??
					null
			}
		: null;
	return {
		approved,
		businessCase,
		current: {
			number: current.number,
			status: current.status,
			frozenAt: current.frozenAt,
			contentHash: current.contentHash
		},
		versions,
		decisions: decided.map((d) => ({
			...d,
			versionNumber: versions.find((v) => v.id === d.versionId)?.number
		})),
		baselineVersionNumber,
		figures,
		// Shares in the snapshot are shown with its figures; a version frozen without them gets today's.
		sharesToday: await sharesToday(organisationId, figures),
		canWrite: can(role, 'business-case:write'),
		canDecide: can(role, 'business-case:decide'),
		youEdited: await cases.hasEditedCase(db(), organisationId, businessCase.id, actor.userId)
	};
};

/** A workflow button: authorise, find the case, take the step at the version shown. */
async function step(
	event: RequestEvent,
	run: typeof decisions.submitBusinessCase,
	done: Parameters<typeof answerWorkflow>[3]
) {
	const { actor } = await authorise(event, 'business-case:write');
	const { businessCase } = await caseOf(event, actor.organisationId);
	const version = postedVersion(await event.request.formData());
	const result = await run(actor, businessCase.id, version);
	return answerWorkflow(event, businessCase.id, result, done, version);
}

export const actions: Actions = {
	submit: (event) => step(event, decisions.submitBusinessCase, 'submitted'),
	withdraw: (event) => step(event, decisions.withdrawBusinessCase, 'withdrawn'),
	revise: (event) => step(event, decisions.reviseBusinessCase, 'revised')
};
