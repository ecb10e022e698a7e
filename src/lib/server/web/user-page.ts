/**
 * A user's page under /admin/users once the route has authorised an administrator: the account
 * (another organisation's is the audited 404), the roles this administrator may hand out, and the
 * role and access buttons, answered as every button is (button-answer.ts). Refused, the role chosen
 * stays chosen.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { recordOf } from './record';
import { answerButton, refuseButton } from './button-answer';
import { fieldError } from '$lib/domain/forms';
import { assignableRoles, isRole, type Role } from '$lib/domain/permissions';
import * as users from '../repos/users';
import * as userService from '../services/users';
import type { Actor } from '../services/actor';

type Event = Pick<RequestEvent, 'cookies' | 'locals' | 'url' | 'request' | 'getClientAddress'> & {
	params: Partial<Record<string, string>>;
};

const userOf = (event: Event, organisationId: number) =>
	recordOf(event, organisationId, 'user', users.getUser);

/** The account without its hash, the roles this administrator may give, and whether they may change it at all. */
export async function userPageData(event: Event, organisationId: number, role: Role) {
	const user = await userOf(event, organisationId);
	return {
		user: users.withoutHash(user),
		roles: assignableRoles(role),
		canChange: assignableRoles(role).includes(user.role)
	};
}

/** The role button: a role this administrator may give, else the refusal with the choice kept. */
export async function changeUserRole(event: Event, actor: Actor, role: Role) {
	const user = await userOf(event, actor.organisationId);
	const wanted = String((await event.request.formData()).get('role') ?? '');
	const refusal = { version: user.version, values: { role: wanted }, action: 'role' };
	if (!isRole(wanted) || !assignableRoles(role).includes(wanted))
		return refuseButton(400, fieldError('role', 'Select a role'), refusal);
	const result = await userService.changeRole(actor, role, user.id, wanted);
	return answerButton(event, result, {
		field: 'role',
		refusal,
		record: { kind: 'user', id: user.id },
		done: () => ({ to: `/admin/users/${user.id}`, message: 'Role changed.' })
	});
}

/** The disable (or enable) button; disabling your own account is refused before the service is asked. */
export async function setUserDisabled(event: Event, actor: Actor, role: Role) {
	const user = await userOf(event, actor.organisationId);
	const disable = (await event.request.formData()).get('disabled') === 'true';
	const refusal = {
		version: user.version,
		values: { disabled: String(disable) },
		action: 'disable'
	};
	if (disable && user.id === actor.userId)
		return refuseButton(
			400,
			fieldError('disabled', 'You cannot disable your own account'),
			refusal
		);
	const result = await userService.setDisabled(actor, role, user.id, disable);
	return answerButton(event, result, {
		field: 'disabled',
		refusal,
		record: { kind: 'user', id: user.id },
		done: () => ({
			to: `/admin/users/${user.id}`,
			message: disable ? 'Account disabled and signed out everywhere.' : 'Account enabled.'
		})
	});
}
