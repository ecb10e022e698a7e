import { invalidateAll } from '$app/navigation';
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * For `use:enhance` on the business case forms and the report's issue form: after a conflict (409,
 * also answered when the figures moved under a decision or an issue) the page's data is loaded
 * again, so what is beside the form (lists, figures, the fingerprint the form carries) is what is
 * saved now, while the form keeps what was typed. (Without JavaScript the page is rendered afresh after the post anyway.)
 */
export const refreshOnConflict: SubmitFunction =
	() =>
	async ({ result, update }) => {
		await update();
		if (result.type === 'failure' && result.status === 409) await invalidateAll();
	};
