import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { linkSsoAccount, saveSsoSettings, ssoPageData } from '$lib/server/web/sso-page';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'user:manage');
	return ssoPageData(event, organisationId);
};

export const actions: Actions = {
	save: async (event) => saveSsoSettings(event, (await authorise(event, 'user:manage')).actor),
	link: async (event) => linkSsoAccount(event, (await authorise(event, 'user:manage')).actor)
};
