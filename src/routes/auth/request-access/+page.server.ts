import type { PageServerLoad } from './$types';
import { SSO_REFUSAL_MESSAGE, REQUEST_ACCESS, type SsoRefusal } from '$lib/domain/sso';

// Public by design: an organisation account that signed in but has no access here (no mapped app
// role, no account, or an unlinked account with the same email). Reasons are a fixed list.
export const load: PageServerLoad = ({ url }) => {
	const reason = url.searchParams.get('reason') ?? '';
	return {
		message:
			SSO_REFUSAL_MESSAGE[
				REQUEST_ACCESS.has(reason as SsoRefusal) ? (reason as SsoRefusal) : 'no-role'
			]
	};
};
