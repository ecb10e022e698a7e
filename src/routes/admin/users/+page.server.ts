import { fail } from '@sveltejs/kit';
import { redirectWithSuccess } from '$lib/server/web/flash';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { assignableRoles } from '$lib/domain/permissions';
import { checkNewUser, readNewUserForm } from '$lib/domain/users';
import * as users from '$lib/server/repos/users';
import * as userService from '$lib/server/services/users';
import { fieldError } from '$lib/domain/forms';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'user:manage');
	return { users: await users.listUsers(db(), organisationId), roles: assignableRoles(role) };
};

export const actions: Actions = {
	create: async (event) => {
		const { actor, organisationId, role } = await authorise(event, 'user:manage');
		const { values, password } = readNewUserForm(await event.request.formData());
		const checked = checkNewUser(values, password, assignableRoles(role));
		if (!checked.ok) return fail(400, { values, errors: checked.errors });
		const result = await userService.createUser(actor, {
			organisationId,
			email: values.email,
			displayName: values.displayName,
			role: checked.role,
			password
		});
		// Taken in this organisation only (the list shows it anyway): other organisations' accounts are never revealed.
		if (!result.ok)
			return fail(400, {
				values,
				errors: fieldError(
					'email',
					'This organisation already has an account with this email address'
				)
			});
		redirectWithSuccess(
			event,
			'/admin/users',
			`Account created for ${result.user.email}. Give them their first password by a separate channel and ask them to change it.`
		);
	}
};
