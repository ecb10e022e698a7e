import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import { todayInUk } from '$lib/domain/dates';
import { financialYearOf, parseFinancialYear } from '$lib/domain/fiscal';
import * as partnerships from '$lib/server/repos/governance-partnerships';
import * as organisations from '$lib/server/repos/organisations';
import { partnerView } from '$lib/server/services/recharge-views';
import { pageNumber } from '$lib/domain/recharges';

/**
 * A shared service's recharges as one of its partners reads them: every key and total, and only
 * the caller's own organisation's cost centres and recharges (the partner is always the caller's
 * organisation, never one named in the URL). Not a partner today: a 404, audited as a denial.
 */
export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'governance:read');
	const sharedId = Number(event.params.id);
	if (!(await partnerships.isPartnerOn(db(), sharedId, organisationId, todayInUk())))
		return recordNotFound(event, 'organisation', sharedId);
	const shared = (await organisations.getOrganisation(db(), sharedId)) ?? error(404, 'Not found');
	const parsed = parseFinancialYear(event.url.searchParams.get('year') ?? '');
	const year = parsed.ok ? parsed.label : financialYearOf(todayInUk());
	return {
		shared: { id: shared.id, name: shared.name },
		...(await partnerView(
			db(),
			sharedId,
			organisationId,
			year,
			pageNumber(event.url.searchParams.get('page'))
		))
	};
};
