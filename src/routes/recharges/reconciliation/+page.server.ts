import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import { todayInUk } from '$lib/domain/dates';
import { penceToInput } from '$lib/domain/money';
import * as partnerships from '$lib/server/repos/governance-partnerships';
import * as reconciliation from '$lib/server/services/reconciliation';
import { saveTolerance } from '$lib/server/web/ledger-pages';
import { queryId } from '$lib/server/web/http';
import { readRowLines } from '$lib/domain/recharges';

/**
 * The shared service's officers: every partner's reconciliation status, one partner's in full with
 * ?partner= (and a page of the lines behind one of its rows with &centre=&year=&spend=), and the
 * tolerance. Any other organisation: the shared services it reconciles with.
 */
export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'governance:read');
	if (!(await partnerships.getAgreement(db(), organisationId)))
		return {
			shared: false as const,
			memberOf: await partnerships.sharedServicesOf(db(), organisationId, todayInUk())
		};
	const partners = await reconciliation.partnerStatuses(db(), organisationId);
	const partnerId = queryId(event.url, 'partner');
	const chosen = partners.find((p) => p.id === partnerId);
	const listed = chosen ? readRowLines(event.url.searchParams) : null;
	return {
		shared: true as const,
		partners,
		partner: chosen ? { id: chosen.id, name: chosen.name } : null,
		reconciliation: chosen
			? await reconciliation.reconciliationOf(db(), organisationId, chosen.id, 'officer')
			: null,
		listed: listed && {
			...listed,
			page: await reconciliation.linesBehind(
				db(),
				organisationId,
				chosen!.id,
				listed.row,
				listed.after
			)
		},
		tolerance: penceToInput(await reconciliation.toleranceOf(db(), organisationId)),
		canWrite: can(role, 'governance:write')
	};
};

export const actions: Actions = {
	tolerance: async (event) => saveTolerance(event, await authorise(event, 'governance:write'))
};
