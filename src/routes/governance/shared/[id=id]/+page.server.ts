import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import { todayInUk } from '$lib/domain/dates';
import * as partnerships from '$lib/server/repos/governance-partnerships';
import * as organisations from '$lib/server/repos/organisations';
import * as register from '$lib/server/services/governance-register';

/**
 * A shared service's register as one of its partners reads it. The only way in is a membership
 * covering today; any other organisation id (a shared service of which the caller's organisation is
 * not a partner, or one it has left) is a 404 like a missing record, and audited as a denial.
 */
export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'governance:read');
	const sharedId = Number(event.params.id);
	const today = todayInUk();
	if (!(await partnerships.isPartnerOn(db(), sharedId, organisationId, today))) {
		return recordNotFound(event, 'organisation', sharedId);
	}
	const shared = (await organisations.getOrganisation(db(), sharedId)) ?? error(404, 'Not found');
	const view = await register.registerForPartner(db(), sharedId, organisationId, today);
	return { shared: { id: shared.id, name: shared.name }, ...view };
};
