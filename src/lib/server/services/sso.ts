/**
 * Signing in with an organisation's identity provider (OpenID Connect): starting the sign-in, and
 * checking the provider's answer, then the person against the organisation's settings: tenant, guest,
 * app role, account. Every sign-in, refusal, new user and role change is audited. Roles are re-applied
 * at every sign-in, so a role removed in Entra ID takes effect the next time the person signs in.
 */
import { db, sessionTransaction, transaction } from '../db/database';
import * as users from '../repos/users';
import * as sessions from '../repos/sessions';
import * as ssoSettings from '../repos/sso-settings';
import * as identities from '../repos/sso-identities';
import * as logins from '../repos/oidc-logins';
import { recordAudit } from '../repos/audit';
import { newToken, tokenHash } from '../auth/crypto';
import {
	authorisationUrl,
	configurationFor,
	describeOidcError,
	exchangeCode,
	newLoginChecks
} from '../auth/oidc';
import { logError } from '../web/log';
import { openSession, type RequestOrigin } from './auth';
import { readClaims, type Claimed, type SsoRefusal } from '$lib/domain/sso';
import type { Actor } from './actor';
import { nowIso } from '$lib/domain/dates';

/** How long the provider has to answer: the person signs in there (with MFA) in this time. */
const LOGIN_MINUTES = 10;

/**
 * A password that opens nothing, for accounts made at first organisation sign-in: argon2 cannot read
 * it, so verifyPassword answers false (auth/crypto.ts), and the account signs in only through its provider.
 */
export const NO_PASSWORD = '!organisation-sign-in-only';

export type StartResult =
	| { ok: true; url: string; loginToken: string }
	| { ok: false; reason: 'not-configured' | 'unavailable' };

/** Starts signing in to organisation `slug`: the provider's address to send the browser to, and the login cookie's token. */
export async function startSsoSignIn(
	slug: string,
	next: string,
	redirectUri: string,
	now = new Date()
): Promise<StartResult> {
	const found = await ssoSettings.getEnabledSsoBySlug(db(), slug);
	if (!found) return { ok: false, reason: 'not-configured' };
	let url: URL;
	const checks = newLoginChecks();
	try {
		url = await authorisationUrl(await configurationFor(found.settings), redirectUri, checks);
	} catch (error) {
		logError('organisation sign-in unavailable', {
			organisationId: found.organisation.id,
			error: describeOidcError(error)
		});
		return { ok: false, reason: 'unavailable' };
	}
	const loginToken = newToken();
	await sessionTransaction(async (tx) => {
		await logins.pruneLogins(tx, now.toISOString());
		await logins.insertLogin(tx, {
			tokenHash: tokenHash(loginToken),
			organisationId: found.organisation.id,
			...checks,
			next,
			expiresAt: new Date(now.getTime() + LOGIN_MINUTES * 60_000).toISOString()
		});
	});
	return { ok: true, url: url.href, loginToken };
}

export type FinishResult =
	{ ok: true; token: string; expiresAt: Date; next: string } | { ok: false; reason: SsoRefusal };

type Account =
	| { refusal: SsoRefusal; userId: number | null; detail: string }
	| { user: users.User; roleChanged: boolean };

/**
 * Checks the provider's answer (`callbackUrl`) against the sign-in the login cookie names, which is
 * used up whatever the outcome, and signs the person in, or says why not.
 */
export async function finishSsoSignIn(
	loginToken: string | undefined,
	callbackUrl: URL,
	from: RequestOrigin,
	now = new Date()
): Promise<FinishResult> {
	const login =
		loginToken && /^[A-Za-z0-9_-]{20,100}$/.test(loginToken)
			? await sessionTransaction((tx) => logins.takeLogin(tx, tokenHash(loginToken)))
			: undefined;
	const actor = (
		organisationId: number,
		claimed?: Claimed,
		userId: number | null = null
	): Actor => ({
		organisationId,
		userId,
		displayName: claimed?.email || '(organisation account)',
		requestId: from.requestId,
		ip: from.ip
	});
	const refuse = async (
		reason: SsoRefusal,
		organisationId: number | null,
		detail: string,
		claimed?: Claimed,
		userId: number | null = null
	): Promise<FinishResult> => {
		await sessionTransaction((tx) =>
			sessions.recordAuditLater(
				tx,
				actor(organisationId ?? 0, claimed, userId),
				{ entity: 'session', entityId: userId, action: 'sso-sign-in-refused', detail },
				organisationId
			)
		);
		return { ok: false, reason };
	};
	if (!login || login.expiresAt <= now.toISOString())
		return refuse(
			'expired',
			login?.organisationId ?? null,
			'no sign-in under way: expired, already used, or started in another browser'
		);
	const organisationId = login.organisationId;
	const settings = await ssoSettings.getSsoSettings(db(), organisationId);
	if (!settings?.enabled)
		return refuse('not-configured', organisationId, 'organisation sign-in is off');

	let claimed: Claimed;
	try {
		const claims = await exchangeCode(await configurationFor(settings), callbackUrl, login);
		claimed = readClaims(claims, settings.roleMap);
	} catch (error) {
		// The library's message says which check failed (state, nonce, audience, signature, the
		// provider's refusal of the code); it holds no token or secret.
		return refuse('failed', organisationId, describeOidcError(error));
	}
	const who = `identity ${claimed.subject}; app roles ${claimed.idpRoles.join(', ') || '(none)'}`;
	if (settings.tenantId && claimed.tenantId !== settings.tenantId)
		return refuse(
			'wrong-tenant',
			organisationId,
			`tenant ${claimed.tenantId || '(none)'}; ${who}`,
			claimed
		);
	if (claimed.guest && !settings.allowGuests)
		return refuse('guest', organisationId, `guest account; ${who}`, claimed);
	if (!claimed.role)
		return refuse('no-role', organisationId, `no mapped app role; ${who}`, claimed);

	const account = await accountFor(
		organisationId,
		claimed,
		settings.createUsers,
		actor(organisationId, claimed)
	);
	if ('refusal' in account)
		return refuse(
			account.refusal,
			organisationId,
			`${account.detail}; ${who}`,
			claimed,
			account.userId
		);

	const { user, roleChanged } = account;
	const opened = await sessionTransaction(async (tx) => {
		// A new role ends the sessions opened with the old one, as an administrator's change does.
		if (roleChanged) await sessions.deleteSessionsOfUser(tx, user.id);
		const session = await openSession(tx, user, from, now);
		await sessions.recordAuditLater(tx, actor(organisationId, claimed, user.id), {
			entity: 'session',
			entityId: user.id,
			action: 'sign-in',
			detail: `organisation account; ${who}`
		});
		return session;
	});
	return { ok: true, ...opened, next: login.next };
}

/**
 * The app user behind a checked identity, in one main-database transaction: found by issuer + subject
 * (never by email), created when the organisation allows it, with the mapped role applied.
 */
function accountFor(
	organisationId: number,
	claimed: Claimed,
	createUsers: boolean,
	actor: Actor
): Promise<Account> {
	const role = claimed.role!;
	return transaction(async (tx): Promise<Account> => {
		const identity = await identities.findIdentity(
			tx,
			organisationId,
			claimed.issuer,
			claimed.subject
		);
		const found = identity && (await users.getUser(tx, organisationId, identity.userId));
		if (!found) {
			if (!createUsers) return { refusal: 'no-account', userId: null, detail: 'no linked account' };
			if (!claimed.email)
				return {
					refusal: 'no-account',
					userId: null,
					detail: 'no email claim to create an account with'
				};
			const sameEmail = await users.findUserInOrganisation(tx, organisationId, claimed.email);
			// Never linked by email: an administrator links an existing account, once.
			if (sameEmail)
				return {
					refusal: 'email-in-use',
					userId: sameEmail.id,
					detail: 'an unlinked account has this email'
				};
			if (await identities.isIdentityTaken(tx, claimed.issuer, claimed.subject))
				return {
					refusal: 'no-account',
					userId: null,
					detail: 'identity linked in another organisation'
				};
			const user = await users.insertUser(tx, {
				organisationId,
				email: claimed.email,
				displayName: claimed.displayName,
				role,
				passwordHash: NO_PASSWORD
			});
			await identities.insertIdentity(tx, {
				organisationId,
				userId: user.id,
				issuer: claimed.issuer,
				subject: claimed.subject
			});
			await recordAudit(
				tx,
				{ ...actor, userId: user.id },
				{
					entity: 'user',
					entityId: user.id,
					action: 'create',
					after: { email: user.email, displayName: user.displayName, role },
					detail: 'created at first sign-in with the organisation account'
				}
			);
			return { user, roleChanged: false };
		}
		if (found.disabledAt)
			return { refusal: 'disabled', userId: found.id, detail: 'account disabled' };
		if (found.role === 'platform_admin')
			return { refusal: 'platform-admin', userId: found.id, detail: 'platform administrator' };
		await identities.touchIdentity(tx, identity!.id, nowIso());
		if (found.role === role) return { user: found, roleChanged: false };
		const user = (await users.updateUser(tx, organisationId, found.id, { role }))!;
		await recordAudit(
			tx,
			{ ...actor, userId: found.id },
			{
				entity: 'user',
				entityId: found.id,
				action: 'role-change',
				before: { role: found.role },
				after: { role },
				detail: `from the identity provider's app roles (${claimed.idpRoles.join(', ')}) at sign-in`
			}
		);
		return { user, roleChanged: true };
	});
}
