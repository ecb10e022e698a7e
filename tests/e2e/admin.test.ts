/**
 * The administration pages in the browser, with axe on each: an organisation administrator adds a
 * user (with a bad password first), changes a role, filters the audit trail; a platform administrator
 * sees the partner organisations; anyone changes their own password.
 */
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { SignIn } from './pages/SignIn';
import { AdminPages } from './pages/AdminPages';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const databaseUrl = inject('databaseUrl');
const password = `admin-${randomBytes(12).toString('base64url')}`;
const stamp = randomBytes(3).toString('hex');
const admin = `org.admin.${stamp}@northshire.example`;
const platform = `platform.${stamp}@northshire.example`;

function addUser(email: string, role: string) {
	const run = spawnSync(
		process.execPath,
		[
			join(ROOT, 'node_modules/vite-node/vite-node.mjs'),
			'--config',
			'vite.cli.config.ts',
			'src/lib/server/cli/user.ts',
			'--',
			'add',
			'--email',
			email,
			'--role',
			role,
			'--org',
			'northshire'
		],
		{
			cwd: ROOT,
			env: {
				...process.env,
				DATABASE_URL: databaseUrl,
				USER_PASSWORD: password,
				SEED_DEMO: 'false'
			},
			encoding: 'utf8',
			timeout: 60_000
		}
	);
	if (run.status !== 0) throw new Error(`could not add ${email}: ${run.stderr}`);
}

beforeAll(() => {
	addUser(admin, 'org_admin');
	addUser(platform, 'platform_admin');
}, 120_000);

describe.skipIf(!browserAvailable)('administration', () => {
	const { session } = useBrowser();

	test('disabling your own account is refused as a form is: an error summary, the page and its button still there', async () => {
		const { page } = await session({ signedOut: true });
		await (await new SignIn(page).visit()).signIn(admin, password);
		const pages = new AdminPages(page);
		await pages.visit('/admin/users', 'Users');
		await page
			.getByRole('row', { name: new RegExp(admin.replace(/\./g, '\\.')) })
			.getByRole('link')
			.click();
		await pages.settled(
			page.getByRole('button', { name: 'Disable this account and sign them out' })
		);
		await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Disable this account and sign them out' }).click()
		]);
		await pages.settled(page.locator('.govuk-error-summary'));
		expect(await pages.errorSummary()).toEqual([
			{ message: 'You cannot disable your own account', target: 'disabled' }
		]);
		// Still signed in, still enabled: the button is offered again.
		await pages.visit('/admin/users', 'Users');
		expect(await pages.mainText()).toContain(admin);
	});

	test('an organisation administrator adds a user, changes a role and reads the audit trail', async () => {
		const { page } = await session({ signedOut: true });
		await (await new SignIn(page).visit()).signIn(admin, password);
		const pages = new AdminPages(page);
		await pages.visit('/admin/users', 'Users');
		const newEmail = `new.officer.${stamp}@northshire.example`;
		await pages.field('Email address').fill(newEmail);
		await pages.field('Name').fill('New Officer');
		await pages.field('Role').selectOption({ label: 'Viewer' });
		await pages.field('First password').fill('short');
		await pages.submit('Add user', 'Password must be at least 12 characters');
		expect((await pages.errorSummary()).map((e) => e.message)).toEqual([
			'Password must be at least 12 characters'
		]);
		expect(await pages.field('Email address').inputValue()).toBe(newEmail);
		await pages.field('First password').fill('a much longer first password');
		await pages.submit('Add user', `Account created for ${newEmail}`);
		expect(await pages.mainText()).toContain(`Account created for ${newEmail}`);

		await page.getByRole('link', { name: 'New Officer' }).click();
		await pages.settled(pages.page.getByRole('heading', { level: 1, name: 'New Officer' }));
		await page.getByRole('radio', { name: /^Editor \(strategy group officer\)/ }).check();
		await pages.submit('Change role', 'Role changed');
		expect(await pages.mainText()).toContain('Role changed');

		await pages.visit('/audit', 'Audit trail');
		await pages.field('Action').selectOption('role-change');
		await page.getByRole('button', { name: 'Apply filters' }).click();
		await page.waitForURL(/action=role-change/);
		await pages.settled(pages.heading());
		const audit = await pages.mainText();
		expect(audit).toContain('Role changed');
		expect(audit).toContain('Role: Viewer to Editor (strategy group officer)');
		expect(audit).toContain('User: New Officer');
		expect(
			await page.getByRole('link', { name: 'Download these rows as CSV' }).getAttribute('href')
		).toContain('action=role-change');
	});

	test('a platform administrator sees the partner organisations, and anyone can change their password', async () => {
		const { page } = await session({ signedOut: true });
		await (await new SignIn(page).visit()).signIn(platform, password);
		const pages = new AdminPages(page);
		await pages.visit('/admin/organisations', 'Partner organisations');
		expect(await pages.mainText()).toContain('Northshire County Council');
		await pages.visit('/account/password', 'Change your password');
		await pages.field('Current password').fill('not my password at all');
		await pages.field('New password').fill('another long passphrase');
		await pages.submit('Change password', 'Your current password is not correct');
		expect((await pages.errorSummary()).map((e) => e.message)).toEqual([
			'Your current password is not correct'
		]);
	});

	test('the current-password check on /account/password is throttled with a clear message', async () => {
		const person = `throttled.${stamp}@northshire.example`;
		addUser(person, 'viewer');
		const { page } = await session({ signedOut: true });
		await (await new SignIn(page).visit()).signIn(person, password);
		const pages = new AdminPages(page);
		await pages.visit('/account/password', 'Change your password');
		for (let i = 0; i < 5; i++) {
			await pages.field('Current password').fill(`wrong guess number ${i}`);
			await pages.field('New password').fill('another long passphrase');
			await pages.submit('Change password', 'Your current password is not correct');
		}
		await pages.field('Current password').fill(password);
		await pages.field('New password').fill('another long passphrase');
		const message = 'Too many wrong passwords. Wait 15 minutes, then try again.';
		await pages.submit('Change password', message);
		expect((await pages.errorSummary()).map((e) => e.message)).toEqual([message]);
		expect(await page.title()).toMatch(/^Error: /);
	});
});
