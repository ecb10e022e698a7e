/**
 * Recharge statements in the built app, with axe on every page: the shared service's officer
 * prepares a statement for a partner and issues it through the confirmation page (frozen with the
 * fingerprint shown there); the partner finds it among its own, disputes it (a reason is required,
 * and what was typed is kept) and the dispute is shown with the reason; another partner agrees its
 * own statement, and its attempt at the first partner's statement, or to issue, changes nothing.
 */
import { describe, expect, inject, test } from 'vitest';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import type { Page } from 'playwright-core';
import { baseURL, browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { newUserCookie } from './support/org-user';
import { RechargeStatementsPage } from './pages/RechargeStatements';
import { ErrorPage } from './pages/ErrorPage';

const database = createClient({
	url: inject('databaseUrl'),
	authToken: process.env.DATABASE_AUTH_TOKEN
});
/** Screenshots at 1280 and 390 px for a person to look at, when STATEMENT_SCREENSHOTS names a folder. */
async function shoot(page: Page, name: string) {
	const folder = process.env.STATEMENT_SCREENSHOTS;
	if (!folder) return;
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: join(folder, `${name}-${width}.png`), fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

const one = async (sql: string, args: (string | number)[] = []) =>
	Number((await database.execute({ sql, args })).rows[0]![0]);

describe.skipIf(!browserAvailable)('recharge statements', () => {
	const { session } = useBrowser();
	const cookies: Record<string, string> = {};

	async function as(slug: string, role: string) {
		cookies[slug] ??= await newUserCookie(slug, role);
		const s = await session({ signedOut: true });
		const [name, ...value] = cookies[slug].split('=');
		await s.context.addCookies([
			{ name: name!, value: value.join('='), url: baseURL, httpOnly: true, sameSite: 'Lax' }
		]);
		return s;
	}

	test('the officer issues a statement; the partner disputes it with a reason; another partner agrees its own', async () => {
		// The officer: the demo's issued statement is listed; a draft for Q1 of 2027/28 is prepared and issued.
		const officer = (await as('tri-council-ict', 'editor')).page;
		const list = await new RechargeStatementsPage(officer).visit();
		expect((await list.tableRows('Statements')).map((r) => r.slice(0, 3))).toContainEqual([
			'2026/27 (whole year)',
			'Eastmoor District Council',
			'Issued'
		]);
		const draft = await list.prepare('Westvale Borough Council', '2026/27', 'Q1 (April to June)');
		expect(await draft.status()).toBe('Draft');
		const charges = await draft.tableRows('Charges for Q1 2026/27');
		expect(charges.length).toBeGreaterThan(0);
		const total = await officer.getByTestId('statement-total').innerText();
		await shoot(officer, 'statement-draft');
		const fingerprint = await draft.issue();
		expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
		expect(await draft.status()).toBe('Issued');
		// Frozen with the fingerprint the officer was shown, and the same total.
		expect((await officer.getByTestId('statement-hash').innerText()).trim()).toBe(fingerprint);
		expect(await officer.getByTestId('statement-total').innerText()).toBe(total);
		const id = Number(new URL(officer.url()).pathname.split('/').pop());
		const csv = await draft.download('CSV');
		expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		expect(csv.bytes.toString('utf8')).toContain(fingerprint);
		const xlsx = await draft.download('Excel');
		expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');

		// The partner: finds it among its own, disputes it; an empty reason is refused.
		const westvale = (await as('westvale', 'editor')).page;
		const own = await new RechargeStatementsPage(westvale).visit();
		const theirs = await own.openStatement('Q1 2026/27', 'Tri-Council ICT Partnership');
		expect(await theirs.status()).toBe('Issued');
		expect((await westvale.getByTestId('statement-hash').innerText()).trim()).toBe(fingerprint);
		// The full check: every stored line hashed again gives the hash it was issued with.
		expect(await theirs.checkEveryLine()).toMatch(/Every one of the \d+ lines was checked/);
		await shoot(westvale, 'statement-issued-checked');
		expect(await westvale.getByTestId('statement-tampered').count()).toBe(0);
		await theirs.dispute('   ', true);
		expect(await theirs.errorSummary()).toEqual([
			{ message: 'Enter why the statement is disputed', target: 'reason' }
		]);
		await theirs.dispute('Line 3 is Eastmoor’s revenues system, not ours', false);
		expect(await theirs.status()).toBe('Disputed');
		expect(await westvale.getByTestId('dispute-reason').innerText()).toContain(
			'Line 3 is Eastmoor’s revenues system, not ours'
		);

		// Another partner agrees its own statement, and cannot reach Westvale's or issue anything.
		const eastmoor = (await as('eastmoor', 'editor')).page;
		const eastList = await new RechargeStatementsPage(eastmoor).visit();
		expect((await eastList.tableRows('Statements')).map((r) => r[0])).toEqual([
			'2026/27 (whole year)'
		]);
		const eastStatement = await eastList.openStatement('2026/27 (whole year)', 'Tri-Council');
		await eastStatement.agree();
		expect(await eastStatement.status()).toBe('Agreed');
		const denied = await one("SELECT count(*) FROM audit_event WHERE action = 'access-denied'");
		await new ErrorPage(eastmoor).visit(`/recharges/statements/${id}`, 404);
		expect(await one("SELECT count(*) FROM audit_event WHERE action = 'access-denied'")).toBe(
			denied + 1
		);
		const eastId = await one(
			"SELECT s.id FROM recharge_statement s JOIN organisation o ON o.id = s.partner_organisation_id WHERE o.slug = 'eastmoor'"
		);
		const issue = await eastmoor.request.post(`/recharges/statements/${eastId}/issue`, {
			headers: { origin: baseURL, accept: 'text/html' },
			form: { version: '1', fingerprint: 'x' },
			maxRedirects: 0
		});
		// Refused, and its confirmation page is the officers': the partner is sent back to the statement.
		expect([issue.status(), issue.headers()['location']]).toEqual([
			303,
			`/recharges/statements/${eastId}`
		]);
		expect(
			await one("SELECT count(*) FROM recharge_statement WHERE id = ? AND status = 'agreed'", [
				eastId
			])
		).toBe(1);
	});
});
