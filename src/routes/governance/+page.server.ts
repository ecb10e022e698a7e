import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { todayInUk } from '$lib/domain/dates';
import * as register from '$lib/server/services/governance-register';
import * as partnerships from '$lib/server/repos/governance-partnerships';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'governance:read');
	const today = todayInUk();
	const [view, sharedServices] = await Promise.all([
		register.scrutiny(db(), organisationId, today),
		partnerships.sharedServicesOf(db(), organisationId, today)
	]);
	return { today, ...view, sharedServices };
};
