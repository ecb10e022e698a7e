/**
 * Committee reports in the browser: an officer starts the draft for a quarter, writes a narrative
 * and a recommendation (a missing reason keeps what was typed), issues it (refused, with what changed,
 * when a cost was recorded after the page was opened), and finds it listed; a
 * later cost line leaves the issued figures alone; the public version's bytes hold no supplier name
 * that the full report shows; the report prints to A4 PDF with its figures; a committee member reads
 * the issued report and gets a 404 for a draft.
 */
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseURL, browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { pdfText } from './support/pdf-text';
import { ReportPage, ReportsList, PublicReportPage } from './pages/Reports';
import { SystemForm } from './pages/SystemForm';
import { CostLinesPage } from './pages/Costs';
import { ErrorPage } from './pages/ErrorPage';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const databaseUrl = inject('databaseUrl');
const stamp = randomBytes(3).toString('hex');
const SUPPLIER = `Zephyrine ${stamp} Software Ltd`;
const SYSTEM = `Zephyr Payments ${stamp}`;
const committeeEmail = `committee.${stamp}@northshire.example`;
const committeePassword = `committee-${randomBytes(12).toString('base64url')}`;
let committeeCookie = '';
let issuedId = 0;
let draftId = 0;
let issuedTitle = '';

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
			committeeEmail,
			'--role',
			'committee',
			'--org',
			'northshire',
			'--name',
			'Cllr Committee'
		],
		{
			cwd: ROOT,
			env: {
				...process.env,
				DATABASE_URL: databaseUrl,
				USER_PASSWORD: committeePassword,
				SEED_DEMO: 'false'
			},
			encoding: 'utf8',
			timeout: 60_000
		}
	);
	if (run.status !== 0) throw new Error(`could not add the committee member: ${run.stderr}`);
	const response = await fetch(`${baseURL}/sign-in`, {
		method: 'POST',
		headers: {
			origin: baseURL,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({
			email: committeeEmail,
			password: committeePassword,
			next: '/'
		}).toString(),
		redirect: 'manual'
	});
	committeeCookie = response.headers
		.getSetCookie()
		.find((c) => /portfolio_session=[^;]/.test(c))!
		.split(';')[0]!;
}, 90_000);

describe.skipIf(!browserAvailable)('committee reports', () => {
	const { session } = useBrowser();

	test(
		'draft, write, issue, list; later costs leave it alone; public version has no supplier; prints to A4 PDF',
		{ timeout: 240_000 },
		async () => {
			const { page } = await session();

			// A system with a supplier found nowhere else, and an actual cost line on it this year.
			const form = await new SystemForm(page).visitNew();
			await form.fill({
				name: SYSTEM,
				supplier: SUPPLIER,
				hosting: 'Software as a service',
				criticality: 'High',
				personalData: 'Special category data'
			});
			const systemId = (await form.submitExpectingSaved(SYSTEM)).id();
			const costs = await new CostLinesPage(page).visit(`/systems/${systemId}/costs`);
			await costs.fill({
				financialYear: '2026/27',
				spendType: 'Capital',
				category: 'Implementation',
				confidence: 'Actual',
				amount: '£7,654.32',
				description: 'Payments interface'
			});
			await costs.submitExpectingSaved();

			// Start the report: a missing year is refused with the GOV.UK error summary, the quarter kept.
			const list = await new ReportsList(page).visit();
			await list.fillStart('', 'Q2 (July to September)');
			await list.startExpectingErrors();
			expect((await list.errorSummary()).map((e) => e.target)).toEqual(['financialYear']);
			expect(await list.field('Quarter').inputValue()).toBe('2');
			await list.fillStart('2026/27', 'Q2 (July to September)');
			const report = await list.startExpectingDraft();
			issuedId = report.id();
			issuedTitle = (await report.heading().innerText()).trim();
			expect(issuedTitle).toContain('Q2 2026/27');

			// The draft shows the exempt annex, with the planted supplier, to the officer.
			expect(await report.annex().innerText()).toContain(SUPPLIER);
			await expect(report.chart(/^Budget and spend to date/).count()).resolves.toBe(1);
			await expect(report.chart(/^Systems by review outcome/).count()).resolves.toBe(1);
			// The form to write the draft is reached from the top of the page, not only by scrolling past the report.
			const editLink = page.getByTestId('edit-draft-link');
			expect(await editLink.getAttribute('href')).toBe('#officer-parts');
			expect((await editLink.boundingBox())!.y).toBeLessThan(page.viewportSize()!.height);

			// A recommendation without its reason: refused, and everything typed is kept.
			const workstream = (
				await page.locator('main fieldset legend.govuk-fieldset__legend--m').first().innerText()
			).trim();
			await report.fillNarrative(workstream, `Procurement completed ${stamp}.`);
			await report.fillRecommendation(1, 'Note the slippage of the go-live', '');
			await report.saveExpectingErrors();
			expect(await report.errorSummary()).toEqual([
				{ message: 'Give the reason for recommendation 1', target: 'recommendation-1-reason' }
			]);
			expect(await report.fieldError(report.recommendationField(1, true))).toBe(
				'Give the reason for recommendation 1'
			);
			expect(await report.recommendationField(1).inputValue()).toBe(
				'Note the slippage of the go-live'
			);
			expect(await report.field(`Narrative for ${workstream}`).inputValue()).toBe(
				`Procurement completed ${stamp}.`
			);

			await report.fillRecommendation(
				1,
				'Note the slippage of the go-live',
				'The supplier needs a further month of testing'
			);
			await report.saveExpectingSaved();
			expect(await report.recommendations()).toEqual([
				'Note the slippage of the go-live Reason: The supplier needs a further month of testing'
			]);
			expect(await report.narratives()).toContain(`Procurement completed ${stamp}.`);

			// Text typed but not saved is never issued silently: issuing is refused, and what was typed stays.
			await report.fillNarrative(
				workstream,
				`Procurement completed ${stamp}. Unsaved afterthought.`
			);
			expect(await report.startIssueExpectingRefusal()).toContain(
				'You have changes that are not saved'
			);
			expect(await page.title()).toMatch(/^Error: /);
			expect(await report.field(`Narrative for ${workstream}`).inputValue()).toBe(
				`Procurement completed ${stamp}. Unsaved afterthought.`
			);
			await report.fillNarrative(workstream, `Procurement completed ${stamp}.`);

			// Someone records a cost while the officer reads the draft: issuing is refused, nothing is frozen,
			// the spend before and after is listed, and the page now shows (and its form carries) the new figures.
			const confirmation = await report.startIssue();
			const opened = await confirmation.fingerprint();
			const other = await session();
			const elsewhere = await new CostLinesPage(other.page).visit(`/systems/${systemId}/costs`);
			await elsewhere.fill({
				financialYear: '2026/27',
				spendType: 'Revenue',
				category: 'Licence',
				confidence: 'Estimate',
				amount: '£2,000.00',
				description: 'Support'
			});
			await elsewhere.submitExpectingSaved();
			const changed = await confirmation.confirmExpectingChanged();
			const revenue = changed.find((r) => r[0] === 'Spend to date, revenue');
			expect(revenue, 'the revenue spend row').toBeDefined();
			const budgetOf = (words: string) =>
				Math.round(Number(/budget £([\d,.]+)/.exec(words)![1]!.replace(/,/g, '')) * 100);
			expect(budgetOf(revenue![2]!) - budgetOf(revenue![1]!)).toBe(200_000);
			expect(await page.getByTestId('report-changed').innerText()).toContain(
				'Nothing was issued or frozen.'
			);
			expect(await page.title()).toMatch(/^Error: /);
			await expect(page.getByTestId('success-banner').count()).resolves.toBe(0);
			// The refusal is shown first, then the page's data is loaded again (refreshOnConflict): wait for
			// the fingerprint the form carries to become the report's as it is now.
			await expect.poll(() => confirmation.fingerprint(), { timeout: 15_000 }).not.toBe(opened);
			const issuedAs = await confirmation.fingerprint();

			await confirmation.confirm();
			expect((await page.getByTestId('content-hash').innerText()).trim()).toBe(issuedAs);
			const budget = await report.figure('budget-total');
			const spent = await report.figure('spent-total');
			expect(await page.getByTestId('content-hash').innerText()).toMatch(/^[0-9a-f]{64}$/);
			await expect(page.getByRole('button', { name: 'Save the draft' }).count()).resolves.toBe(0);

			const listed = (await new ReportsList(page).visit()).issuedRows();
			expect((await listed).find((r) => r[1] === issuedTitle)?.[0]).toBe('Q2 2026/27');

			// A cost line added after issue: the issued report's figures do not move.
			await costs.visit(`/systems/${systemId}/costs`);
			await costs.fill({
				financialYear: '2026/27',
				spendType: 'Capital',
				category: 'Implementation',
				confidence: 'Actual',
				amount: '£100,000.00',
				description: 'Late invoice'
			});
			await costs.submitExpectingSaved();
			await report.visit(issuedId);
			expect(await report.figure('budget-total')).toBe(budget);
			expect(await report.figure('spent-total')).toBe(spent);

			// The full report's bytes name the supplier; the public version's do not.
			const full = await (await page.request.get(`/reports/${issuedId}`)).text();
			expect(full).toContain(SUPPLIER);
			const publicPage = await new PublicReportPage(page).visit(issuedId);
			expect(await publicPage.page.getByTestId('annex-withheld').count()).toBe(1);
			const publicHtml = await (await page.request.get(`/reports/${issuedId}/public`)).text();
			expect(publicHtml).toContain(budget);
			expect(publicHtml).not.toContain(SUPPLIER);
			expect(publicHtml).not.toContain(`Zephyrine ${stamp}`);

			// The CSV annex carries the supplier and the line, money as pounds.
			const csv = await (await page.request.get(`/reports/${issuedId}/annex.csv`)).text();
			expect(csv).toContain(`${SYSTEM},${SUPPLIER},Capital,7654.32,7654.32,0.00`);

			// Printed to A4 PDF: the key figures are in its text, and the forms and menus are not.
			await report.visit(issuedId);
			const text = pdfText(
				await page.pdf({ preferCSSPageSize: true, printBackground: true })
			).replace(/\s+/g, '');
			for (const figure of [budget, spent, issuedTitle, 'Notetheslippageofthego-live'])
				expect(text, `the PDF should contain ${figure}`).toContain(figure.replace(/\s+/g, ''));
			expect(text).not.toContain('Skiptomaincontent');
			expect(text).not.toContain('Savethedraft');
		}
	);

	test(
		'a committee member reads the issued report, but a draft answers 404',
		{ timeout: 120_000 },
		async () => {
			expect(issuedId, 'the first test issues a report').toBeGreaterThan(0);
			const { page } = await session();
			const list = await new ReportsList(page).visit();
			const draftPage = await list
				.fillStart('2026/27', 'Q3 (October to December)')
				.then((l) => l.startExpectingDraft());
			draftId = draftPage.id();

			const member = await session({ signedOut: true });
			const [name, ...value] = committeeCookie.split('=');
			await member.context.addCookies([
				{ name: name!, value: value.join('='), url: baseURL, httpOnly: true, sameSite: 'Lax' }
			]);
			const memberList = await new ReportsList(member.page).visit();
			expect((await memberList.issuedRows()).some((r) => r[1] === issuedTitle)).toBe(true);
			await expect(member.page.getByTestId('draft-reports').count()).resolves.toBe(0);
			await expect(
				member.page.getByRole('button', { name: 'Start the report' }).count()
			).resolves.toBe(0);

			const issued = await new ReportPage(member.page).visit(issuedId);
			expect(await issued.annex().innerText()).toContain(SUPPLIER);
			await expect(
				member.page.getByRole('button', { name: 'Issue this report' }).count()
			).resolves.toBe(0);
			await new ErrorPage(member.page).visit(`/reports/${draftId}`, 404);
			expect((await member.page.request.get(`/reports/${draftId}/changes`)).status()).toBe(404);
			expect((await member.page.request.get(`/reports/${draftId}/annex.csv`)).status()).toBe(404);
			// Their landing page lists what was issued.
			await member.page.goto('/');
			await memberList.settled(member.page.getByTestId('issued-reports'));
			expect(await member.page.getByTestId('issued-reports').innerText()).toContain(issuedTitle);
		}
	);
});
