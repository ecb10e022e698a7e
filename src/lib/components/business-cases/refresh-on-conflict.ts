import { invalidateAll } from '$app/navigation';
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * For `use:enhance` on the business case forms: after a conflict (409) the page's data is loaded
 * again, so lists beside the form show what the other person saved, while the form keeps what was
 * typed. (Without JavaScript the page is rendered afresh after the post anyway.)
 */
export const refreshOnConflict: SubmitFunction = () => async ({ result, update }) => {
	await update();
	if (result.type === 'failure' && result.status === 409) await invalidateAll();
};
