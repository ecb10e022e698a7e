import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import * as partnerships from '$lib/server/repos/governance-partnerships';
import * as organisations from '$lib/server/repos/organisations';
import * as recovery from '$lib/server/repos/governance-recovery';
import {
	agreementValues,
	joinPartner,
	leavePartner,
	saveAgreement,
	setSystemPartners
} from '$lib/server/web/governance-pages';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'governance:read');
	const canManage = can(role, 'partnership:manage');
	const [agreement, partners, links, systems] = await Promise.all([
		partnerships.getAgreement(db(), organisationId),
		partnerships.listPartners(db(), organisationId),
		partnerships.systemPartners(db(), organisationId),
		recovery.listSystemsForGovernance(db(), organisationId)
	]);
	// Only a platform administrator sees the platform's other organisations, to choose partners from.
	const choices = canManage
		? (await organisations.listOrganisations(db()))
				.filter((o) => o.id !== organisationId)
				.map((o) => ({ value: String(o.id), label: o.name }))
		: [];
	const names = new Map(partners.map((p) => [p.partnerOrganisationId, p.partnerName]));
	return {
		agreement: agreement ? { ...agreement } : null,
		values: agreementValues(agreement),
		// 0: the form is opened before there is an agreement (a saved one starts at version 1).
		version: agreement?.version ?? 0,
		partners,
		systems: systems.map((s) => ({
			id: s.id,
			name: s.name,
			partnerIds: links.filter((l) => l.systemId === s.id).map((l) => l.partnerOrganisationId),
			partnerNames: links
				.filter((l) => l.systemId === s.id)
				.map((l) => names.get(l.partnerOrganisationId) ?? '')
		})),
		choices,
		canManage
	};
};

export const actions: Actions = {
	agreement: async (event) => {
		const { actor } = await authorise(event, 'partnership:manage');
		return saveAgreement(event, actor);
	},
	join: async (event) => {
		const { actor } = await authorise(event, 'partnership:manage');
		return joinPartner(event, actor);
	},
	leave: async (event) => {
		const { actor } = await authorise(event, 'partnership:manage');
		return leavePartner(event, actor);
	},
	systems: async (event) => {
		const { actor } = await authorise(event, 'partnership:manage');
		return setSystemPartners(event, actor);
	}
};
