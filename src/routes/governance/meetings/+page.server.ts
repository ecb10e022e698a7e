import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import { todayInUk } from '$lib/domain/dates';
import * as partnerships from '$lib/server/repos/governance-partnerships';
import * as register from '$lib/server/services/governance-register';
import {
	attachPaper,
	recordDecision,
	recordMeeting
} from '$lib/server/web/governance-meeting-pages';

/** Everyone who has been a partner: the form asks about those who were members on the meeting's date. */
async function partnerIds(organisationId: number) {
	return [
		...new Set(
			(await partnerships.listPartners(db(), organisationId)).map((p) => p.partnerOrganisationId)
		)
	];
}

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'governance:read');
	const [meetings, partners, agreement] = await Promise.all([
		register.meetingRegister(db(), organisationId),
		partnerships.listPartners(db(), organisationId),
		partnerships.getAgreement(db(), organisationId)
	]);
	const seen = new Map(partners.map((p) => [p.partnerOrganisationId, p.partnerName]));
	const unratified = meetings
		.filter((m) => !m.quorate)
		.flatMap((m) =>
			m.decisions
				.filter((d) => !d.ratified)
				.map((d) => ({ value: String(d.id), label: `${d.minuteRef}: ${d.subject}` }))
		);
	return {
		today: todayInUk(),
		meetings,
		partners: [...seen].map(([id, name]) => ({ id, name })),
		hasAgreement: agreement != null,
		unratified,
		canEdit: can(role, 'governance:write')
	};
};

export const actions: Actions = {
	record: async (event) => {
		const { actor } = await authorise(event, 'governance:write');
		return recordMeeting(event, actor, await partnerIds(actor.organisationId));
	},
	decide: async (event) => {
		const { actor } = await authorise(event, 'governance:write');
		return recordDecision(event, actor);
	},
	attach: async (event) => {
		const { actor } = await authorise(event, 'governance:write');
		return attachPaper(event, actor);
	}
};
