import { error } from '@sveltejs/kit';
import { redirectWithSuccess } from '$lib/server/web/flash';
import type { Actions, PageServerLoad } from './$types';
import { transaction } from '$lib/server/db/database';
import { authorise, type Authorised } from '$lib/server/auth/guard';
import { recordNotFound, recordOf } from '$lib/server/web/record';
import { fieldError } from '$lib/domain/forms';
import { refuseButton } from '$lib/server/web/button-answer';
import { recordAudit } from '$lib/server/repos/audit';
import { assignableRoles, isRole } from '$lib/domain/permissions';
import * as users from '$lib/server/repos/users';
import * as userService from '$lib/server/services/users';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'user:manage');
	const user = await recordOf(event, organisationId, 'user', users.getUser);
	return {
		user: users.withoutHash(user),
		roles: assignableRoles(role),
		canChange: assignableRoles(role).includes(user.role)
	};
};

const REFUSAL = {
	'last-admin': 'The organisation must keep at least one active administrator',
	'not-found': 'Not found',
	'email-taken': 'Email taken',
	'wrong-password': 'Wrong password',
	forbidden: 'You cannot change this account'
} as const;

/** An administrator reaching above their own role (a platform administrator's account): 403, audited. */
async function refuse(
	event: Parameters<typeof authorise>[0],
	actor: Authorised['actor'],
	id: number
): Promise<never> {
	await transaction((tx) =>
		recordAudit(tx, actor, {
			entity: 'user',
			entityId: id,
			action: 'access-denied',
			detail: 'cannot change an account with a role above your own'
		})
	);
	error(403, 'You cannot change this account');
}

export const actions: Actions = {
	role: async (event) => {
		const { actor, role } = await authorise(event, 'user:manage');
		const id = Number(event.params.id);
		const user = await recordOf(event, actor.organisationId, 'user', users.getUser, id);
		const wanted = String((await event.request.formData()).get('role') ?? '');
		// Refused, the choice stays as posted (the one FormFailure), so nothing picked is lost.
		const refusal = { version: user.version, values: { role: wanted }, action: 'role' };
		if (!isRole(wanted) || !assignableRoles(role).includes(wanted))
			return refuseButton(400, fieldError('role', 'Select a role'), refusal);
		const result = await userService.changeRole(actor, role, id, wanted);
		if (!result.ok && result.reason === 'forbidden') return refuse(event, actor, id);
		if (!result.ok && result.reason === 'not-found') return recordNotFound(event, 'user', id);
		if (!result.ok) return refuseButton(400, fieldError('role', REFUSAL[result.reason]), refusal);
		redirectWithSuccess(event, `/admin/users/${id}`, 'Role changed.');
	},
	disable: async (event) => {
		const { actor, role } = await authorise(event, 'user:manage');
		const id = Number(event.params.id);
		const user = await recordOf(event, actor.organisationId, 'user', users.getUser, id);
		const disable = (await event.request.formData()).get('disabled') === 'true';
		const refusal = {
			version: user.version,
			values: { disabled: String(disable) },
			action: 'disable'
		};
		if (disable && id === actor.userId)
			return refuseButton(
				400,
				fieldError('disabled', 'You cannot disable your own account'),
				refusal
			);
		const result = await userService.setDisabled(actor, role, id, disable);
		if (!result.ok && result.reason === 'forbidden') return refuse(event, actor, id);
		if (!result.ok && result.reason === 'not-found') return recordNotFound(event, 'user', id);
		if (!result.ok)
			return refuseButton(400, fieldError('disabled', REFUSAL[result.reason]), refusal);
		redirectWithSuccess(
			event,
			`/admin/users/${id}`,
			disable ? 'Account disabled and signed out everywhere.' : 'Account enabled.'
		);
	}
};
