import { fail } from '@sveltejs/kit';
import { redirectWithSuccess } from '$lib/server/web/flash';
import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { passwordProblem } from '$lib/domain/users';
import * as userService from '$lib/server/services/users';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { fieldError } from '$lib/domain/forms';

export const load: PageServerLoad = async (event) => {
	await authorise(event, 'account:manage');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const { actor } = await authorise(event, 'account:manage');
		const form = await event.request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('password') ?? '');
		const errors: Record<string, string> = {};
		if (!current) errors.current = 'Enter your current password';
		const problem = passwordProblem(next, event.locals.user?.email);
		if (problem) errors.password = problem;
		else if (next === current)
			errors.password = 'New password must be different from your current password';
		if (Object.keys(errors).length) return fail(400, { errors });
		const result = await userService.changeOwnPassword(
			actor,
			event.locals.sessionToken ?? '',
			current,
			next
		);
		if (!result.ok && result.reason === 'throttled')
			return fail(429, { errors: fieldError('current', result.message) });
		if (!result.ok)
			return fail(400, { errors: fieldError('current', 'Your current password is not correct') });
		setSessionCookie(event.cookies, event.url, result.token, result.expiresAt);
		redirectWithSuccess(
			event,
			'/account/password?changed=1',
			'Your password has been changed. You have been signed out everywhere else.'
		);
	}
};
