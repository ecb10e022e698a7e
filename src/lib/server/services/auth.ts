/** Signing in and out, sessions, and the first-run setup link. Every step is audited. */
import { transaction, db } from '../database';
import * as users from '../repos/users';
import * as sessions from '../repos/sessions';
import * as organisations from '../repos/organisations';
import { recordAudit } from '../repos/audit';
import { authConfig } from '../auth/config';
import { decoyHash, hashPassword, newToken, tokenHash, verifyPassword } from '../auth/crypto';
import { normaliseEmail } from '$lib/domain/password';
import type { Actor } from './actor';

export interface RequestOrigin {
	ip: string;
	userAgent: string;
	requestId: string;
}

export type SignInResult =
	| { ok: true; token: string; user: users.PublicUser; expiresAt: Date }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; minutes: number };

const minutesAgo = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

/**
 * Checks an email and password. Unknown email, wrong password and disabled account all give the
 * same answer, after the same work. Too many failures for the account or the address: refused
 * without checking the password at all.
 */
export async function signIn(emailTyped: string, password: string, from: RequestOrigin, now = new Date()): Promise<SignInResult> {
	const email = normaliseEmail(emailTyped);
	const config = authConfig();
	const since = minutesAgo(now, config.throttleMinutes);
	const user = await users.findUserByEmail(db(), email);
	const anonymous: Actor = { organisationId: user?.organisationId ?? 0, userId: user?.id ?? null, displayName: email || '(blank)', requestId: from.requestId, ip: from.ip };
	const orgOfEvent = user?.organisationId ?? null;

	// Decide and record the attempt in one queued write before the (slow) password check, so
	// attempts sent all at once are counted against each other and cannot slip past the limit.
	const attempt = await transaction(async (tx) => {
		const [byAccount, byAddress] = [await sessions.countSignInFailures(tx, since, { email }), await sessions.countSignInFailures(tx, since, { ip: from.ip })];
		if (byAccount >= config.maxFailuresPerAccount || byAddress >= config.maxFailuresPerAddress) {
			await recordAudit(tx, anonymous, { entity: 'session', action: 'sign-in-throttled', detail: byAccount >= config.maxFailuresPerAccount ? 'account' : 'address' }, orgOfEvent);
			return null;
		}
		return sessions.recordSignInFailure(tx, email, from.ip, now.toISOString());
	});
	if (attempt === null) return { ok: false, reason: 'throttled', minutes: config.throttleMinutes };

	const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
	if (!user || !passwordOk || user.disabledAt) {
		const why = !user ? 'unknown email' : user.disabledAt ? 'account disabled' : 'wrong password';
		await transaction((tx) => recordAudit(tx, anonymous, { entity: 'session', action: 'sign-in-failed', detail: why }, orgOfEvent));
		return { ok: false, reason: 'invalid' };
	}

	const token = newToken();
	const expiresAt = new Date(now.getTime() + config.absoluteHours * 3_600_000);
	await transaction(async (tx) => {
		await sessions.insertSession(tx, {
			tokenHash: tokenHash(token),
			userId: user.id,
			actingOrganisationId: user.organisationId,
			createdAt: now.toISOString(),
			lastSeenAt: now.toISOString(),
			expiresAt: expiresAt.toISOString(),
			ip: from.ip,
			userAgent: from.userAgent.slice(0, 300)
		});
		await sessions.clearSignInFailures(tx, email);
		await recordAudit(tx, { ...anonymous, displayName: user.email }, { entity: 'session', entityId: user.id, action: 'sign-in' });
	});
	return { ok: true, token, user: users.withoutHash(user), expiresAt };
}

export interface SignedIn {
	user: users.PublicUser;
	session: sessions.Session;
	organisation: organisations.Organisation;
}

/**
 * The user behind a session token, or null when the token is unknown, idle too long, past its
 * absolute lifetime, or its user is disabled. A dead session is removed.
 */
export async function resolveSession(token: string, now = new Date()): Promise<SignedIn | null> {
	const hash = tokenHash(token);
	const found = await sessions.getSessionWithUser(db(), hash);
	if (!found) return null;
	const config = authConfig();
	const idleCutoff = minutesAgo(now, config.idleMinutes);
	const { session, user, organisation } = found;
	// Only a platform administrator may act outside their own organisation; a session left acting
	// elsewhere by someone no longer in that role ends.
	const outOfBounds = session.actingOrganisationId !== user.organisationId && user.role !== 'platform_admin';
	if (session.expiresAt <= now.toISOString() || session.lastSeenAt <= idleCutoff || user.disabledAt || outOfBounds) {
		await transaction((tx) => sessions.deleteSession(tx, hash));
		return null;
	}
	// Record activity at most once a minute, so reading pages is not a write per request.
	// Waited for briefly: queued behind a long write (an import), the page goes ahead and the touch lands later.
	if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000) {
		const touched = transaction((tx) => sessions.touchSession(tx, hash, now.toISOString())).catch((error: unknown) => console.error('could not record session activity', error));
		await Promise.race([touched, new Promise((resolve) => setTimeout(resolve, 100))]);
	}
	return { user: users.withoutHash(user), session, organisation };
}

export async function signOut(actor: Actor, token: string): Promise<void> {
	await transaction(async (tx) => {
		await sessions.deleteSession(tx, tokenHash(token));
		await recordAudit(tx, actor, { entity: 'session', entityId: actor.userId, action: 'sign-out' });
	});
}

/** Writes a new setup link's token when there are no users yet; returns the token to print, or null. */
export async function issueSetupTokenIfNoUsers(now = new Date()): Promise<string | null> {
	if ((await users.countUsers(db())) > 0) return null;
	const token = newToken();
	const expires = new Date(now.getTime() + authConfig().setupLinkHours * 3_600_000).toISOString();
	await transaction((tx) => sessions.insertSetupToken(tx, tokenHash(token), expires));
	return token;
}

export async function isSetupTokenValid(token: string, now = new Date()): Promise<boolean> {
	return sessions.isSetupTokenValid(db(), tokenHash(token), now.toISOString());
}

export type SetupResult = { ok: true; user: users.PublicUser } | { ok: false; reason: 'invalid-token' | 'no-organisation' | 'email-taken' };

/** Whether the deployment still needs its first organisation (a clean start with SEED_DEMO=false). */
export async function needsFirstOrganisation(): Promise<boolean> {
	return (await organisations.listOrganisations(db())).length === 0;
}

/**
 * Creates the first platform administrator with a one-time setup token, in the first organisation,
 * creating that organisation from `organisationName` when the deployment has none yet.
 */
export async function completeSetup(
	token: string,
	input: { email: string; displayName: string; password: string; organisationName?: string },
	from: RequestOrigin,
	now = new Date()
): Promise<SetupResult> {
	const passwordHash = await hashPassword(input.password);
	return transaction(async (tx): Promise<SetupResult> => {
		// Every refusal comes before the token is used: a refusal is returned, not thrown, so it commits.
		if ((await users.countUsers(tx)) > 0 || !(await sessions.isSetupTokenValid(tx, tokenHash(token), now.toISOString()))) return { ok: false, reason: 'invalid-token' };
		let [home] = await organisations.listOrganisations(tx);
		const name = input.organisationName?.trim();
		if (!home && !name) return { ok: false, reason: 'no-organisation' };
		const email = normaliseEmail(input.email);
		if (await users.findUserByEmail(tx, email)) return { ok: false, reason: 'email-taken' };
		if (!(await sessions.useSetupToken(tx, tokenHash(token), now.toISOString()))) return { ok: false, reason: 'invalid-token' };
		if (!home) {
			const slug = name!.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'organisation';
			home = await organisations.createOrganisation(tx, { name: name!, slug });
		}
		const user = await users.insertUser(tx, { organisationId: home.id, email, displayName: input.displayName, role: 'platform_admin', passwordHash });
		const actor: Actor = { organisationId: home.id, userId: user.id, displayName: email, requestId: from.requestId, ip: from.ip };
		await recordAudit(tx, actor, { entity: 'user', entityId: user.id, action: 'create', after: { email, role: 'platform_admin' }, detail: 'first platform administrator, by setup link' });
		return { ok: true, user: users.withoutHash(user) };
	});
}
