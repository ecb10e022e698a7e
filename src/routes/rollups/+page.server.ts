import type { PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { todayInUk } from '$lib/domain/dates';
import { parseWholeLifeYears } from '$lib/domain/rollups';
import * as report from '$lib/server/services/rollup-report';

/** The business-case roll-ups. A bad `?years=` still shows the page, with the error and the value typed. */
export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	const years = parseWholeLifeYears(event.url.searchParams.get('years'));
	return {
		years: {
			value: years.value,
			chosen: years.ok ? years.years : null,
			error: years.ok ? null : years.error
		},
		report: await report.rollupReport(organisationId, {
			today: todayInUk(),
			years: years.ok ? years.years : null
		})
	};
};
