/**
 * Cost lines and funding sources in the browser: totals that move by exactly what was added, the
 * GOV.UK error summary keeping what was typed, version conflicts that show what the other person
 * changed, archiving, funding allocations, and a viewer who can read but not change anything.
 */
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserAvailable } from './support/browser';
import { get, postForm } from './support/http';
import { useBrowser } from './support/suite';
import { SystemsList } from './pages/SystemsList';
import { SystemDetail } from './pages/SystemDetail';
import { CostLinesPage, FundingPage } from './pages/Costs';
import { WorkstreamsIndex } from './pages/Workstream';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const baseURL = inject('baseURL');
const databaseUrl = inject('databaseUrl');

/** '£1,234.56' -> 123456, for checking sums to the penny. */
const pence = (text: string | undefined) =>
	Math.round(Number((text ?? '£0').replace(/[£,]/g, '')) * 100);

async function systemId(page: import('playwright-core').Page, name: string): Promise<number> {
	return (
		await (await new SystemsList(page).visit(`?q=${encodeURIComponent(name)}`)).openSystem(name)
	).id();
}

describe.skipIf(!browserAvailable)('cost lines', () => {
	const { session } = useBrowser();

	test('adding a line moves the year and all-years totals by exactly its amount, and the system page shows the new total', async () => {
		const { page } = await session();
		const id = await systemId(page, 'Child Employment and Performance Licensing');
		const costs = await new CostLinesPage(page).visit(`/systems/${id}/costs`);
		const before = await costs.totals();
		const linesBefore = (await costs.lines()).filter((r) => r.length > 1).length;

		await costs.fill({
			financialYear: '2027-28',
			spendType: 'Capital',
			category: 'Implementation',
			workstream: 'None',
			confidence: 'Committed',
			fundingSource: 'CFA departmental capital (capital)',
			amount: '£12,500.55',
			description: 'Licensing portal configuration'
		});
		await costs.submitExpectingSaved();

		const after = await costs.totals();
		expect(pence(after['2027/28']?.capital) - pence(before['2027/28']?.capital)).toBe(1_250_055);
		expect(pence(after['All years']!.capital) - pence(before['All years']!.capital)).toBe(
			1_250_055
		);
		expect(after['All years']!.revenue).toBe(before['All years']!.revenue);
		// The totals reconcile: the years add up to 'All years', and capital plus revenue to the total.
		const years = Object.entries(after).filter(([y]) => y !== 'All years');
		expect(years.reduce((s, [, t]) => s + pence(t.total), 0)).toBe(
			pence(after['All years']!.total)
		);
		for (const [, t] of years) expect(pence(t.capital) + pence(t.revenue)).toBe(pence(t.total));
		const lines = await costs.lines();
		expect(lines.filter((r) => r.length > 1)).toHaveLength(linesBefore + 1);
		expect(
			lines.find((r) => r[0] === '2027/28' && r[2]!.startsWith('Implementation'))?.slice(0, 8)
		).toEqual([
			'2027/28',
			'Capital',
			'Implementation\nLicensing portal configuration',
			'',
			'',
			'Committed',
			'CFA departmental capital',
			'£12,500.55'
		]);

		const detail = await new SystemDetail(page).visit(id);
		expect(pence(await page.getByTestId('costs-total').innerText())).toBe(
			pence(after['All years']!.total)
		);
		expect(detail).toBeTruthy();
	});

	test('a bad amount and a bad year show the error summary linking to each field, and keep what was typed', async () => {
		const { page } = await session();
		const id = await systemId(page, 'Child Employment and Performance Licensing');
		const costs = await new CostLinesPage(page).visit(`/systems/${id}/costs`);
		const before = await costs.totals();
		await costs.fill({
			financialYear: '2026/28',
			spendType: 'Revenue',
			category: 'Licence',
			confidence: 'Estimate',
			amount: '12.5k',
			description: 'Annual licence uplift'
		});
		await costs.submitExpectingErrors();

		const summary = await costs.errorSummary();
		expect(summary.map((e) => e.target)).toEqual(['financialYear', 'amount']);
		expect(summary[0]!.message).toMatch(/^Financial year: '2026\/28' is not a financial year/);
		expect(summary[1]!.message).toMatch(/^Amount: '12\.5k' uses a shorthand/);
		expect(
			await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))
		).toBe(true);
		expect(await costs.fieldError(costs.field('Amount (£)'))).toBe(summary[1]!.message);
		expect(await costs.value('financialYear')).toBe('2026/28');
		expect(await costs.value('amount')).toBe('12.5k');
		expect(await costs.value('description')).toBe('Annual licence uplift');
		expect(await costs.radio('Capital or revenue', 'Revenue').isChecked()).toBe(true);
		expect(await page.title()).toMatch(/^Error: /);
		// Following a summary link moves to the field.
		await page.locator('.govuk-error-summary__list a[href="#amount"]').click();
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('amount');
		expect(await costs.totals()).toEqual(before);
	});

	test('two officers edit the same line: the second sees what the first changed, keeps their entry, and can save over it', async () => {
		const first = await session();
		const second = await session();
		const id = await systemId(first.page, 'Educational Psychology Bookings');
		const a = await new CostLinesPage(first.page).visit(`/systems/${id}/costs`);
		await a.fill({
			financialYear: '2026/27',
			spendType: 'Revenue',
			category: 'Training',
			confidence: 'Estimate',
			amount: '800',
			description: 'Booking system training'
		});
		await a.submitExpectingSaved();
		const line = 'Training, 2026/27, £800.00';

		await a.edit(line);
		const b = await new CostLinesPage(second.page).visit(`/systems/${id}/costs`);
		await b.edit(line);

		await a.fill({ amount: '950' });
		await a.submitExpectingSaved();
		await b.fill({ description: 'Training for the new bookings team' });
		await b.submitExpectingConflict();
		expect(await b.changeRows()).toEqual([
			{ field: 'Amount', whenOpened: '£800.00', nowSaved: '£950.00', yours: '£800.00' }
		]);
		expect(await second.page.getByTestId('edit-conflict').innerText()).toMatch(
			/Your changes have not been saved/
		);
		expect(await b.value('description')).toBe('Training for the new bookings team');
		expect(await b.submitLabel()).toBe('Save my changes over theirs');

		// Saving again, having seen the conflict, is deliberate: the second officer's form wins.
		await b.submitExpectingSaved();
		const row = (await b.lines()).find((r) => r[2]!.startsWith('Training'));
		expect(row?.[2]).toBe('Training\nTraining for the new bookings team');
		expect(row?.[7]).toBe('£800.00');
	});

	test('archiving a line takes it out of the totals; a stale archive shows what changed and archives nothing', async () => {
		const first = await session();
		const second = await session();
		const id = await systemId(first.page, 'Educational Psychology Bookings');
		const a = await new CostLinesPage(first.page).visit(`/systems/${id}/costs`);
		await a.fill({
			financialYear: '2028/29',
			spendType: 'Revenue',
			category: 'Hosting',
			confidence: 'Estimate',
			amount: '300'
		});
		await a.submitExpectingSaved();
		const withLine = await a.totals();

		// Someone edits the line after the first officer's list was shown: that officer's archive is refused.
		const b = await new CostLinesPage(second.page).visit(`/systems/${id}/costs`);
		await b.edit('Hosting, 2028/29, £300.00');
		await b.fill({ amount: '350' });
		await b.submitExpectingSaved();
		await a.archiveExpectingConflict('Hosting, 2028/29, £300.00');
		expect(await a.changeRows('archive-conflict')).toEqual([
			{ field: 'Amount', whenOpened: '£300.00', nowSaved: '£350.00' }
		]);
		expect(pence((await a.totals())['2028/29']!.revenue)).toBe(
			pence(withLine['2028/29']!.revenue) + 5_000
		);

		// Archiving what is now shown works, and the line no longer counts.
		await a.archive('Hosting, 2028/29, £350.00');
		const after = await a.totals();
		expect(pence(after['All years']!.total)).toBe(pence(withLine['All years']!.total) - 30_000);
		expect((await a.lines()).some((r) => r[2] === 'Hosting' && r[0] === '2028/29')).toBe(false);
	});

	test("a workstream's page lists its own lines to change and its systems' lines read-only, with a link to the system", async () => {
		const { page } = await session();
		const workstreamId = await (await new WorkstreamsIndex(page).visit()).idOf('Case Management');
		const costs = await new CostLinesPage(page).visit(`/workstreams/${workstreamId}/costs`);
		expect(await page.getByLabel('Outcome (optional)').count()).toBe(0);
		await costs.fill({
			financialYear: '2026/27',
			spendType: 'Revenue',
			category: 'Staff and backfill',
			confidence: 'Estimate',
			amount: '1234.5'
		});
		await costs.submitExpectingSaved();
		const rows = await costs.lines();
		const own = rows.find(
			(r) => r[2] === 'Staff and backfill' && r[3] === 'This workstream' && r[6] === '£1,234.50'
		);
		expect(own?.[7]).toMatch(/^Edit/);
		const systemRow = rows.find((r) => r[3] !== 'This workstream');
		expect(systemRow, 'the demo attributes system lines to Case Management').toBeTruthy();
		expect(systemRow![7]).toMatch(/^Change on the system's page/);
		await costs.archive('Staff and backfill, 2026/27, £1,234.50');
	});

	test('an edit link for a line that is not on this page answers 404', async () => {
		const { page } = await session();
		const id = await systemId(page, 'Child Employment and Performance Licensing');
		expect((await get(`/systems/${id}/costs?edit=987654321`)).status).toBe(404);
		expect((await get(`/systems/${id}/costs?edit=abc`)).status).toBe(404);
		expect(
			(await postForm(`/systems/${id}/costs?/archive`, { lineId: '987654321', version: '1' }))
				.status
		).toBe(404);
	});
});

describe.skipIf(!browserAvailable)('cost lines without JavaScript', () => {
	const { session } = useBrowser();

	test('add, edit (fixing an error) and archive a line with plain form posts', async () => {
		const { page } = await session({ javaScriptEnabled: false });
		const id = await systemId(page, 'Early Years Funding Portal');
		const costs = await new CostLinesPage(page).visit(`/systems/${id}/costs`);
		await costs.fill({
			financialYear: '2026/27',
			spendType: 'Revenue',
			category: 'Support and maintenance',
			workstream: 'None',
			confidence: 'Actual',
			amount: '4,200'
		});
		await costs.submitExpectingSaved();
		await costs.edit('Support and maintenance, 2026/27, £4,200.00');
		await costs.fill({ amount: 'about 5000' });
		await costs.submitExpectingErrors();
		// The edit form comes back (not the add form) with what was typed.
		expect(await page.getByRole('heading', { level: 2, name: 'Edit cost line' }).count()).toBe(1);
		expect((await costs.errorSummary()).map((e) => e.target)).toEqual(['amount']);
		expect(await costs.value('amount')).toBe('about 5000');
		await costs.fill({ amount: '5000' });
		await costs.submitExpectingSaved();
		expect((await costs.lines()).find((r) => r[2] === 'Support and maintenance')?.[7]).toBe(
			'£5,000.00'
		);
		await costs.archive('Support and maintenance, 2026/27, £5,000.00');
		expect(
			(await costs.lines()).some((r) => r[2] === 'Support and maintenance' && r[7] === '£5,000.00')
		).toBe(false);
	});
});

describe.skipIf(!browserAvailable)('funding sources', () => {
	const { session } = useBrowser();

	test('a source is added with its amounts by year, edited with a spare row, and a stale edit is a conflict', async () => {
		const first = await session();
		const second = await session();
		const name = `Digital transformation grant ${randomBytes(3).toString('hex')}`;
		const funding = await new FundingPage(first.page).visit();
		const columnsBefore = await funding.columns();
		const totalBefore = (await funding.table())['Total']![columnsBefore.indexOf('Total') - 1];
		expect(await funding.allocationRowCount()).toBe(3);
		await funding.fill({
			name,
			kind: 'Grant',
			spendType: 'Capital',
			notes: 'DfE grant letter, May 2026',
			allocations: [
				['2026/27', '100,000'],
				['', ''],
				['2027-28', '50000.50']
			]
		});
		await funding.submitExpectingSaved();

		const table = await funding.table();
		const columns = await funding.columns();
		const cell = (row: string[], year: string) => row[columns.indexOf(year) - 1];
		expect(cell(table[name]!, '2026/27')).toBe('£100,000.00');
		expect(cell(table[name]!, '2027/28')).toBe('£50,000.50');
		expect(cell(table[name]!, 'Total')).toBe('£150,000.50');
		expect(pence(cell(table['Total']!, 'Total')) - pence(totalBefore)).toBe(15_000_050);
		expect(
			pence(cell(table['Total capital']!, 'Total')) + pence(cell(table['Total revenue']!, 'Total'))
		).toBe(pence(cell(table['Total']!, 'Total')));

		// Editing shows the two years and three spare rows; a third year goes in a spare row.
		await funding.edit(name);
		expect(await funding.allocationRowCount()).toBe(5);
		const other = await new FundingPage(second.page).visit();
		await other.edit(name);
		await funding.fill({
			allocations: [
				['2026/27', '100,000'],
				['2027/28', '50000.50'],
				['2028/29', '25000']
			]
		});
		await funding.submitExpectingSaved();
		expect(cell((await funding.table())[name]!, 'Total')).toBe('£175,000.50');

		await other.fill({ notes: 'Grant letter ref DT-26' });
		await other.submitExpectingConflict();
		expect(await other.changeRows()).toEqual([
			{
				field: 'Amounts by financial year',
				whenOpened: '2026/27 100000.00; 2027/28 50000.50',
				nowSaved: '2026/27 100000.00; 2027/28 50000.50; 2028/29 25000.00',
				yours: '2026/27 100000.00; 2027/28 50000.50'
			}
		]);
		expect(await other.field('Notes (optional)').inputValue()).toBe('Grant letter ref DT-26');
	});

	test('a bad allocation shows the error summary linking to its row and keeps the rows as typed', async () => {
		const { page } = await session();
		const funding = await new FundingPage(page).visit();
		await funding.fill({
			name: 'Reserves draw-down test',
			kind: 'Reserves',
			spendType: 'Revenue',
			allocations: [
				['2026/27', '10k'],
				['2026/28', '5']
			]
		});
		await funding.submitExpectingErrors();
		expect((await funding.errorSummary()).map((e) => e.target)).toEqual([
			'allocations-0-amount',
			'allocations-1-financialYear'
		]);
		expect(await funding.field('Amount (£), row 1').inputValue()).toBe('10k');
		expect(await funding.field('Financial year, row 2').inputValue()).toBe('2026/28');
		expect(await funding.field('Name').inputValue()).toBe('Reserves draw-down test');
	});
});

// ---- A viewer ---------------------------------------------------------------------------------

const viewerPassword = `viewer-${randomBytes(12).toString('base64url')}`;
const viewerEmail = `costs.viewer.${randomBytes(4).toString('hex')}@northshire.example`;
let viewerCookie = '';

describe.skipIf(!browserAvailable)('a viewer', () => {
	const { session } = useBrowser();

	beforeAll(async () => {
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
				viewerEmail,
				'--role',
				'viewer',
				'--org',
				'northshire'
			],
			{
				cwd: ROOT,
				env: {
					...process.env,
					DATABASE_URL: databaseUrl,
					USER_PASSWORD: viewerPassword,
					SEED_DEMO: 'false'
				},
				encoding: 'utf8',
				timeout: 60_000
			}
		);
		if (run.status !== 0) throw new Error(`could not add the viewer: ${run.stderr}`);
		const response = await fetch(`${baseURL}/sign-in`, {
			method: 'POST',
			headers: {
				origin: baseURL,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({
				email: viewerEmail,
				password: viewerPassword,
				next: '/'
			}).toString(),
			redirect: 'manual'
		});
		viewerCookie = response.headers
			.getSetCookie()
			.find((c) => /portfolio_session=[^;]/.test(c))!
			.split(';')[0]!;
	}, 90_000);

	test('sees costs and funding with no edit controls, and a POST as viewer is refused', async () => {
		const { page, context } = await session({ signedOut: true });
		const [name, ...value] = viewerCookie.split('=');
		await context.addCookies([
			{ name: name!, value: value.join('='), url: baseURL, httpOnly: true, sameSite: 'Lax' }
		]);
		const id = await systemId(page, 'Child Employment and Performance Licensing');
		const costs = await new CostLinesPage(page).visit(`/systems/${id}/costs`);
		const before = await costs.totals();
		expect(Object.keys(before)).toContain('All years');
		expect(await page.locator('main form[method="post"]').count()).toBe(0);
		expect(await page.getByRole('link', { name: /^Edit / }).count()).toBe(0);
		expect(await page.getByRole('heading', { name: 'Add a cost line' }).count()).toBe(0);
		await new FundingPage(page).visit();
		expect(await page.locator('main form[method="post"]').count()).toBe(0);
		expect(await page.getByRole('link', { name: /^Edit / }).count()).toBe(0);

		const post = (path: string, body: Record<string, string>) =>
			fetch(`${baseURL}${path}`, {
				method: 'POST',
				headers: {
					origin: baseURL,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded',
					cookie: viewerCookie
				},
				body: new URLSearchParams(body).toString(),
				redirect: 'manual'
			});
		const refused = await post(`/systems/${id}/costs?/create`, {
			financialYear: '2026/27',
			spendType: 'revenue',
			category: 'licence',
			confidence: 'estimate',
			amount: '1'
		});
		expect(refused.status).toBe(403);
		expect(
			(
				await post('/funding?/create', {
					name: 'Viewer source',
					kind: 'grant',
					spendType: 'capital'
				})
			).status
		).toBe(403);
		await costs.visit(`/systems/${id}/costs`);
		expect(await costs.totals()).toEqual(before);
	});
});
