import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as setup from '$lib/server/services/setup';
import { clientAddress } from '$lib/server/auth/guard';
import { EMAIL_MAX, emailProblem, passwordProblem } from '$lib/domain/users';
import { TEXT_LIMITS, refuseUnsafeText, text } from '$lib/domain/forms';

/** Every check of a setup token is counted per address and audited when wrong (services/setup.ts). */
async function requireSetupLink(event: RequestEvent, token: string): Promise<void> {
	const check = await setup.checkSetupLink(token, {
		ip: clientAddress(event),
		userAgent: '',
		requestId: event.locals.requestId
	});
	if (!check.ok)
		error(
			check.reason === 'throttled' ? 429 : 404,
			check.reason === 'throttled' ? check.message : 'Not found'
		);
}

// Public by design, but only with a valid one-time token printed by the server at first start.
export const load: PageServerLoad = async (event) => {
	const token = event.url.searchParams.get('token') ?? '';
	if (!token) error(404, 'Not found');
	await requireSetupLink(event, token);
	return { token, needsOrganisation: await setup.needsFirstOrganisation() };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const token = String(form.get('token') ?? '');
		await requireSetupLink(event, token);
		const values = {
			email: text(form, 'email'),
			displayName: text(form, 'displayName'),
			organisationName: text(form, 'organisationName')
		};
		const password = String(form.get('password') ?? '');
		const errors: Record<string, string> = {};
		const emailError = emailProblem(values.email);
		if (emailError) errors.email = emailError;
		if (!values.displayName) errors.displayName = 'Enter your name';
		if ((await setup.needsFirstOrganisation()) && !values.organisationName)
			errors.organisationName = 'Enter the name of your organisation';
		const passwordError = passwordProblem(password, values.email);
		if (passwordError) errors.password = passwordError;
		refuseUnsafeText(
			errors,
			values,
			{ email: 'Email address', displayName: 'Name', organisationName: 'Organisation name' },
			[],
			{ email: EMAIL_MAX, displayName: TEXT_LIMITS.name, organisationName: TEXT_LIMITS.name }
		);
		if (Object.keys(errors).length) return fail(400, { values, errors });
		const result = await setup.completeSetup(
			token,
			{ ...values, password },
			{ ip: clientAddress(event), userAgent: '', requestId: event.locals.requestId }
		);
		if (!result.ok) error(404, 'Not found');
		redirect(303, '/sign-in?setup=1');
	}
};
