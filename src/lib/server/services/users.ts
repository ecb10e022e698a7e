/** Managing users: creating, changing roles, disabling, passwords. Every change is audited. */
import { db, transaction } from '../database';
import * as users from '../repos/users';
import * as sessions from '../repos/sessions';
import * as organisations from '../repos/organisations';
import { recordAudit } from '../repos/audit';
import { hashPassword, newToken, tokenHash, verifyPassword } from '../auth/crypto';
import { authConfig } from '../auth/config';
import { normaliseEmail } from '$lib/domain/password';
import { assignableRoles, type Role } from '$lib/domain/permissions';
import type { Actor } from './actor';

export type UserResult = { ok: true; user: users.PublicUser } | { ok: false; reason: 'not-found' | 'email-taken' | 'last-admin' | 'wrong-password' | 'forbidden' };

/** Creates a user in `organisationId` (the actor's, unless a platform administrator acts elsewhere). */
export async function createUser(actor: Actor, input: { organisationId: number; email: string; displayName: string; role: Role; password: string }): Promise<UserResult> {
	const passwordHash = await hashPassword(input.password);
	const email = normaliseEmail(input.email);
	return transaction(async (tx): Promise<UserResult> => {
		if (!(await organisations.getOrganisation(tx, input.organisationId))) return { ok: false, reason: 'not-found' };
		if (await users.findUserByEmail(tx, email)) return { ok: false, reason: 'email-taken' };
		const user = await users.insertUser(tx, { organisationId: input.organisationId, email, displayName: input.displayName, role: input.role, passwordHash });
		await recordAudit(tx, actor, { entity: 'user', entityId: user.id, action: 'create', after: { email, displayName: input.displayName, role: input.role } }, input.organisationId);
		return { ok: true, user: users.withoutHash(user) };
	});
}

/**
 * Changes a user's role. Only someone who may hand out both the old and the new role may change it
 * (an organisation administrator cannot touch a platform administrator); an organisation is never
 * left without an active administrator; the user's sessions end, so the new role applies at once.
 */
export async function changeRole(actor: Actor, actorRole: Role, userId: number, role: Role): Promise<UserResult> {
	return transaction(async (tx): Promise<UserResult> => {
		const before = await users.getUser(tx, actor.organisationId, userId);
		if (!before) return { ok: false, reason: 'not-found' };
		if (!assignableRoles(actorRole).includes(before.role) || !assignableRoles(actorRole).includes(role)) return { ok: false, reason: 'forbidden' };
		if (before.role === 'org_admin' && role !== 'org_admin' && !before.disabledAt && (await users.countActiveAdmins(tx, actor.organisationId)) <= 1) {
			return { ok: false, reason: 'last-admin' };
		}
		const after = await users.updateUser(tx, actor.organisationId, userId, { role });
		const ended = before.role === role ? 0 : await sessions.deleteSessionsOfUser(tx, userId);
		await recordAudit(tx, actor, { entity: 'user', entityId: userId, action: 'role-change', before: { role: before.role }, after: { role }, detail: `${ended} session(s) ended` });
		return { ok: true, user: users.withoutHash(after!) };
	});
}

/** Disables (or re-enables) a user; disabling ends every session they have at once. */
export async function setDisabled(actor: Actor, actorRole: Role, userId: number, disabled: boolean): Promise<UserResult> {
	return transaction(async (tx): Promise<UserResult> => {
		const before = await users.getUser(tx, actor.organisationId, userId);
		if (!before) return { ok: false, reason: 'not-found' };
		if (!assignableRoles(actorRole).includes(before.role)) return { ok: false, reason: 'forbidden' };
		if (disabled && before.role === 'org_admin' && !before.disabledAt && (await users.countActiveAdmins(tx, actor.organisationId)) <= 1) {
			return { ok: false, reason: 'last-admin' };
		}
		const after = await users.updateUser(tx, actor.organisationId, userId, { disabledAt: disabled ? new Date().toISOString() : null });
		const ended = disabled ? await sessions.deleteSessionsOfUser(tx, userId) : 0;
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
}

/**
 * Changes the actor's own password after checking the current one. Ends every session of theirs,
 * this one included, and returns a fresh token for the session that made the change.
 */
export async function changeOwnPassword(
	actor: Actor & { userId: number },
	currentToken: string,
	current: string,
	next: string,
	now = new Date()
): Promise<{ ok: true; token: string; expiresAt: Date } | { ok: false; reason: 'wrong-password' | 'not-found' }> {
	const user = await users.getUserById(db(), actor.userId);
	if (!user) return { ok: false, reason: 'not-found' };
	if (!(await verifyPassword(user.passwordHash, current))) {
		await transaction((tx) => recordAudit(tx, actor, { entity: 'user', entityId: user.id, action: 'password-change-failed', detail: 'current password wrong' }, user.organisationId));
		return { ok: false, reason: 'wrong-password' };
	}
	const passwordHash = await hashPassword(next);
	const token = newToken();
	const old = await sessions.getSession(db(), tokenHash(currentToken));
	const expiresAt = new Date(now.getTime() + authConfig().absoluteHours * 3_600_000);
	await transaction(async (tx) => {
		await users.updateUser(tx, user.organisationId, user.id, { passwordHash });
		const ended = await sessions.deleteSessionsOfUser(tx, user.id);
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
		await recordAudit(tx, actor, { entity: 'user', entityId: user.id, action: 'password-change', detail: `${ended} session(s) ended` }, user.organisationId);
	});
	return { ok: true, token, expiresAt };
}

/** A platform administrator switches the organisation their session acts in. */
export async function actInOrganisation(actor: Actor, token: string, organisationId: number): Promise<boolean> {
	return transaction(async (tx) => {
		const org = await organisations.getOrganisation(tx, organisationId);
		if (!org) return false;
		await sessions.setActingOrganisation(tx, tokenHash(token), organisationId);
		await recordAudit(tx, actor, { entity: 'session', entityId: actor.userId, action: 'act-in-organisation', before: { organisationId: actor.organisationId }, after: { organisationId } }, organisationId);
		return true;
	});
}
