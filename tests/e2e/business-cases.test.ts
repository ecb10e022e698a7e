/**
 * Business cases in the browser, axe on every page: an officer creates a case, writes it, adds an
 * option with costs pulled from the cost model, and submits it; the officer cannot decide it and is
 * told why; an approver records the approval, which freezes version 1 (refused, with the figures
 * before and after, when a cost line changed after the decision page was opened). A later change to a cost line
 * moves the live figures but not the approved version's; the approved version prints to an A4 PDF
 * whose text holds its key figures, and its financial CSV matches its page.
 */
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { pdfText } from './support/pdf-text';
import {
	BusinessCasePage,
	BusinessCasesList,
	CaseDetailsPage,
	CaseFigures,
	DecisionPage,
	OptionsPage,
	RisksPage
} from './pages/BusinessCases';
import { CostLinesPage } from './pages/Costs';
import { WorkstreamsIndex } from './pages/Workstream';
import { ErrorPage } from './pages/ErrorPage';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const baseURL = inject('baseURL');
const databaseUrl = inject('databaseUrl');
const stamp = randomBytes(3).toString('hex');
const approverEmail = `approver.${stamp}@northshire.example`;
const approverPassword = `approver-${randomBytes(12).toString('base64url')}`;
let approverCookie = '';

const TITLE = `Directories consolidation ${stamp}`;
const OPTION = 'Buy one directory platform';
const SECTIONS = {
	'Strategic case': 'Five directories hold the same providers.',
	'Economic case': 'Two options against do minimum.',
	'Commercial case': 'G-Cloud 14.',
	'Financial case': 'Capital programme.',
	'Management case': 'Directories workstream board.'
};

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
			approverEmail,
			'--role',
			'approver',
			'--org',
			'northshire',
			'--name',
			'Cllr Approver'
		],
		{
			cwd: ROOT,
			env: {
				...process.env,
				DATABASE_URL: databaseUrl,
				USER_PASSWORD: approverPassword,
				SEED_DEMO: 'false'
			},
			encoding: 'utf8',
			timeout: 60_000
		}
	);
	if (run.status !== 0) throw new Error(`could not add the approver: ${run.stderr}`);
	const response = await fetch(`${baseURL}/sign-in`, {
		method: 'POST',
		headers: {
			origin: baseURL,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({
			email: approverEmail,
			password: approverPassword,
			next: '/'
		}).toString(),
		redirect: 'manual'
	});
	approverCookie = response.headers
		.getSetCookie()
		.find((c) => /portfolio_session=[^;]/.test(c))!
		.split(';')[0]!;
}, 90_000);

/** '£1,234.56' -> '1234.56', as the CSV writes money. */
const asCsv = (money: string) => money.replace(/[£,]/g, '');

describe.skipIf(!browserAvailable)('business cases', () => {
	const { session } = useBrowser();

	test(
		'create, submit, the editor cannot decide, an approver approves; later cost changes leave the approved version alone; print and CSV match it',
		{ timeout: 180_000 },
		async () => {
			const { page } = await session();

			// A cost line of our own on the Directories workstream, for the case to pull in (and to change later).
			const workstreamId = await (await new WorkstreamsIndex(page).visit()).idOf('Directories');
			const costs = await new CostLinesPage(page).visit(`/workstreams/${workstreamId}/costs`);
			await costs.fill({
				financialYear: '2026/27',
				spendType: 'Capital',
				category: 'Implementation',
				confidence: 'Committed',
				fundingSource: 'Not identified yet',
				amount: '100000',
				description: `Directory platform ${stamp}`
			});
			await costs.submitExpectingSaved();

			// Create: the form keeps what was typed and links each problem to its field.
			const list = await new BusinessCasesList(page).visit();
			await list.fillCreate('');
			await list.submitExpectingErrors('Create business case');
			expect((await list.errorSummary()).map((e) => e.target)).toEqual(['title', 'stage']);
			const id = await list.create(TITLE, 'Outline Business Case');
			const casePage = new BusinessCasePage(page);
			expect(await casePage.status()).toBe('Draft');

			// Submitting an incomplete draft is refused by the service, which says what is missing, as an error summary.
			const problems = await casePage.stepExpectingProblems('Submit for decision');
			expect(problems).toEqual(
				expect.arrayContaining([
					'Write the strategic case',
					'Choose the preferred option',
					'Add at least one option besides doing the minimum'
				])
			);
			expect(await page.locator('main').innerText()).not.toMatch(/Error: |at [\w.]+ \(/);

			await casePage.follow('Edit details and sections', 'Details and sections');
			const details = new CaseDetailsPage(page);
			await details.fill({
				sections: SECTIONS,
				workstreams: ['Directories'],
				firstYear: '2026/27',
				years: '10',
				systems: 'One system',
				sourcing: 'Buy an existing product',
				framework: 'G-Cloud 14'
			});
			await details.save();

			await casePage.follow('Edit options', 'Options');
			const options = new OptionsPage(page);
			await options.fill({
				title: OPTION,
				mitigated: '40',
				costs: [['2027/28', 'Revenue', '45000', 'Platform subscription']],
				benefits: [['2027/28', 'Non-cashable', 'Hours saved', '90000', 'Officer time']]
			});
			await options.press('Add option');
			await options.press(`Pull from cost model: ${OPTION}`);
			await options.press(`Choose as preferred: ${OPTION}`);
			expect((await options.options()).find((r) => r[0]!.startsWith(OPTION))?.[0]).toContain(
				'Preferred'
			);

			await casePage.visit(id);
			await casePage.step('Submit for decision');
			expect(await casePage.status()).toBe('Submitted for decision');

			// The officer cannot decide: the page says why, there is no decision button, and the decision page refuses them.
			expect(await page.getByTestId('cannot-decide').innerText()).toMatch(
				/Only an approver .* who has not edited this case can record the decision\. You edited or submitted it/
			);
			expect(await page.locator('main a[href$="/decide"]').count()).toBe(0);
			const refused = await new ErrorPage(page).visit(`/business-cases/${id}/decide`, 403);
			expect(await refused.text()).toContain('You do not have permission to do that');

			// An approver records the approval (a bad date first: the form keeps the rest).
			const approver = await session({ signedOut: true });
			const [name, ...value] = approverCookie.split('=');
			await approver.context.addCookies([
				{ name: name!, value: value.join('='), url: baseURL, httpOnly: true, sameSite: 'Lax' }
			]);
			const asApprover = await new BusinessCasePage(approver.page).visit(id);
			await asApprover.follow('Record the decision', 'Record the decision');
			const decision = new DecisionPage(approver.page);
			await decision.fill({
				outcome: 'Approved',
				maker: 'Cabinet',
				date: '31/02/2026',
				minute: 'CAB/2026/014',
				key: 'Yes'
			});
			await decision.submitExpectingErrors('Continue');
			expect((await decision.errorSummary()).map((e) => e.target)).toEqual(['meetingDate']);
			expect(await decision.field('Minute or decision record reference').inputValue()).toBe(
				'CAB/2026/014'
			);
			await decision.field('Date of the meeting or decision').fill('14/01/2026');

			// While the approver has the page open, the officer raises the cost line in scope: recording now is
			// refused, nothing is decided, the page lists the figure before and after, and what was typed stays.
			const shownBefore = await decision.fingerprint();
			await costs.visit(`/workstreams/${workstreamId}/costs`);
			await costs.edit('Implementation, 2026/27, £100,000.00');
			await costs.fill({ amount: '123456.78' });
			await costs.submitExpectingSaved();
			const changed = await decision.recordExpectingFiguresChanged();
			const pence = (money: string) => Math.round(Number(asCsv(money)) * 100);
			for (const label of ['Cost in scope: Directories, 2026/27 capital', 'Cost in scope: total']) {
				const row = changed.find((r) => r[0] === label);
				expect(row, `a '${label}' row`).toBeDefined();
				expect(pence(row![2]!) - pence(row![1]!)).toBe(2_345_678);
			}
			expect(await approver.page.getByTestId('figures-changed').innerText()).toMatch(
				/Your decision has not been recorded\. Nothing was frozen\./
			);
			expect(await approver.page.title()).toMatch(/^Error: /);
			expect(await decision.field('Minute or decision record reference').inputValue()).toBe(
				'CAB/2026/014'
			);
			expect(await decision.radio('Decision', 'Approved').isChecked()).toBe(true);
			// The page now shows (and its form carries) the new figures: recording again decides on those.
			expect(await decision.fingerprint()).not.toBe(shownBefore);
			const shownNow = await decision.fingerprint();
			const totalNow = changed.find((r) => r[0] === 'Cost in scope: total')![2]!;
			expect(
				pence(
					await approver.page
						.getByTestId('decided-figures')
						.getByTestId('cost-model-total')
						.innerText()
				)
			).toBe(pence(totalNow));
			await decision.record();
			expect(await asApprover.status()).toBe('Approved');
			expect(await approver.page.getByTestId('decision-record').first().innerText()).toMatch(
				/Cabinet, meeting of 14 January 2026; minute CAB\/2026\/014/
			);

			// Version 1 is frozen, with its hash verified, and the fingerprint the approver was shown.
			const v1 = await new CaseFigures(page).visitVersion(id, 1);
			expect(await v1.hash()).toMatch(/^[0-9a-f]{64}$/);
			expect((await page.getByTestId('figures-fingerprint').innerText()).trim()).toBe(shownNow);
			expect(await v1.verified()).toBe('Verified');
			const approved = {
				npsv: await v1.npsv('option-1'),
				rows: await v1.financialRows(),
				costTotal: await v1.costModelTotal(),
				hash: await v1.hash()
			};
			expect(approved.rows.find((r) => r[0] === '2026/27')?.[1]).not.toBe('£0.00');

			// The cost line changes: the approved version does not move, the live figures of a revised draft do.
			await costs.visit(`/workstreams/${workstreamId}/costs`);
			await costs.edit('Implementation, 2026/27, £123,456.78');
			await costs.fill({ amount: '234567.89' });
			await costs.submitExpectingSaved();
			await v1.visitVersion(id, 1);
			expect({
				npsv: await v1.npsv('option-1'),
				rows: await v1.financialRows(),
				costTotal: await v1.costModelTotal(),
				hash: await v1.hash()
			}).toEqual(approved);
			await casePage.visit(id);
			await casePage.step('Revise as a new version');
			const v2 = await new CaseFigures(page).visitVersion(id, 2);
			expect(await v2.costModelTotal()).not.toBe(approved.costTotal);
			await casePage.visit(id);
			expect((await casePage.tableRows('Version history')).map((r) => r.slice(0, 2))).toEqual([
				['Version 2', 'Draft'],
				['Version 1', 'Approved (the baseline)']
			]);

			// Printed to PDF by Chromium (A4, from the print stylesheet): the key figures are in its text, the menus are not.
			const printed = await new CaseFigures(page).visitVersion(id, 1, true);
			expect(await printed.npsv('option-1')).toBe(approved.npsv);
			const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
			const text = pdfText(pdf);
			const compact = text.replace(/\s+/g, '');
			const year = approved.rows.find((r) => r[0] === '2026/27')!;
			for (const figure of [
				approved.npsv,
				year[3]!,
				approved.rows.at(-1)![3]!,
				approved.costTotal,
				approved.hash,
				TITLE
			]) {
				// A PDF's text carries no zero-width characters: the word joiner after a minus sign is not in it.
				expect(compact, `the PDF should contain ${figure}`).toContain(
					figure.replace(/[\s\u2060]+/g, '')
				);
			}
			expect(compact).not.toContain('234,567.89');
			expect(text).toMatch(/Page\s*1\s*of\s*\d+/);
			expect(text).not.toMatch(/Sign out|Change password|Skip to main content/);

			// The CSV holds the same financial rows as the page.
			await v1.visitVersion(id, 1);
			const csv = await v1.download('Download the financial tables (CSV)');
			const lines = csv.bytes
				.toString('utf8')
				.replace(/^\uFEFF/, '')
				.trim()
				.split('\r\n')
				.map((l) => l.split(','));
			expect(lines[0]).toEqual([
				'Option',
				'Financial year',
				'Capital (£)',
				'Revenue (£)',
				'Total cost (£)',
				'Funding counted (£)',
				'Shortfall (£)',
				'Unused funding (£)'
			]);
			expect(lines.filter((l) => l[0] === OPTION).map((l) => l.slice(1))).toEqual(
				approved.rows.map((r) => [r[0], ...r.slice(1).map(asCsv)])
			);
		}
	);

	test('a risk form opened before someone else saved is a conflict: nothing is written and what was typed is kept; the demo case awaits decision', async () => {
		const first = await session();
		const second = await session();
		const list = await new BusinessCasesList(first.page).visit();
		expect(await list.row('Children and Families case management replacement')).toEqual([
			'Children and Families case management replacement',
			'Outline Business Case',
			'Submitted for decision',
			'1',
			'Not yet'
		]);
		const id = await list.create(`Risk register ${stamp}`, 'Strategic Outline Case');
		const a = await new RisksPage(first.page).visit(id);
		const b = await new RisksPage(second.page).visit(id);
		await a.fill({
			title: 'Supplier fails',
			owner: 'Head of Procurement',
			inherent: ['2', '5'],
			residual: ['1', '5'],
			mitigation: 'Escrow'
		});
		await a.add();
		await b.fill({
			title: 'Training slips',
			owner: 'Principal Social Worker',
			inherent: ['3', '3'],
			residual: ['3', '3']
		});
		await b.addExpectingConflict();
		expect(await b.field('Risk').inputValue()).toBe('Training slips');
		expect(await b.radio('Likelihood before mitigation', '3').isChecked()).toBe(true);
		expect((await b.tableRows('Risk register')).map((r) => r[0])).toEqual(['Supplier fails']);
		// Saving again, having seen the conflict, adds it.
		await b.add('Save my changes over theirs');
		expect((await b.tableRows('Risk register')).map((r) => r[0])).toEqual([
			'Training slips',
			'Supplier fails'
		]);
	});
});
