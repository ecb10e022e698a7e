import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import { todayInUk } from '$lib/domain/dates';
import { financialYearOf, parseFinancialYear } from '$lib/domain/fiscal';
import { keyFormValues, pageNumber, serviceKey } from '$lib/domain/recharges';
import * as partnerships from '$lib/server/repos/governance-partnerships';
import * as keys from '$lib/server/repos/recharge-keys';
import { serviceView } from '$lib/server/services/recharge-views';
import { addCostCentre, removeKey, saveKey } from '$lib/server/web/recharge-pages';
import { saveBudget } from '$lib/server/web/partner-budget-page';
import { budgetsView } from '$lib/server/services/partner-budgets';
import { queryId } from '$lib/server/web/http';

/**
 * Recharges of the caller's own organisation when it is a shared service (every partner, key, cost
 * centre and total; one partner's lines with ?partner=); otherwise the shared services it is a
 * partner of, each opening at /recharges/shared/[id].
 */
export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'governance:read');
	const parsed = parseFinancialYear(event.url.searchParams.get('year') ?? '');
	const year = parsed.ok ? parsed.label : financialYearOf(todayInUk());
	if (!(await partnerships.getAgreement(db(), organisationId)))
		return {
			shared: false as const,
			memberOf: await partnerships.sharedServicesOf(db(), organisationId, todayInUk())
		};
	const partnerId = queryId(event.url, 'partner');
	const params = event.url.searchParams;
	const view = await serviceView(
		db(),
		organisationId,
		year,
		partnerId,
		pageNumber(params.get('page')),
		pageNumber(params.get('overheadPage'))
	);
	const ids = view.partners.map((p) => p.id);
	const editing = queryId(event.url, 'key');
	const key = editing ? await keys.getKey(db(), organisationId, editing) : undefined;
	const blank = serviceKey(year);
	return {
		shared: true as const,
		...view,
		canWrite: can(role, 'governance:write'),
		budgets: await budgetsView(db(), organisationId, year, queryId(event.url, 'budget')),
		keyForm: {
			keyId: key?.id ?? null,
			version: key?.version ?? 0,
			values: keyFormValues(key ?? blank, ids)
		}
	};
};

export const actions: Actions = {
	saveKey: async (event) => saveKey(event, (await authorise(event, 'governance:write')).actor),
	removeKey: async (event) => removeKey(event, (await authorise(event, 'governance:write')).actor),
	addCostCentre: async (event) =>
		addCostCentre(event, (await authorise(event, 'governance:write')).actor),
	saveBudget: async (event) => saveBudget(event, (await authorise(event, 'governance:write')).actor)
};
