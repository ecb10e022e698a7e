import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import { todayInUk } from '$lib/domain/dates';
import { financialYearOf } from '$lib/domain/fiscal';
import * as partnerships from '$lib/server/repos/governance-partnerships';
import * as statements from '$lib/server/repos/recharge-statements';
import { prepareStatement } from '$lib/server/web/recharge-statement-pages';

/**
 * A shared service's officers see every statement it has prepared or issued, and prepare the next;
 * any other organisation sees the statements issued to it by the shared services it is a partner of.
 */
export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'governance:read');
	if (!(await partnerships.getAgreement(db(), organisationId)))
		return {
			shared: false as const,
			statements: await statements.listStatementsOfPartner(db(), organisationId)
		};
	const partners = await partnerships.listPartners(db(), organisationId);
	return {
		shared: true as const,
		statements: await statements.listStatements(db(), organisationId),
		partners: [...new Map(partners.map((p) => [p.partnerOrganisationId, p.partnerName]))].map(
			([id, name]) => ({ id, name })
		),
		year: financialYearOf(todayInUk()),
		canWrite: can(role, 'governance:write')
	};
};

export const actions: Actions = {
	prepare: async (event) =>
		prepareStatement(event, (await authorise(event, 'governance:write')).actor)
};
