/**
 * Organisation sign-in (OpenID Connect) against a real provider on 127.0.0.1 (`oidc-provider`: two
 * tenants with app roles, and a third that signs with a key it does not publish), through the same
 * services the callback route calls. Every refusal is checked by its reason and its audit row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { X509Certificate, createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { db, startDatabase, makeOrganisation } from './helpers';
import { flushAuditOutbox, sessionTransaction } from '$lib/server/db/database';
import { appUser, auditEvent } from '$lib/server/db/schema';
import { oidcLogin } from '$lib/server/db/session-schema';
import * as auth from '$lib/server/services/auth';
import * as sso from '$lib/server/services/sso';
import * as ssoSettings from '$lib/server/services/sso-settings';
import * as userService from '$lib/server/services/users';
import * as users from '$lib/server/repos/users';
import * as logins from '$lib/server/repos/oidc-logins';
import { tokenHash } from '$lib/server/auth/crypto';
import { readSecret } from '$lib/server/auth/oidc';
import { parseRoleMap, type SsoSettingsInput } from '$lib/domain/sso';
import { signInAtIdp, startIdp, type Idp, type IdpUser } from '../support/oidc-idp';

const APP = 'http://portfolio.test';
const REDIRECT = `${APP}/auth/callback`;
const SECRET_A = 'tenant-a-client-secret-9f8e7d6c5b4a';
const SECRET_B = 'tenant-b-client-secret-1a2b3c4d5e6f';
const SECRET_R = 'rogue-client-secret-0a0b0c0d0e0f';
const PASSWORD = 'correct horse battery staple';
const ROLES = parseRoleMap(
	'Portfolio.Admin = org_admin\nPortfolio.Editor = editor\nPortfolio.Reader = viewer'
);
if (!ROLES.ok) throw new Error(ROLES.error);

const person = (username: string, roles: string[], extra: Partial<IdpUser> = {}): IdpUser => ({
	username,
	oid: `00000000-0000-0000-0000-${username.padStart(12, '0')}`.slice(0, 36),
	roles,
	email: `${username}@a.example.gov.uk`,
	name: `${username[0]!.toUpperCase()}${username.slice(1)} Test`,
	...extra
});
const alice = person('alice', ['Portfolio.Editor']);
const bob = person('bob', ['Some.Other.App']);
const gina = person('gina', ['Portfolio.Editor'], { guest: true });
const dan = person('dan', ['Portfolio.Reader']);
const pat = person('pat', ['Portfolio.Reader']);
const eve = { ...person('eve', ['Portfolio.Editor']), email: 'eve@b.example.gov.uk' };
const rex = person('rex', ['Portfolio.Editor']);
const carol = { ...person('carol', ['Portfolio.Editor']), email: 'carol@c.example.gov.uk' };

/**
 * The certificate credential: a test-only RSA key followed by its self-signed certificate, as the
 * README tells an operator to give the server (made with openssl for these tests; it guards nothing).
 */
const CERTIFICATE_FILE = 'test-client-certificate.pem';
const certificatePem = join(import.meta.dirname, '../fixtures/sso', CERTIFICATE_FILE);
const secretsDir = mkdtempSync(join(tmpdir(), 'sso-secrets-'));
copyFileSync(certificatePem, join(secretsDir, CERTIFICATE_FILE));
// A key the provider was never given, for the client that must be refused.
writeFileSync(
	join(secretsDir, 'unregistered-key.pem'),
	generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
		type: 'pkcs8',
		format: 'pem'
	})
);
const certificateText = readFileSync(certificatePem, 'utf8');
const publicJwk = { ...createPublicKey(certificateText).export({ format: 'jwk' }), use: 'sig' };
/** The thumbprint Entra finds the certificate by (x5t: SHA-1 of its DER, base64url). */
const thumbprint = createHash('sha1')
	.update(
		new X509Certificate(certificateText.slice(certificateText.indexOf('-----BEGIN CERTIFICATE')))
			.raw
	)
	.digest('base64url');

let idp: Idp;
const logged: string[] = [];
const realLog = console.log;
const realError = console.error;
const realWarn = console.warn;
let n = 0;
const from = () => ({ ip: '198.51.100.7', userAgent: 'test', requestId: `sso-${++n}` });

async function configure(
	organisationId: number,
	overrides: Partial<SsoSettingsInput> & Pick<SsoSettingsInput, 'issuer' | 'clientId' | 'secretRef'>
) {
	const input: SsoSettingsInput = {
		enabled: true,
		tenantId: '',
		roleMap: ROLES.ok ? ROLES.value : [],
		allowGuests: false,
		createUsers: true,
		ssoOnly: false,
		...overrides
	};
	await ssoSettings.saveSettings(
		{ organisationId, userId: null, displayName: 'Test administrator' },
		input
	);
}

/** Starts a sign-in for `slug` and follows it at the provider as `username`: the callback URL and the login cookie's token. */
async function toCallback(slug: string, username: string, rewrite?: (url: URL) => void) {
	const started = await sso.startSsoSignIn(slug, '/systems', REDIRECT);
	if (!started.ok) throw new Error(`could not start: ${started.reason}`);
	const url = new URL(started.url);
	rewrite?.(url);
	return {
		loginToken: started.loginToken,
		callback: await signInAtIdp(url.href, username, REDIRECT)
	};
}

async function signInAs(slug: string, username: string) {
	const { loginToken, callback } = await toCallback(slug, username);
	return sso.finishSsoSignIn(loginToken, callback, from());
}

async function audit(action: string) {
	await flushAuditOutbox();
	return db().select().from(auditEvent).where(eq(auditEvent.action, action));
}

let orgA: Awaited<ReturnType<typeof makeOrganisation>>;
let orgB: Awaited<ReturnType<typeof makeOrganisation>>;
let orgWrongTenant: Awaited<ReturnType<typeof makeOrganisation>>;
let orgRogue: Awaited<ReturnType<typeof makeOrganisation>>;
let orgCertificate: Awaited<ReturnType<typeof makeOrganisation>>;
let orgWrongKey: Awaited<ReturnType<typeof makeOrganisation>>;

beforeAll(async () => {
	// Everything the code under test logs is kept, to check no secret, code or token reaches the log.
	for (const [name, real] of [
		['log', realLog],
		['error', realError],
		['warn', realWarn]
	] as const)
		console[name] = (...args: unknown[]) => {
			logged.push(args.map(String).join(' '));
			real(...args);
		};
	await startDatabase();
	idp = await startIdp(
		[
			{
				id: 'tenant-a',
				users: [alice, bob, gina, dan, pat],
				clients: [
					{ client_id: 'portfolio-a', client_secret: SECRET_A },
					{ client_id: 'another-app', client_secret: 'another-app-secret-77' }
				]
			},
			{
				id: 'tenant-b',
				users: [eve],
				clients: [{ client_id: 'portfolio-b', client_secret: SECRET_B }]
			},
			{
				id: 'tenant-c',
				users: [carol],
				clients: [
					{ client_id: 'portfolio-c', jwks: { keys: [publicJwk] } },
					{ client_id: 'portfolio-c-other-key', jwks: { keys: [publicJwk] } }
				]
			},
			{
				id: 'rogue',
				users: [rex],
				clients: [{ client_id: 'portfolio-r', client_secret: SECRET_R }],
				rogueKeys: true
			}
		],
		{ redirectUris: [REDIRECT], postLogoutRedirectUris: [`${APP}/sign-in?signedOut=1`] }
	);
	process.env.OIDC_ALLOWED_ISSUER_HOSTS = new URL(idp.origin).host;
	process.env.OIDC_ALLOW_HTTP_ISSUER = 'true';
	process.env.OIDC_SECRET_TENANT_A = SECRET_A;
	process.env.OIDC_SECRET_TENANT_B = SECRET_B;
	process.env.OIDC_SECRET_ROGUE = SECRET_R;
	process.env.OIDC_SECRETS_DIR = secretsDir;
	orgA = await makeOrganisation('Council A');
	orgB = await makeOrganisation('Council B');
	orgWrongTenant = await makeOrganisation('Council pinned to tenant A');
	orgRogue = await makeOrganisation('Council with a rogue provider');
	await configure(orgA.org.id, {
		issuer: idp.issuer('tenant-a'),
		clientId: 'portfolio-a',
		secretRef: 'env:OIDC_SECRET_TENANT_A',
		tenantId: 'tenant-a'
	});
	await configure(orgB.org.id, {
		issuer: idp.issuer('tenant-b'),
		clientId: 'portfolio-b',
		secretRef: 'env:OIDC_SECRET_TENANT_B'
	});
	// Configured with tenant B's provider but expecting tenant A's id in every token.
	await configure(orgWrongTenant.org.id, {
		issuer: idp.issuer('tenant-b'),
		clientId: 'portfolio-b',
		secretRef: 'env:OIDC_SECRET_TENANT_B',
		tenantId: 'tenant-a'
	});
	await configure(orgRogue.org.id, {
		issuer: idp.issuer('rogue'),
		clientId: 'portfolio-r',
		secretRef: 'env:OIDC_SECRET_ROGUE'
	});
	orgCertificate = await makeOrganisation('Council with a certificate credential');
	orgWrongKey = await makeOrganisation('Council signing with a key it never registered');
	await configure(orgCertificate.org.id, {
		issuer: idp.issuer('tenant-c'),
		clientId: 'portfolio-c',
		secretRef: `file:${CERTIFICATE_FILE}`,
		tenantId: 'tenant-c'
	});
	await configure(orgWrongKey.org.id, {
		issuer: idp.issuer('tenant-c'),
		clientId: 'portfolio-c-other-key',
		secretRef: 'file:unregistered-key.pem'
	});
});

afterAll(async () => {
	console.log = realLog;
	console.error = realError;
	console.warn = realWarn;
	await idp?.stop();
	rmSync(secretsDir, { recursive: true, force: true });
});

describe('organisation sign-in', () => {
	it('signs in a user with a mapped app role, creating their account once, identified by issuer + object id', async () => {
		const first = await signInAs(orgA.org.slug, 'alice');
		expect(first).toMatchObject({ ok: true, next: '/systems' });
		const signedIn = await auth.resolveSession((first as { token: string }).token);
		expect(signedIn?.user).toMatchObject({
			email: alice.email,
			role: 'editor',
			organisationId: orgA.org.id
		});
		expect(signedIn?.organisation.id).toBe(orgA.org.id);
		const created = (await audit('create')).filter((r) => r.entityId === String(signedIn!.user.id));
		expect(created).toHaveLength(1);
		expect(created[0]!.detail).toBe('created at first sign-in with the organisation account');

		// The same person again: the same account, not a second one.
		const again = await signInAs(orgA.org.slug, 'alice');
		expect(again.ok).toBe(true);
		const rows = await db().select().from(appUser).where(eq(appUser.email, alice.email));
		expect(rows).toHaveLength(1);
		const signIns = (await audit('sign-in')).filter((r) => r.userId === signedIn!.user.id);
		expect(signIns).toHaveLength(2);
		expect(signIns[0]!.detail).toContain(alice.oid);
	});

	it('re-applies the mapped role at every sign-in, audited, ending the sessions opened with the old one', async () => {
		const before = await signInAs(orgA.org.slug, 'alice');
		expect(before.ok).toBe(true);
		alice.roles = ['Portfolio.Reader', 'Portfolio.Admin'];
		try {
			const after = await signInAs(orgA.org.slug, 'alice');
			expect(after.ok).toBe(true);
			const user = (await auth.resolveSession((after as { token: string }).token))!.user;
			// The first line of the map that matches wins: Admin is listed before Reader.
			expect(user.role).toBe('org_admin');
			expect(await auth.resolveSession((before as { token: string }).token)).toBeNull();
			const change = (await audit('role-change')).find((r) => r.entityId === String(user.id));
			expect(JSON.parse(change!.before!)).toEqual({ role: 'editor' });
			expect(JSON.parse(change!.after!)).toEqual({ role: 'org_admin' });
		} finally {
			alice.roles = ['Portfolio.Editor'];
		}
	});

	it('refuses an unmapped app role with the request-access reason, audited', async () => {
		expect(await signInAs(orgA.org.slug, 'bob')).toEqual({ ok: false, reason: 'no-role' });
		const refused = (await audit('sso-sign-in-refused')).filter((r) => r.detail.includes(bob.oid));
		expect(refused[0]!.detail).toContain('no mapped app role');
		expect(refused[0]!.organisationId).toBe(orgA.org.id);
		expect(await users.findUserInOrganisation(db(), orgA.org.id, bob.email)).toBeUndefined();
	});

	it('refuses guest accounts unless the organisation allows them', async () => {
		expect(await signInAs(orgA.org.slug, 'gina')).toEqual({ ok: false, reason: 'guest' });
	});

	it('refuses an account of another tenant', async () => {
		expect(await signInAs(orgWrongTenant.org.slug, 'eve')).toEqual({
			ok: false,
			reason: 'wrong-tenant'
		});
		// The same person through their own organisation's settings gets in.
		expect((await signInAs(orgB.org.slug, 'eve')).ok).toBe(true);
	});

	it('refuses a disabled account even though the provider vouches for it', async () => {
		const first = await signInAs(orgA.org.slug, 'dan');
		expect(first.ok).toBe(true);
		const user = (await users.findUserInOrganisation(db(), orgA.org.id, dan.email))!;
		await userService.setDisabled(orgA.actor, 'platform_admin', user.id, true);
		expect(await signInAs(orgA.org.slug, 'dan')).toEqual({ ok: false, reason: 'disabled' });
	});

	it('refuses a code issued to another client (a token for another audience)', async () => {
		const { loginToken, callback } = await toCallback(orgA.org.slug, 'alice', (url) =>
			url.searchParams.set('client_id', 'another-app')
		);
		expect(await sso.finishSsoSignIn(loginToken, callback, from())).toEqual({
			ok: false,
			reason: 'failed'
		});
	});

	it('refuses an expired code', async () => {
		idp.setCodeTtl(1);
		try {
			const { loginToken, callback } = await toCallback(orgA.org.slug, 'alice');
			await new Promise((resolve) => setTimeout(resolve, 2_200));
			expect(await sso.finishSsoSignIn(loginToken, callback, from())).toEqual({
				ok: false,
				reason: 'failed'
			});
		} finally {
			idp.setCodeTtl(60);
		}
	});

	it('refuses a replayed answer, and the provider refuses a replayed code', async () => {
		const { loginToken, callback } = await toCallback(orgA.org.slug, 'alice');
		const checks = await sessionTransaction((tx) =>
			tx
				.select()
				.from(oidcLogin)
				.where(eq(oidcLogin.tokenHash, tokenHash(loginToken)))
		);
		expect((await sso.finishSsoSignIn(loginToken, callback, from())).ok).toBe(true);
		// The same browser again: the sign-in it names is used up.
		expect(await sso.finishSsoSignIn(loginToken, callback, from())).toEqual({
			ok: false,
			reason: 'expired'
		});
		// Even with the sign-in's own state, nonce and verifier put back, the code is spent at the provider.
		const replayToken = 'replayed-login-token-0123456789abcdef';
		await sessionTransaction((tx) =>
			logins.insertLogin(tx, { ...checks[0]!, tokenHash: tokenHash(replayToken) })
		);
		expect(await sso.finishSsoSignIn(replayToken, callback, from())).toEqual({
			ok: false,
			reason: 'failed'
		});
		const refusal = (await audit('sso-sign-in-refused')).at(-1)!;
		expect(refusal.detail).toMatch(/invalid_grant/);
	});

	it('refuses a wrong state, a wrong nonce, and an answer with no sign-in cookie', async () => {
		const wrongState = await toCallback(orgA.org.slug, 'alice');
		wrongState.callback.searchParams.set('state', 'not-the-state-we-sent');
		expect(await sso.finishSsoSignIn(wrongState.loginToken, wrongState.callback, from())).toEqual({
			ok: false,
			reason: 'failed'
		});

		const wrongNonce = await toCallback(orgA.org.slug, 'alice');
		await sessionTransaction((tx) =>
			tx
				.update(oidcLogin)
				.set({ nonce: 'a-nonce-the-provider-never-saw' })
				.where(eq(oidcLogin.tokenHash, tokenHash(wrongNonce.loginToken)))
		);
		expect(await sso.finishSsoSignIn(wrongNonce.loginToken, wrongNonce.callback, from())).toEqual({
			ok: false,
			reason: 'failed'
		});
		expect((await audit('sso-sign-in-refused')).at(-1)!.detail).toMatch(/nonce/);

		const noCookie = await toCallback(orgA.org.slug, 'alice');
		expect(await sso.finishSsoSignIn(undefined, noCookie.callback, from())).toEqual({
			ok: false,
			reason: 'expired'
		});
	});

	it('refuses an id token signed by a key the provider does not publish', async () => {
		expect(await signInAs(orgRogue.org.slug, 'rex')).toEqual({ ok: false, reason: 'failed' });
		const refusal = (await audit('sso-sign-in-refused')).at(-1)!;
		expect(refusal.organisationId).toBe(orgRogue.org.id);
		expect(refusal.detail).toMatch(/signature|key/i);
	});

	it('does not start for an unknown organisation, or an issuer host the operator has not allowed', async () => {
		expect(await sso.startSsoSignIn('no-such-council', '/', REDIRECT)).toEqual({
			ok: false,
			reason: 'not-configured'
		});
		const elsewhere = await makeOrganisation('Council pointing elsewhere');
		await configure(elsewhere.org.id, {
			issuer: 'https://idp.attacker.example/tenant',
			clientId: 'x',
			secretRef: 'env:OIDC_SECRET_TENANT_A'
		});
		expect(await sso.startSsoSignIn(elsewhere.org.slug, '/', REDIRECT)).toEqual({
			ok: false,
			reason: 'unavailable'
		});
	});

	it('never links by email: an existing account with the same email is refused until an administrator links it, once', async () => {
		const existing = await userService.createUser(orgA.actor, {
			organisationId: orgA.org.id,
			email: pat.email,
			displayName: 'Pat Password',
			role: 'editor',
			password: PASSWORD
		});
		if (!existing.ok) throw new Error('no user');
		expect(await signInAs(orgA.org.slug, 'pat')).toEqual({ ok: false, reason: 'email-in-use' });
		expect(await ssoSettings.linkAccount(orgA.actor, existing.user.id, pat.oid)).toEqual({
			ok: true
		});
		expect(
			await ssoSettings.linkAccount(orgA.actor, existing.user.id, 'another-object-id')
		).toEqual({
			ok: false,
			reason: 'already-linked'
		});
		const signedIn = await signInAs(orgA.org.slug, 'pat');
		expect(signedIn.ok).toBe(true);
		const user = (await auth.resolveSession((signedIn as { token: string }).token))!.user;
		expect(user.id).toBe(existing.user.id);
		// The provider's role replaces the one the administrator gave.
		expect(user.role).toBe('viewer');
		expect((await audit('sso-link')).some((r) => r.entityId === String(user.id))).toBe(true);
	});

	it('refuses password sign-in in an SSO-only organisation, except a platform administrator', async () => {
		const o = await makeOrganisation('SSO-only council');
		await configure(o.org.id, {
			issuer: idp.issuer('tenant-a'),
			clientId: 'portfolio-a',
			secretRef: 'env:OIDC_SECRET_TENANT_A',
			ssoOnly: true
		});
		const officer = await userService.createUser(o.actor, {
			organisationId: o.org.id,
			email: 'officer@sso-only.example.gov.uk',
			displayName: 'Officer',
			role: 'editor',
			password: PASSWORD
		});
		const breakGlass = await userService.createUser(o.actor, {
			organisationId: o.org.id,
			email: 'platform@sso-only.example.gov.uk',
			displayName: 'Platform',
			role: 'platform_admin',
			password: PASSWORD
		});
		expect(officer.ok && breakGlass.ok).toBe(true);
		expect(await auth.signIn('officer@sso-only.example.gov.uk', PASSWORD, from())).toEqual({
			ok: false,
			reason: 'sso-only'
		});
		// A wrong password still reads as a wrong password: SSO-only is told only to someone who knows it.
		expect(
			await auth.signIn('officer@sso-only.example.gov.uk', 'wrong password here', from())
		).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect((await auth.signIn('platform@sso-only.example.gov.uk', PASSWORD, from())).ok).toBe(true);
		expect(
			(await audit('sign-in-refused')).some((r) => r.detail.includes('organisation sign-in only'))
		).toBe(true);
	});

	it('signs in with a certificate credential: a client assertion signed with its key (private_key_jwt), with the thumbprint', async () => {
		const before = idp.acceptedAssertions.length;
		const signedIn = await signInAs(orgCertificate.org.slug, 'carol');
		expect(signedIn).toMatchObject({ ok: true });
		const user = (await auth.resolveSession((signedIn as { token: string }).token))!.user;
		expect(user).toMatchObject({ organisationId: orgCertificate.org.id, role: 'editor' });
		// The provider accepted exactly one assertion for this sign-in, and it names the certificate.
		const accepted = idp.acceptedAssertions.slice(before);
		expect(accepted).toHaveLength(1);
		expect(accepted[0]).toMatchObject({ alg: 'RS256', x5t: thumbprint });
		// What the settings page's 'Can the server use it?' reads: the file, found in OIDC_SECRETS_DIR.
		expect(readSecret(`file:${CERTIFICATE_FILE}`)).toContain('BEGIN CERTIFICATE');
	});

	it('refuses a certificate credential whose key the provider does not hold (invalid_client), audited', async () => {
		expect(await signInAs(orgWrongKey.org.slug, 'carol')).toEqual({ ok: false, reason: 'failed' });
		const refusal = (await audit('sso-sign-in-refused')).at(-1)!;
		expect(refusal.organisationId).toBe(orgWrongKey.org.id);
		expect(refusal.detail).toMatch(/invalid_client/);
	});

	it('logs and audits no secret, code or token', async () => {
		const { loginToken, callback } = await toCallback(orgRogue.org.slug, 'rex');
		await sso.finishSsoSignIn(loginToken, callback, from());
		await flushAuditOutbox();
		const trail = JSON.stringify(await db().select().from(auditEvent));
		const code = callback.searchParams.get('code')!;
		// The certificate's private key, by its base64 body's first line.
		const keyLine = certificateText.split('\n')[1]!;
		for (const secret of [SECRET_A, SECRET_B, SECRET_R, code, loginToken, keyLine]) {
			expect(trail).not.toContain(secret);
			expect(logged.join('\n')).not.toContain(secret);
		}
		// An id token is a JWT: three base64url parts, the first starting eyJ.
		expect(trail).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
		expect(logged.join('\n')).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
	});
});
