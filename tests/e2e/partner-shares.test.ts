/**
 * Partner shares in the built app, with axe on every page: the shared service's roll-up by partner
 * reconciling with its cost roll-up, readable at 390 px through the scrolling table region; a
 * partner's budget refused when negative (what was typed kept) then saved, with the over-budget
 * words; and a business case of the shared service showing each partner's share of each option.
 */
import { describe, expect, test } from 'vitest';
import { baseURL, browserAvailable } from './support/browser';
import { useBrowser, type SessionOptions } from './support/suite';
import { newUserCookie } from './support/org-user';
import { Rollups } from './pages/Rollups';
import { RechargesPage } from './pages/Recharges';
import { BusinessCasesList, OptionsPage, BusinessCasePage } from './pages/BusinessCases';

/** Set SCREENSHOTS=/some/dir to keep a picture of each page at each width, to look at. */
const shots = process.env.SCREENSHOTS;

describe.skipIf(!browserAvailable)('partner shares', () => {
	const { session } = useBrowser();
	let cookie: string | null = null;

	async function asSharedService(options: SessionOptions = {}) {
		cookie ??= await newUserCookie('tri-council-ict', 'editor');
		const s = await session({ ...options, signedOut: true });
		const [name, ...value] = cookie.split('=');
		await s.context.addCookies([
			{ name: name!, value: value.join('='), url: baseURL, httpOnly: true, sameSite: 'Lax' }
		]);
		return s;
	}

	test.each([1280, 390])(
		'the roll-up by partner reconciles with the cost roll-up, and stays reachable at %i px',
		async (width) => {
			const { page } = await asSharedService({ viewport: { width, height: 900 } });
			const rollups = await new Rollups(page).visit();
			const partners = await rollups.shown('Cost by partner');
			expect(partners.rows.map((r) => r[0])).toEqual([
				'Eastmoor District Council',
				'Northshire County Council',
				'Westvale Borough Council',
				'Unallocated shared-service overhead'
			]);
			const workstreams = await rollups.shown('Cost by workstream');
			expect(partners.totals!.at(-1)).toBe(workstreams.totals!.at(-1));
			expect(partners.totals!.at(-1)).not.toBe('£0.00');
			expect(await page.getByTestId('reconciliation-warning').count()).toBe(0);
			// The table sits in the named scrolling region, which takes focus, so every column can be reached.
			const region = page.getByRole('region', { name: 'Cost by partner' });
			expect(await region.getAttribute('tabindex')).toBe('0');
			if (width === 390) {
				const { scroll, client } = await region.evaluate((el) => ({
					scroll: el.scrollWidth,
					client: el.clientWidth
				}));
				expect(scroll).toBeGreaterThan(client);
				await region.focus();
				await page.keyboard.press('End');
				await region.evaluate((el) => (el.scrollLeft = el.scrollWidth));
				expect(await region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
			}
			if (shots) {
				await page.locator('#cost-by-partner').scrollIntoViewIfNeeded();
				await page.screenshot({ path: `${shots}/rollups-partners-${width}.png` });
			}
		}
	);

	test('a partner’s budget: refused when negative, then saved, and the share set against it in words', async () => {
		const { page } = await asSharedService();
		const recharges = await new RechargesPage(page).visit();
		await recharges.changeBudget('Eastmoor District Council');
		await recharges.saveBudget('-10', true);
		expect(await recharges.errorSummary()).toEqual([
			{ message: 'The budget cannot be negative', target: 'budgetAmount' }
		]);
		expect(await page.getByLabel(/^Budget for .*, in pounds/).inputValue()).toBe('-10');
		await recharges.saveBudget('1000', false);
		const row = (await recharges.tableRows('Partners’ shares against their budgets, 2026/27')).find(
			(r) => r[0] === 'Eastmoor District Council'
		)!;
		expect(row[2]).toBe('£1,000.00');
		expect(row[4]).toMatch(/^Over budget by £[\d,]+\.\d\d$/);
		if (shots)
			await page.screenshot({ path: `${shots}/recharges-budgets-1280.png`, fullPage: true });
	});

	test.each([1280, 390])(
		'a business case of the shared service shows each partner’s share of each option (%i px)',
		async (width) => {
			const { page } = await asSharedService();
			const title = `Shared payroll ${width} ${Date.now()}`;
			const id = await new BusinessCasesList(page)
				.visit()
				.then((l) => l.create(title, 'Outline Business Case'));
			const casePage = new BusinessCasePage(page);
			await casePage.follow('Edit options', 'Options');
			const options = new OptionsPage(page);
			await options.fill({
				title: 'Buy a shared payroll',
				costs: [
					['2026/27', 'Capital', '1000', 'Build'],
					['2035/36', 'Revenue', '300', 'Run']
				]
			});
			await options.press('Add option');
			await page.setViewportSize({ width, height: 900 });
			await casePage.visit(id);
			const rows = await casePage.tableRows('Buy a shared payroll: each partner’s share');
			expect(rows.map((r) => r[0])).toEqual([
				'Eastmoor District Council',
				'Northshire County Council',
				'Westvale Borough Council',
				'Unallocated shared-service overhead'
			]);
			// The 2026/27 users-based default key shares £1,000.00 to the penny; 2035/36 has no key.
			const total = rows.reduce((sum, r) => sum + Number(r.at(-1)!.replace(/[£,]/g, '')) * 100, 0);
			expect(Math.round(total)).toBe(130_000);
			expect(rows.at(-1)!.at(-1)).toBe('£300.00');
			await page.locator('summary', { hasText: 'Which key applied to each year' }).last().click();
			const applied = await page.getByTestId('keys-applied').last().innerText();
			expect(applied).toMatch(/2026\/27: Shared service default: users/);
			expect(applied).toMatch(/2035\/36: No default key for this year/);
			// A draft's shares use today's keys and say they are frozen with an approval.
			expect(await page.getByTestId('partner-shares-basis').innerText()).toContain(
				'When this version is approved they are frozen with it'
			);
			await casePage.settled();
			const region = page.getByRole('region', {
				name: 'Buy a shared payroll: each partner’s share'
			});
			expect(await region.getAttribute('tabindex')).toBe('0');
			if (shots) {
				await page.locator('#partner-shares').scrollIntoViewIfNeeded();
				await page.screenshot({ path: `${shots}/case-partners-${width}.png` });
			}
		}
	);
});
