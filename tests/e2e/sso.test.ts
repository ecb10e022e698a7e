/**
 * Organisation sign-in in the browser, with axe on every page of the app: an organisation
 * administrator saves the settings on /admin/sso; a person with a mapped app role signs in at a real
 * OpenID provider on 127.0.0.1 and lands on the dashboard; an unmapped role gets the request-access
 * page; an answer with no sign-in under way is refused; signing out offers the provider's sign-out;
 * 'SSO only' refuses a password. This file starts its own app, as the provider's address and the
 * client secret are settings the app reads from its environment at start.
 * With SCREENSHOT_DIR set, it also saves each new page at 1280 and 390 pixels wide.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { freePort, startTestDatabase, stopProcess } from '../../scripts/sqld.js';
import { createUser, spawnApp, waitUntilReady, type AppProcess } from '../support/app-server';
import { startIdp, type Idp, type IdpUser } from '../support/oidc-idp';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { SignIn } from './pages/SignIn';
import { SsoPages } from './pages/SsoPages';

const SECRET = 'northshire-client-secret-5c4b3a2918';
const person = (username: string, roles: string[]): IdpUser => ({
	username,
	oid: `11111111-2222-3333-4444-${username.padStart(12, '0')}`,
	roles,
	email: `${username}@northshire.example`,
	name: `${username[0]!.toUpperCase()}${username.slice(1)} Northshire`
});

let idp: Idp;
let app: AppProcess;
let appURL = '';
let stopDatabase: () => Promise<void> = async () => {};
let dir = '';
let admin: { email: string; password: string };
let officer: { email: string; password: string };

async function shoot(page: Page, name: string) {
	const out = process.env.SCREENSHOT_DIR;
	if (!out) return;
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

describe.skipIf(!browserAvailable)('organisation sign-in in the browser', () => {
	const { session } = useBrowser();
	const open = async () => {
		const s = await session({ signedOut: true, baseURL: appURL });
		return new SsoPages(s.page);
	};

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'portfolio-sso-'));
		const port = await freePort();
		appURL = `http://127.0.0.1:${port}`;
		idp = await startIdp(
			[
				{
					id: 'northshire-tenant',
					users: [person('alice', ['Portfolio.Editor']), person('bob', ['Another.App'])],
					clients: [{ client_id: 'portfolio', client_secret: SECRET }]
				}
			],
			{
				redirectUris: [`${appURL}/auth/callback`],
				postLogoutRedirectUris: [`${appURL}/sign-in?signedOut=1`]
			}
		);
		const database = await startTestDatabase(dir, 'sso');
		stopDatabase = database.stop;
		const env: Record<string, string> = database.token
			? { DATABASE_AUTH_TOKEN: database.token }
			: {};
		app = spawnApp({
			port,
			DATABASE_URL: database.url,
			SEED_DEMO: 'true',
			OIDC_ALLOWED_ISSUER_HOSTS: new URL(idp.origin).host,
			OIDC_ALLOW_HTTP_ISSUER: 'true',
			OIDC_SECRET_NORTHSHIRE: SECRET,
			...env
		});
		await waitUntilReady(app, appURL, database.token ? 180_000 : 60_000);
		admin = createUser(database.url, {
			email: 'sso.admin@northshire.example',
			role: 'org_admin',
			env
		});
		officer = createUser(database.url, { email: 'password.officer@northshire.example', env });
	}, 240_000);

	afterAll(async () => {
		if (app) await stopProcess(app.child);
		await idp?.stop();
		await stopDatabase();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	const settings = (issuer: string) => ({
		issuer,
		clientId: 'portfolio',
		tenantId: 'northshire-tenant',
		secretRef: 'env:OIDC_SECRET_NORTHSHIRE',
		roleMap: 'Portfolio.Admin = org_admin\nPortfolio.Editor = editor'
	});

	test('an administrator sets it up; a mapped user signs in; an unmapped one is asked to request access', async () => {
		const adminPages = await open();
		await new SignIn(adminPages.page).visit();
		await new SignIn(adminPages.page).signIn(admin.email, admin.password);
		await adminPages.visitSettings();
		// A secret typed into the reference field is refused, and not kept in the form.
		await adminPages.page.locator('[name="secretRef"]').fill(SECRET);
		await adminPages.page.getByRole('button', { name: 'Save settings' }).click();
		await adminPages.settled(adminPages.page.locator('.govuk-error-summary'));
		expect((await adminPages.errorSummary()).map((e) => e.target)).toContain('issuer');
		await adminPages.saveSettings(settings(idp.issuer('northshire-tenant')), [
			'enabled',
			'createUsers'
		]);
		await expect
			.poll(() => adminPages.page.getByTestId('sso-status').innerText())
			.toContain('Yes: the issuer is allowed and the secret was found');
		await shoot(adminPages.page, 'admin-sso');

		const alice = await open();
		await alice.startFromSignIn();
		await shoot(alice.page, 'auth-sso');
		// An unknown short name is refused in the error summary, as typed.
		await alice.field("Your organisation's short name").fill('no-such-council');
		await alice.page.getByRole('button', { name: 'Continue' }).click();
		await alice.settled(alice.page.locator('.govuk-error-summary'));
		expect((await alice.errorSummary())[0]!.message).toContain(
			'No organisation with this short name'
		);
		await alice.continueAs('northshire');
		await alice.signInAtProvider('alice', 'Portfolio review summary');
		expect(new URL(alice.page.url()).pathname).toBe('/');

		const bob = await open();
		await bob.startFromSignIn();
		await bob.continueAs('northshire');
		await bob.signInAtProvider('bob', 'Request access');
		expect(await bob.page.getByTestId('refusal').innerText()).toContain('has no role');
		await shoot(bob.page, 'request-access');

		// Signing out ends the app's session and offers the provider's sign-out, which goes to its end-session endpoint.
		await alice.page.getByRole('button', { name: 'Sign out' }).click();
		await alice.settled(alice.page.getByRole('heading', { level: 1, name: 'Sign in' }));
		const providerLink = alice.page.getByRole('link', {
			name: 'Sign out of your organisation account too'
		});
		await shoot(alice.page, 'signed-out');
		const href = await providerLink.getAttribute('href');
		const out = await fetch(new URL(href!, appURL), { redirect: 'manual' });
		const location = new URL(out.headers.get('location')!);
		expect(location.href.startsWith(`${idp.issuer('northshire-tenant')}/session/end`)).toBe(true);
		expect(location.searchParams.get('client_id')).toBe('portfolio');
		expect(location.searchParams.get('post_logout_redirect_uri')).toBe(
			`${appURL}/sign-in?signedOut=1`
		);
	});

	test('an answer from the provider with no sign-in under way is refused', async () => {
		const visitor = await open();
		await visitor.page.goto('/auth/callback?code=made-up&state=made-up');
		await visitor.settled(
			visitor.page.getByRole('heading', { level: 1, name: 'You could not be signed in' })
		);
		expect(await visitor.page.getByTestId('refusal').innerText()).toContain('Start again');
		await shoot(visitor.page, 'refused');
	});

	test("'SSO only' refuses a password, with the reason in the error summary", async () => {
		const adminPages = await open();
		await new SignIn(adminPages.page).visit();
		await new SignIn(adminPages.page).signIn(admin.email, admin.password);
		await adminPages.visitSettings();
		await adminPages.saveSettings(settings(idp.issuer('northshire-tenant')), [
			'enabled',
			'createUsers',
			'ssoOnly'
		]);
		const visitor = await open();
		const signIn = await new SignIn(visitor.page).visit();
		await signIn.signInExpectingErrors(officer.email, officer.password);
		expect((await signIn.errorSummary())[0]!.message).toContain(
			'Your organisation signs in with its own account'
		);
		await shoot(visitor.page, 'sign-in-sso-only');
	});
});
