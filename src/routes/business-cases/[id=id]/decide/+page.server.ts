import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { authorise } from '$lib/server/auth/guard';
import {
	changeDecision,
	checkDecision,
	loadDecision,
	recordDecision
} from '$lib/server/web/case-decision-page';

/** Only an approver sees the page or posts to it: checked before the case or the form is read. */
const approver = async (event: RequestEvent) =>
	(await authorise(event, 'business-case:decide')).actor;

export const load: PageServerLoad = async (event) => loadDecision(event, await approver(event));

export const actions: Actions = {
	/** 'Continue': a decision cannot be taken back, so a valid one is shown again for confirmation first. */
	check: async (event) => checkDecision(event, await approver(event)),
	/** 'Change the decision' on the confirmation: the form again, as typed. */
	change: async (event) => changeDecision(event, await approver(event)),
	/** 'Record the decision' on the confirmation. */
	decide: async (event) => recordDecision(event, await approver(event))
};
