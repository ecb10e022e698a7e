/**
 * Signing in and out, and sessions (the first-run setup link is services/setup.ts). Every step is
 * audited. Sessions and throttling records live in the session database, and sign-in's audit rows go
 * through its outbox, so nothing here waits for the main database's write queue (an import's commit).
 */
import { db, sessionDb, sessionTransaction } from '../db/database';
import * as users from '../repos/users';
import * as sessions from '../repos/sessions';
import * as ssoSettings from '../repos/sso-settings';
import type { SessionExecutor } from '../db';
import type * as organisations from '../repos/organisations';
import { authConfig } from '../auth/config';
import { decoyHash, newToken, tokenHash, verifyPassword } from '../auth/crypto';
import { admitAttempt, waitInWords, type Refusal } from './attempts';
import { normaliseEmail } from '$lib/domain/users';
import type { Actor } from './actor';

export interface RequestOrigin {
	ip: string;
	userAgent: string;
	requestId: string;
}

export type SignInResult =
	| { ok: true; token: string; user: users.PublicUser; expiresAt: Date }
	| { ok: false; reason: 'invalid' | 'sso-only' }
	| { ok: false; reason: 'throttled'; minutes: number; message: string };

const minutesAgo = (now: Date, minutes: number) =>
	new Date(now.getTime() - minutes * 60_000).toISOString();

/** The words shown when an attempt is refused by the throttle (a password, a setup link). */
export function throttledResult(
	refusal: Refusal,
	what: string
): Extract<SignInResult, { reason: 'throttled' }> {
	const fromNetwork = refusal.kind === 'busy' ? ' from your network' : '';
	return {
		ok: false,
		reason: 'throttled',
		minutes: refusal.kind === 'locked' ? refusal.minutes : Math.ceil(refusal.seconds / 60),
		message: `Too many failed attempts to ${what}${fromNetwork}. Wait ${waitInWords(refusal)}, then try again.`
	};
}

/**
 * Checks an email and password. The same email may hold an account in several organisations: the
 * password is checked against each (at once, so the time taken does not depend on how many) and
 * the oldest account it opens is signed in. Unknown email, wrong password and disabled account all
 * give the same answer, after the same work. Throttled by auth/throttle.ts's rules before any check.
 */
export async function signIn(
	emailTyped: string,
	password: string,
	from: RequestOrigin,
	now = new Date()
): Promise<SignInResult> {
	const email = normaliseEmail(emailTyped);
	const accounts = await users.findUsersByEmail(db(), email);
	const anonymous: Actor = {
		organisationId: 0,
		userId: null,
		displayName: email || '(blank)',
		requestId: from.requestId,
		ip: from.ip
	};
	// One audit row per organisation the email has an account in (none known: no organisation).
	const auditEach = async (
		tx: Parameters<typeof sessions.recordAuditLater>[0],
		action: string,
		detail: (user: users.User | null) => string
	) => {
		for (const user of accounts.length ? accounts : [null]) {
			await sessions.recordAuditLater(
				tx,
				{ ...anonymous, userId: user?.id ?? null },
				{ entity: 'session', action, detail: detail(user) },
				user?.organisationId ?? null
			);
		}
	};
	const admission = await admitAttempt(
		'sign-in',
		email,
		from.ip,
		{
			slowAddress: true,
			onRefused: (tx, refusal) =>
				auditEach(tx, 'sign-in-throttled', () =>
					refusal.kind === 'busy'
						? 'address slowed'
						: refusal.scope === 'pair'
							? 'account from this address'
							: 'account'
				)
		},
		now
	);
	if (!admission.ok) return throttledResult(admission.refusal, 'sign in');

	const hashes = accounts.length ? accounts.map((a) => a.passwordHash) : [await decoyHash()];
	const opened = await Promise.all(hashes.map((h) => verifyPassword(h, password)));
	// An organisation that signs in only with its identity provider refuses passwords, except a
	// platform administrator's (the break-glass account). Asked only once a password has opened an account.
	const ssoOnly = await ssoSettings.ssoOnlyOrganisations(
		db(),
		accounts.filter((a, i) => opened[i] && a.role !== 'platform_admin').map((a) => a.organisationId)
	);
	const passwordAllowed = (a: users.User) =>
		a.role === 'platform_admin' || !ssoOnly.has(a.organisationId);
	const user = accounts.find((a, i) => opened[i] && !a.disabledAt && passwordAllowed(a));
	if (!user && accounts.some((a, i) => opened[i] && !a.disabledAt)) {
		await sessionTransaction((tx) =>
			auditEach(tx, 'sign-in-refused', () => 'password sign-in is off: organisation sign-in only')
		);
		return { ok: false, reason: 'sso-only' };
	}
	if (!user) {
		await sessionTransaction((tx) =>
			auditEach(tx, 'sign-in-failed', (u) =>
				!u ? 'unknown email' : u.disabledAt ? 'account disabled' : 'wrong password'
			)
		);
		return { ok: false, reason: 'invalid' };
	}

	const { token, expiresAt } = await sessionTransaction(async (tx) => {
		const opened = await openSession(tx, user, from, now);
		await sessions.clearFailures(tx, 'sign-in', email, from.ip);
		await sessions.rememberAddress(tx, email, from.ip, now.toISOString());
		await sessions.recordAuditLater(
			tx,
			{
				...anonymous,
				organisationId: user.organisationId,
				userId: user.id,
				displayName: user.email
			},
			{ entity: 'session', entityId: user.id, action: 'sign-in' }
		);
		return opened;
	});
	return { ok: true, token, user: users.withoutHash(user), expiresAt };
}

/**
 * Starts a session for `user` in their own organisation, inside the session transaction that audits
 * the sign-in (by password, or by the organisation's identity provider): the token for the cookie,
 * of which only the hash is stored, and the session's absolute end.
 */
export async function openSession(
	tx: SessionExecutor,
	user: Pick<users.User, 'id' | 'organisationId'>,
	from: RequestOrigin,
	now: Date
): Promise<{ token: string; expiresAt: Date }> {
	const token = newToken();
	const expiresAt = new Date(now.getTime() + authConfig().absoluteHours * 3_600_000);
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
	return { token, expiresAt };
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
	const session = await sessions.getSession(sessionDb(), hash);
	if (!session) return null;
	const found = await users.getUserActingIn(db(), session.userId, session.actingOrganisationId);
	const idleCutoff = minutesAgo(now, authConfig().idleMinutes);
	// Only a platform administrator may act outside their own organisation; a session left acting
	// elsewhere by someone no longer in that role ends.
	const outOfBounds =
		found &&
		session.actingOrganisationId !== found.user.organisationId &&
		found.user.role !== 'platform_admin';
	if (
		!found ||
		session.expiresAt <= now.toISOString() ||
		session.lastSeenAt <= idleCutoff ||
		found.user.disabledAt ||
		outOfBounds
	) {
		await sessionTransaction((tx) => sessions.deleteSession(tx, hash));
		return null;
	}
	// Record activity at most once a minute, so reading pages is not a write per request. Waited for
	// briefly: when the sessions share a remote main database, a long write there can hold it.
	if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000) {
		const touched = sessionTransaction((tx) =>
			sessions.touchSession(tx, hash, now.toISOString())
		).catch((error: unknown) => console.error('could not record session activity', error));
		await Promise.race([touched, new Promise((resolve) => setTimeout(resolve, 100))]);
	}
	return { user: users.withoutHash(found.user), session, organisation: found.organisation };
}

export async function signOut(actor: Actor, token: string): Promise<void> {
	await sessionTransaction(async (tx) => {
		await sessions.deleteSession(tx, tokenHash(token));
		await sessions.recordAuditLater(tx, actor, {
			entity: 'session',
			entityId: actor.userId,
			action: 'sign-out'
		});
	});
}
