/** Managing users: creating, changing roles, disabling, passwords. Every change is audited. */
import { db, sessionDb, sessionTransaction, transaction } from '../db/database';
import * as users from '../repos/users';
import * as sessions from '../repos/sessions';
import * as organisations from '../repos/organisations';
import { recordAudit } from '../repos/audit';
import { hashPassword, newToken, tokenHash, verifyPassword } from '../auth/crypto';
import { authConfig } from '../auth/config';
import { normaliseEmail } from '$lib/domain/users';
import { assignableRoles, type Role } from '$lib/domain/permissions';
import { admitAttempt, waitInWords } from './attempts';
import type { Actor } from './actor';
import { refused, type Forbidden, type ServiceResult } from './result';
import type { Executor } from '../db';
import { nowIso } from '$lib/domain/dates';

export type UserResult =
	| { ok: true; user: users.PublicUser }
	| {
			ok: false;
			reason: 'not-found' | 'email-taken';
	  };

/** A change to an account from the users page (its role, its access): the one ServiceResult. */
export type AccountResult = ServiceResult<{ user: users.PublicUser }>;

const LAST_ADMIN = 'The organisation must keep at least one active administrator';

/** An administrator reaching above their own role (a platform administrator's account): audited, then refused. */
async function reachingAbove(ex: Executor, actor: Actor, userId: number): Promise<Forbidden> {
	await recordAudit(ex, actor, {
		entity: 'user',
		entityId: userId,
		action: 'access-denied',
		detail: 'cannot change an account with a role above your own'
	});
	return { ok: false, reason: 'forbidden', message: 'You cannot change this account' };
}

/**
 * Creates a user in `organisationId` (the actor's, unless a platform administrator acts elsewhere).
 * 'email-taken' means taken in THIS organisation only, which its administrator can see in the list
 * anyway: an email used in another organisation gets an account of its own here, so the answer
 * never tells one organisation's administrator who has an account in another.
 */
export async function createUser(
	actor: Actor,
	input: {
		organisationId: number;
		email: string;
		displayName: string;
		role: Role;
		password: string;
	}
): Promise<UserResult> {
	const passwordHash = await hashPassword(input.password);
	const email = normaliseEmail(input.email);
	return transaction(async (tx): Promise<UserResult> => {
		if (!(await organisations.getOrganisation(tx, input.organisationId)))
			return { ok: false, reason: 'not-found' };
		if (await users.findUserInOrganisation(tx, input.organisationId, email))
			return { ok: false, reason: 'email-taken' };
		const user = await users.insertUser(tx, {
			organisationId: input.organisationId,
			email,
			displayName: input.displayName,
			role: input.role,
			passwordHash
		});
		await recordAudit(
			tx,
			actor,
			{
				entity: 'user',
				entityId: user.id,
				action: 'create',
				after: { email, displayName: input.displayName, role: input.role }
			},
			input.organisationId
		);
		return { ok: true, user: users.withoutHash(user) };
	});
}

/**
 * Changes a user's role. Only someone who may hand out both the old and the new role may change it
 * (an organisation administrator cannot touch a platform administrator); an organisation is never
 * left without an active administrator; the user's sessions end, so the new role applies at once.
 */
export async function changeRole(
	actor: Actor,
	actorRole: Role,
	userId: number,
	role: Role
): Promise<AccountResult> {
	const live = await sessions.countSessionsOfUser(sessionDb(), userId);
	let changed = false;
	const result = await transaction(async (tx): Promise<AccountResult> => {
		const before = await users.getUser(tx, actor.organisationId, userId);
		if (!before) return { ok: false, reason: 'not-found' };
		if (
			!assignableRoles(actorRole).includes(before.role) ||
			!assignableRoles(actorRole).includes(role)
		)
			return reachingAbove(tx, actor, userId);
		if (
			before.role === 'org_admin' &&
			role !== 'org_admin' &&
			!before.disabledAt &&
			(await users.countActiveAdmins(tx, actor.organisationId)) <= 1
		) {
			return refused(LAST_ADMIN);
		}
		const after = await users.updateUser(tx, actor.organisationId, userId, { role });
		changed = before.role !== role;
		const ended = changed ? live : 0;
		await recordAudit(tx, actor, {
			entity: 'user',
			entityId: userId,
			action: 'role-change',
			before: { role: before.role },
			after: { role },
			detail: `${ended} session(s) ended`
		});
		return { ok: true, user: users.withoutHash(after!) };
	});
	if (changed) await endSessionsOf(userId);
	return result;
}

/**
 * Ends a user's sessions after the change that calls for it has committed in the main database.
 * Sessions live in the session database, so the two cannot share a transaction; a crash between
 * leaves sessions that resolveSession still judges by the user's current row (disabled, role).
 */
async function endSessionsOf(userId: number): Promise<number> {
	return sessionTransaction((tx) => sessions.deleteSessionsOfUser(tx, userId));
}

/** Disables (or re-enables) a user; disabling ends every session they have at once. */
export async function setDisabled(
	actor: Actor,
	actorRole: Role,
	userId: number,
	disabled: boolean
): Promise<AccountResult> {
	const live = disabled ? await sessions.countSessionsOfUser(sessionDb(), userId) : 0;
	const result = await transaction(async (tx): Promise<AccountResult> => {
		const before = await users.getUser(tx, actor.organisationId, userId);
		if (!before) return { ok: false, reason: 'not-found' };
		if (!assignableRoles(actorRole).includes(before.role)) return reachingAbove(tx, actor, userId);
		if (
			disabled &&
			before.role === 'org_admin' &&
			!before.disabledAt &&
			(await users.countActiveAdmins(tx, actor.organisationId)) <= 1
		) {
			return refused(LAST_ADMIN);
		}
		const after = await users.updateUser(tx, actor.organisationId, userId, {
			disabledAt: disabled ? nowIso() : null
		});
		const ended = live;
		await recordAudit(tx, actor, {
			entity: 'user',
			entityId: userId,
			action: disabled ? 'disable' : 'enable',
			before: { disabled: Boolean(before.disabledAt) },
			after: { disabled },
			detail: disabled ? `${ended} session(s) ended` : ''
		});
		return { ok: true, user: users.withoutHash(after!) };
	});
	if (result.ok && disabled) await endSessionsOf(userId);
	return result;
}

/**
 * Changes the actor's own password after checking the current one, throttled like sign-in: a few
 * wrong current passwords for the account and it is refused for the window (audited), so a stolen
 * session cannot be used to guess the password. Ends every session of theirs, this one included,
 * and returns a fresh token for the session that made the change.
 */
export async function changeOwnPassword(
	actor: Actor & { userId: number },
	currentToken: string,
	current: string,
	next: string,
	now = new Date()
): Promise<
	| { ok: true; token: string; expiresAt: Date }
	| { ok: false; reason: 'wrong-password' | 'not-found' }
	| { ok: false; reason: 'throttled'; message: string }
> {
	const user = await users.getUserById(db(), actor.userId);
	if (!user) return { ok: false, reason: 'not-found' };
	const account = `user:${user.id}`;
	const audit =
		(action: string, detail: string) => (tx: Parameters<typeof sessions.recordAuditLater>[0]) =>
			sessions.recordAuditLater(
				tx,
				actor,
				{ entity: 'user', entityId: user.id, action, detail },
				user.organisationId
			);
	const admission = await admitAttempt(
		'password-change',
		account,
		actor.ip ?? '',
		{
			slowAddress: false,
			onRefused: audit('password-change-throttled', 'too many wrong current passwords')
		},
		now
	);
	if (!admission.ok)
		return {
			ok: false,
			reason: 'throttled',
			message: `Too many wrong passwords. Wait ${waitInWords(admission.refusal)}, then try again.`
		};
	if (!(await verifyPassword(user.passwordHash, current))) {
		await sessionTransaction(audit('password-change-failed', 'current password wrong'));
		return { ok: false, reason: 'wrong-password' };
	}
	const passwordHash = await hashPassword(next);
	const token = newToken();
	const old = await sessions.getSession(sessionDb(), tokenHash(currentToken));
	const expiresAt = new Date(now.getTime() + authConfig().absoluteHours * 3_600_000);
	const live = await sessions.countSessionsOfUser(sessionDb(), user.id);
	await transaction(async (tx) => {
		await users.updateUser(tx, user.organisationId, user.id, { passwordHash });
		await recordAudit(
			tx,
			actor,
			{
				entity: 'user',
				entityId: user.id,
				action: 'password-change',
				detail: `${live} session(s) ended`
			},
			user.organisationId
		);
	});
	// After the new password is committed: a crash before this line leaves the old sessions, never a
	// signed-out user whose old password still works.
	await sessionTransaction(async (tx) => {
		await sessions.deleteSessionsOfUser(tx, user.id);
		await sessions.clearFailures(tx, 'password-change', account, actor.ip ?? '');
		await sessions.insertSession(tx, {
			tokenHash: tokenHash(token),
			userId: user.id,
			actingOrganisationId: old?.actingOrganisationId ?? user.organisationId,
			createdAt: now.toISOString(),
			lastSeenAt: now.toISOString(),
			expiresAt: expiresAt.toISOString(),
			ip: actor.ip ?? '',
			userAgent: old?.userAgent ?? ''
		});
	});
	return { ok: true, token, expiresAt };
}

/** A platform administrator switches the organisation their session acts in. */
export async function actInOrganisation(
	actor: Actor,
	token: string,
	organisationId: number
): Promise<boolean> {
	if (!(await organisations.getOrganisation(db(), organisationId))) return false;
	await sessionTransaction(async (tx) => {
		await sessions.setActingOrganisation(tx, tokenHash(token), organisationId);
		await sessions.recordAuditLater(
			tx,
			actor,
			{
				entity: 'session',
				entityId: actor.userId,
				action: 'act-in-organisation',
				before: { organisationId: actor.organisationId },
				after: { organisationId }
			},
			organisationId
		);
	});
	return true;
}
