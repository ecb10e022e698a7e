import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	return { organisationName: locals.organisation?.name ?? null };
};
