/**
 * Recharges in the built app, with axe on every page: the shared service's officer sees each
 * partner's share and the keys, a fixed key that misses 100.00% is refused with the sum spelt out
 * and what was typed kept, then saved; a partner council sees every key and total but only its own
 * cost centres and lines, and its attempt to remove the shared service's key is an audited 404.
 */
import { describe, expect, inject, test } from 'vitest';
import { createClient } from '@libsql/client';
import { baseURL, browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { newUserCookie } from './support/org-user';
import { RechargesPage } from './pages/Recharges';

const database = createClient({
	url: inject('databaseUrl'),
	authToken: process.env.DATABASE_AUTH_TOKEN
});
const one = async (sql: string, args: (string | number)[] = []) =>
	Number((await database.execute({ sql, args })).rows[0]![0]);

describe.skipIf(!browserAvailable)('recharges', () => {
	const { session } = useBrowser();
	let cookie: string | null = null;

	async function asSharedService() {
		cookie ??= await newUserCookie('tri-council-ict', 'editor');
		const s = await session({ signedOut: true });
		const [name, ...value] = cookie.split('=');
		await s.context.addCookies([
			{ name: name!, value: value.join('='), url: baseURL, httpOnly: true, sameSite: 'Lax' }
		]);
		return s;
	}

	test('the officer sees each partner’s share; a key short of 100.00% is refused, then saved', async () => {
		const { page } = await asSharedService();
		const recharges = await new RechargesPage(page).visit();
		expect(await recharges.tableRows('Recharges by partner, 2026/27')).toEqual([
			['Eastmoor District Council', '£21,290.32', '£89,596.77', '£110,887.09'],
			['Northshire County Council', '£81,290.33', '£142,596.78', '£223,887.11'],
			['Westvale Borough Council', '£17,419.36', '£73,306.45', '£90,725.81']
		]);
		expect(await page.getByTestId('service-total').innerText()).toBe('£425,500.01');
		const keys = await recharges.tableRows('Allocation keys, 2026/27');
		expect(keys.map((k) => k[0]!.split('\n')[0])).toEqual(['Shared service default', 'System']);

		await recharges.changeKey('Revenues and benefits');
		expect(await recharges.shareInput('Eastmoor District Council').inputValue()).toBe('55.00');
		await recharges.fillShares({
			'Northshire County Council': '33.33',
			'Eastmoor District Council': '33.33',
			'Westvale Borough Council': '33.33'
		});
		await recharges.saveKey(true);
		expect(await recharges.errorSummary()).toEqual([
			{
				message: 'Percentages must total 100.00%: 33.33 + 33.33 + 33.33 is 0.01% short',
				target: 'total'
			}
		]);
		expect(await recharges.shareInput('Westvale Borough Council').inputValue()).toBe('33.33');

		await recharges.fillShares({ 'Westvale Borough Council': '33.34' });
		await recharges.saveKey(false);
		const saved = await recharges.tableRows('Allocation keys, 2026/27');
		expect(saved[1]![2]).toContain('Westvale Borough Council: 33.34%');
		// £95,000.00 by thirds: the county now pays £31,663.50 of it.
		expect(
			(await recharges.tableRows('Recharges by partner, 2026/27')).find((r) =>
				r[0]!.startsWith('Northshire')
			)![3]
		).toBe('£255,550.61');
	});

	test('a partner sees every key and total, only its own cost centres, and cannot remove a key', async () => {
		const { page } = await session();
		const list = await new RechargesPage(page).visit();
		const shared = await list.openSharedService('Tri-Council ICT Partnership');
		const text = await page.locator('main').innerText();
		expect(text).toContain('NCC-ICT-100');
		expect(text).toContain('EDU-114');
		for (const theirs of ['EM-IT-01', 'EM-RB-20', 'WB-4410', 'WB-5120'])
			expect(text).not.toContain(theirs);
		// That another partner has a cost centre on a key is shown, never which one.
		expect(text).toContain('Eastmoor District Council’s own cost centre');
		expect((await shared.tableRows('Recharges by partner, 2026/27')).length).toBe(3);
		const lines = await shared.tableRows('Your recharges, 2026/27');
		expect(lines.length).toBeGreaterThan(0);
		// Each line names the key that applied; a cost centre shown is always the county's own.
		expect(lines.every((l) => l[2] !== '')).toBe(true);
		expect(lines.every((l) => ['NCC-ICT-100 Corporate ICT', 'Not set'].includes(l[3]!))).toBe(true);
		expect(lines.some((l) => l[3] === 'NCC-ICT-100 Corporate ICT')).toBe(true);

		const keyId = await one(
			"SELECT k.id FROM allocation_key k JOIN organisation o ON o.id = k.organisation_id WHERE o.slug = 'tri-council-ict' AND k.scope = 'service'"
		);
		const denied = await one("SELECT count(*) FROM audit_event WHERE action = 'access-denied'");
		const response = await page.request.post('/recharges?/removeKey', {
			headers: { origin: baseURL, accept: 'text/html' },
			form: { keyId: String(keyId), version: '1' }
		});
		expect(response.status()).toBe(404);
		expect(await one("SELECT count(*) FROM audit_event WHERE action = 'access-denied'")).toBe(
			denied + 1
		);
		expect(await one('SELECT count(*) FROM allocation_key WHERE id = ?', [keyId])).toBe(1);
	});
});
