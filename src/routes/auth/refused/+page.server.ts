import type { PageServerLoad } from './$types';
import { SSO_REFUSAL_MESSAGE, REQUEST_ACCESS, type SsoRefusal } from '$lib/domain/sso';

// Public by design: the answer to a refused organisation sign-in. The reason is one of a fixed list;
// anything else reads as a failed sign-in, so nothing typed into the address is shown.
export const load: PageServerLoad = ({ url }) => {
	const reason = url.searchParams.get('reason') ?? '';
	const known = reason in SSO_REFUSAL_MESSAGE && !REQUEST_ACCESS.has(reason as SsoRefusal);
	return { message: SSO_REFUSAL_MESSAGE[known ? (reason as SsoRefusal) : 'failed'] };
};
