/**
 * Ledger reconciliation in the built app, with axe on every page: a partner council uploads a messy
 * ledger extract as Excel saves it (a byte-order mark, CRLF, '£' amounts, a credit in brackets); a
 * row with '1.2k' is refused with every reason and nothing imported; the mended file replaces the
 * demo extract only once confirmed, and the reconciliation finds the mis-posting to another
 * partner's cost centre without naming the partner. A file with its own headings is mapped column by
 * column and imports as the tidy one did. The shared service's officer sees whose it is.
 */
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { baseURL, browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { newUserCookie } from './support/org-user';
import { OfficerReconciliation, PartnerReconciliation } from './pages/Reconciliation';

/** Screenshots at 1280 and 390 px for a person to look at, when RECONCILIATION_SCREENSHOTS names a folder. */
async function shoot(page: Page, name: string): Promise<void> {
	const folder = process.env.RECONCILIATION_SCREENSHOTS;
	if (!folder) return;
	const before = page.viewportSize();
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 1400 });
		await page.screenshot({ path: join(folder, `${name}-${width}.png`), fullPage: true });
	}
	if (before) await page.setViewportSize(before);
}

/** A ledger report as Excel's 'CSV UTF-8' saves it. */
const excelCsv = (rows: string[]) => Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`, 'utf8');
const HEAD = 'Cost Centre,Posting Date,Amount (£),Cap/Rev,Narrative,Journal Ref';
const GOOD = [
	'NCC-ICT-100,15/11/2026,"£81,290.33",Capital,Core switch refresh,JNL-26-0940',
	'NCC-ICT-100,30/06/2026,"£63,000.00",Revenue,Microsoft 365 H1,JNL-26-0412',
	'ncc-ict-100 ,31/12/2026,"£63,000.00",Revenue,Microsoft 365 H2,JNL-26-1051',
	'WB-4410,31/03/2027,"£1,500.00",Revenue,Identity support misposted,JNL-27-0219',
	'NCC-ICT-100,28/02/2027,"(£250.00)",Revenue,Credit note,JNL-27-0150'
];

describe.skipIf(!browserAvailable)('ledger reconciliation', () => {
	const { session } = useBrowser();

	test('a partner uploads a messy extract; a bad row is refused; the mended one finds the mis-posting', async () => {
		const { page } = await session();
		const rec = await new PartnerReconciliation(page).visitFromList('Tri-Council ICT Partnership');
		// The demo extract is there already, with its deliberate mis-posting.
		expect(await rec.status()).toContain('1 line posted to another partner’s cost centre');
		expect(await rec.tableRows('Lines posted to another partner’s cost centre')).toEqual([
			[
				'7',
				'EM-IT-01',
				'Another partner’s cost centre',
				'2026/27 Revenue',
				'31 March 2027',
				'Identity platform support, October to March (JNL-27-0219)',
				'£8,298.39'
			]
		]);

		await rec.upload(
			'gl-export.csv',
			excelCsv([HEAD, ...GOOD, 'NCC-ICT-100,31/02/2027,1.2k,Grant,Bad row,X'])
		);
		expect(await rec.tableRows('Rows that cannot be imported, with every reason')).toEqual([
			['7', 'Amount (£)', "'1.2k' uses a shorthand; enter the full amount in pounds (write 1200)"],
			['7', 'Posting Date', "'31/02/2027' is not a real date"],
			['7', 'Cap/Rev', "'Grant' is not capital or revenue"]
		]);
		expect(await rec.importButton().count()).toBe(0);
		await shoot(page, 'reconciliation-refused');

		await rec.upload('gl-export.csv', excelCsv([HEAD, ...GOOD]));
		expect(await rec.tableRows('What will be imported')).toEqual([
			['2026/27', '5', '£208,540.33', expect.stringMatching(/^9 lines from northshire-gl-/)]
		]);
		expect(
			(await rec.tableRows('Lines that will be flagged')).map((r) => [r[0], r[1], r[2]])
		).toEqual([['5', 'WB-4410', 'Another partner’s cost centre']]);
		await shoot(page, 'reconciliation-preview');
		// Replacing the year's lines needs the partner's say-so.
		await rec.commit(false, true);
		expect((await rec.errorSummary()).map((e) => e.message)).toEqual([
			'Confirm that this extract replaces the ledger lines you uploaded before for the same years'
		]);
		await rec.commit(true, false);
		expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
			'5 ledger lines of 2026/27 imported, replacing the 9 lines held before.'
		);
		expect(await rec.status()).toContain('1 line posted to another partner’s cost centre');
		const rows = await rec.tableRows('Recharged against your ledger, by cost centre and year');
		expect(rows.find((r) => r[2] === 'Capital')).toEqual([
			'NCC-ICT-100 Corporate ICT',
			'2026/27',
			'Capital',
			'£81,290.33',
			'£81,290.33',
			'£0.00',
			'Agrees'
		]);
		const revenue = rows.find((r) => r[2] === 'Revenue')!;
		expect(revenue[4]).toBe('£125,750.00');
		expect(revenue[6]).toMatch(/^Ledger is £[\d,]+\.\d\d less than recharged$/);
		const misposted = await rec.tableRows('Lines posted to another partner’s cost centre');
		expect(misposted.map((r) => [r[1], r[2], r[6]])).toEqual([
			['WB-4410', 'Another partner’s cost centre', '£1,500.00']
		]);
		const text = await page.locator('main').innerText();
		expect(text).not.toContain('Westvale');
		expect(text).not.toContain('Eastmoor');
		await shoot(page, 'reconciliation-partner');
	});

	test('a ledger with its own headings is mapped by hand and imports as the tidy one', async () => {
		const { page } = await session();
		const rec = await new PartnerReconciliation(page).visitFromList('Tri-Council ICT Partnership');
		const before = await rec.tableRows('Recharged against your ledger, by cost centre and year');
		// 'Period' is no heading a date is known by; 'Cost Centre Code' and 'Net £' are.
		const own = 'Cost Centre Code,Period,Net £,Cap/Rev,Narrative,Journal Ref';
		await rec.upload('own-headings.csv', excelCsv([own, ...GOOD]));
		expect(await rec.errorSummary()).toEqual([
			{
				message: 'Choose the column that holds the financial year or the posting date',
				target: 'col1'
			}
		]);
		expect(await page.title()).toMatch(/^Error: /);
		expect(await rec.importButton().count()).toBe(0);
		await shoot(page, 'reconciliation-columns-error');

		// A slip: the amount column set aside. The choices made are kept, and the amount asked for.
		await rec.mapColumn('Period', 'Posting date');
		await rec.mapColumn('Net £', 'Ignore this column');
		await rec.updateColumns();
		expect((await rec.errorSummary()).map((e) => e.message)).toEqual([
			'Choose the column that holds the amount, or the debit and credit columns'
		]);
		expect(await rec.columnChoice('Period')).toBe('Posting date');
		expect(await rec.columnChoice('Net £')).toBe('Ignore this column');

		await rec.mapColumn('Net £', 'Amount');
		await rec.updateColumns();
		expect(await rec.errorSummary()).toEqual([]);
		expect(await rec.tableRows('What will be imported')).toEqual([
			['2026/27', '5', '£208,540.33', expect.stringMatching(/^5 lines from gl-export\.csv/)]
		]);
		await shoot(page, 'reconciliation-columns-mapped');
		await rec.commit(true, false);
		expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
			'5 ledger lines of 2026/27 imported, replacing the 5 lines held before.'
		);
		expect(await rec.tableRows('Recharged against your ledger, by cost centre and year')).toEqual(
			before
		);
	});

	test("the shared service's officer sees every partner, and whose cost centre a mis-posting used", async () => {
		const cookie = await newUserCookie('tri-council-ict', 'editor');
		const s = await session({ signedOut: true });
		const [name, ...value] = cookie.split('=');
		await s.context.addCookies([
			{ name: name!, value: value.join('='), url: baseURL, httpOnly: true, sameSite: 'Lax' }
		]);
		const officer = await new OfficerReconciliation(s.page).visit();
		const statuses = await officer.tableRows('Partners');
		expect(statuses.map((r) => r[0]).sort()).toEqual([
			'Eastmoor District Council',
			'Northshire County Council',
			'Westvale Borough Council'
		]);
		expect(statuses.find((r) => r[0] === 'Eastmoor District Council')![1]).toBe(
			'Not reconciled: no ledger extract uploaded yet'
		);
		await officer.openPartner('Northshire County Council');
		const misposted = await officer.tableRows('Lines posted to another partner’s cost centre');
		expect(misposted.length).toBe(1);
		expect(misposted[0]![2]).toMatch(/belongs to (Westvale Borough|Eastmoor District) Council$/);
		await shoot(s.page, 'reconciliation-officer');
		// The lines behind a difference are listed when asked for, in cost-line order.
		await officer.listFirstRowLines();
		const lines = await officer.listedLines();
		expect(lines.length).toBeGreaterThan(0);
		const ids = lines.map((l) => Number(/^Cost line (\d+):/.exec(l[0]!)![1]));
		expect(ids).toEqual([...ids].sort((a, b) => a - b));
		expect(await s.page.locator('#row-lines caption').innerText()).toMatch(
			/Listed: cost lines \d+ to \d+, of \d+ recharged lines? behind this row\./
		);
		await shoot(s.page, 'reconciliation-officer-lines');
	});
});
