/**
 * Shared-service governance in the built app, with axe on every page: the scrutiny view, a recovery
 * test refused because an author is among its testers (named in the error summary, what was typed
 * kept), a breach of an RTO that cannot pass and is recorded as passed with issues with its action,
 * recovery objectives with RTO above MTPD refused, a stale save of them refused with what changed,
 * and a partner council reading the shared service's register and only the systems run for it.
 */
import { describe, expect, inject, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { baseURL, browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import {
	DocumentPage,
	DocumentsRegister,
	MeetingsPage,
	RecoveryObjectivesPage,
	RecoveryTestForm,
	ScrutinyView
} from './pages/Governance';
import { ReportsList } from './pages/Reports';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const database = createClient({
	url: inject('databaseUrl'),
	authToken: process.env.DATABASE_AUTH_TOKEN
});

/** An editor of the shared service itself, added with the app's own CLI; returns their session cookie. */
async function sharedServiceEditor(): Promise<string> {
	const email = `gov.editor.${randomBytes(4).toString('hex')}@tri-council.example`;
	const password = `editor-${randomBytes(12).toString('base64url')}`;
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
			'editor',
			'--org',
			'tri-council-ict'
		],
		{
			cwd: ROOT,
			env: {
				...process.env,
				DATABASE_URL: inject('databaseUrl'),
				USER_PASSWORD: password,
				SEED_DEMO: 'false'
			},
			encoding: 'utf8',
			timeout: 60_000
		}
	);
	if (run.status !== 0) throw new Error(`could not add the editor: ${run.stderr}`);
	const response = await fetch(`${baseURL}/sign-in`, {
		method: 'POST',
		headers: {
			origin: baseURL,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password, next: '/' }).toString(),
		redirect: 'manual'
	});
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (response.status !== 303 || !cookie)
		throw new Error(`the editor could not sign in: ${response.status}`);
	return cookie;
}

const one = async (sql: string, args: (string | number)[] = []) =>
	Number((await database.execute({ sql, args })).rows[0]![0]);

describe.skipIf(!browserAvailable)('shared-service governance', () => {
	const { session } = useBrowser();
	let cookie: string | null = null;

	async function asSharedService() {
		cookie ??= await sharedServiceEditor();
		const s = await session({ signedOut: true });
		const [name, ...value] = cookie.split('=');
		await s.context.addCookies([
			{ name: name!, value: value.join('='), url: baseURL, httpOnly: true, sameSite: 'Lax' }
		]);
		return s;
	}

	test('the scrutiny view answers the four questions in words, with its figures', async () => {
		const { page } = await asSharedService();
		const view = await new ScrutinyView(page).visit();
		const rows = await view.tableRows('Critical and statutory systems');
		expect(rows.map((r) => r[0]!.split('\n')[0])).toEqual([
			'Adult social care records hosting',
			'Identity and email',
			'Network and telephony',
			'Revenues and benefits'
		]);
		expect(rows.find((r) => r[0]!.startsWith('Identity and email'))!.slice(1)).toEqual([
			'Yes',
			'Yes',
			'Yes',
			'Yes',
			'Yes'
		]);
		expect(rows.find((r) => r[0]!.startsWith('Revenues and benefits'))![4]).toBe(
			'No: RTO breached at the last test'
		);
		expect(await view.figures()).toContain('Meetings that were not quorate 1');
		await new DocumentsRegister(page).visit();
	});

	test('an author of the plan as tester is refused by name, keeping what was typed; a breach cannot pass', async () => {
		const { page } = await asSharedService();
		const documentId = await one(
			"SELECT id FROM governance_document WHERE title = 'ICT disaster recovery plan'"
		);
		const before = await one('SELECT count(*) FROM recovery_test');
		const form = await new RecoveryTestForm(page).visit(documentId);
		await form.fill({
			type: 'Partial failover',
			testedOn: '01/12/2026',
			testers: ['Priya Shah', 'Grace Obi'],
			achieved: { 'Revenues and benefits': '9h' },
			result: 'Passed',
			evidence: 'Test log TC-DR-2026-12'
		});
		await form.submitExpectingErrors();
		expect(await form.errorSummary()).toEqual([
			{
				message:
					'Priya Shah is an author of version 1 of this plan, so cannot test it: choose testers who did not write it',
				target: 'testerIds'
			},
			{
				message:
					'The test cannot be recorded as passed: Revenues and benefits took 9 hours against an RTO of 8 hours. Record it as passed with issues or failed',
				target: 'result'
			}
		]);
		expect(await form.field('Evidence').inputValue()).toBe('Test log TC-DR-2026-12');
		expect(await form.achieved('Revenues and benefits').inputValue()).toBe('9h');
		expect(await one('SELECT count(*) FROM recovery_test')).toBe(before);

		await page.getByRole('checkbox', { name: /^Priya Shah/ }).uncheck();
		await form.fill({
			result: 'Passed with issues',
			finding: {
				description: 'Restore still slower than the RTO',
				owner: 'Priya Shah',
				dueOn: '31/01/2027'
			}
		});
		await form.submitExpectingRecorded();
		expect(await form.tableRows('Recovery achieved per system')).toEqual([
			['Revenues and benefits', '8 hours', '9 hours', 'Not recorded', 'No: RTO breached']
		]);
		expect(await page.getByTestId('test-summary').innerText()).toContain(
			'Grace Obi (none of them an author of the version tested)'
		);
		expect(await one('SELECT count(*) FROM recovery_test')).toBe(before + 1);
	});

	test('a test within its RTO is recorded as passed with its evidence', async () => {
		const { page } = await asSharedService();
		const documentId = await one(
			"SELECT id FROM governance_document WHERE title = 'ICT disaster recovery plan'"
		);
		const form = await new RecoveryTestForm(page).visit(documentId);
		await form.fill({
			type: 'Full failover',
			testedOn: '02/12/2026',
			testers: ['Daniel Cole'],
			achieved: { 'Network and telephony': '1:45' },
			result: 'Passed',
			evidence: 'Failover log TC-DR-2026-12b'
		});
		await form.submitExpectingRecorded();
		expect(await form.tableRows('Recovery achieved per system')).toEqual([
			['Network and telephony', '2 hours', '1 hour 45 minutes', 'Not recorded', 'Yes']
		]);
	});

	test('recovery objectives with an RTO above the MTPD, or zero, are refused and the typed values kept', async () => {
		const { page } = await asSharedService();
		const systemId = await one("SELECT id FROM system WHERE name = 'Backup and recovery platform'");
		const objectives = await new RecoveryObjectivesPage(page).visit(systemId);
		expect(await page.getByTestId('rto-cost').innerText()).toBe(
			'£3,744.00: 12 users x 1 day x £13.00 per user-hour'
		);
		await objectives.fill({
			'Recovery time objective': '4d',
			'Recovery point objective': '0m',
			'Maximum tolerable period of disruption': '3d'
		});
		await objectives.submit(true);
		expect(await objectives.errorSummary()).toEqual([
			{
				message:
					'Recovery time objective (4 days) must not be longer than the maximum tolerable period of disruption (3 days)',
				target: 'rto'
			},
			{ message: 'Recovery point objective must be more than zero', target: 'rpo' }
		]);
		expect(await objectives.field('Recovery time objective').inputValue()).toBe('4d');
	});

	test('a stale save of recovery objectives shows what changed, overwrites nothing, keeps the typed values, and saving again overwrites on purpose', async () => {
		const first = await asSharedService();
		const second = await asSharedService();
		const systemId = await one("SELECT id FROM system WHERE name = 'Identity and email'");
		const formA = await new RecoveryObjectivesPage(first.page).visit(systemId);
		const formB = await new RecoveryObjectivesPage(second.page).visit(systemId);
		const agreedBy = await formB.field('Business owner who agreed them').inputValue();

		await formA.fill({ 'Restoration order': '7' });
		await formA.submit(false);

		// The second editor, on the form opened before that save, changes who agreed them.
		await formB.fill({ 'Business owner who agreed them': 'Chief Digital Officer' });
		await formB.submitExpectingConflict();
		expect(await formB.tableRows('What they changed')).toEqual([
			['Restoration order', '1', '7', '1']
		]);
		expect(await second.page.getByTestId('edit-conflict').innerText()).toMatch(
			/Your changes have not been saved/
		);
		// The summary beside the form is loaded again: it shows what is saved now, as the table does.
		await expect.poll(() => formB.objective('Restoration order')).toBe('7');
		expect(await formB.field('Business owner who agreed them').inputValue()).toBe(
			'Chief Digital Officer'
		);
		expect((await formB.submitButton().innerText()).trim()).toBe('Save my changes over theirs');
		const stored = async () =>
			(
				await database.execute({
					sql: 'SELECT restoration_order, agreed_by, version FROM recovery_objective WHERE system_id = ?',
					args: [systemId]
				})
			).rows[0]!;
		expect(await stored()).toMatchObject({ restoration_order: 7, agreed_by: agreedBy, version: 2 });

		// Having seen the conflict, saving again is a deliberate overwrite: the form's values win.
		await formB.submit(false);
		expect(await stored()).toMatchObject({
			restoration_order: 1,
			agreed_by: 'Chief Digital Officer',
			version: 3
		});
	});

	test("a partner council reads the shared service's register and only the systems run for it", async () => {
		const { page } = await session();
		const shared = await (
			await new ScrutinyView(page).visit()
		).openSharedService('Tri-Council ICT Partnership');
		const systems = (await shared.tableRows('Systems it runs for your organisation')).map(
			(r) => r[0]
		);
		expect(systems).toContain('Adult social care records hosting');
		expect(systems).not.toContain('Revenues and benefits');
		expect(await page.getByTestId('shared-documents').innerText()).toContain(
			'ICT disaster recovery plan'
		);
	});

	test(
		'the quarterly report carries the scrutiny figures as at the quarter’s end, and shows them as issued',
		{ timeout: 120_000 },
		async () => {
			const { page } = await asSharedService();
			const list = await new ReportsList(page).visit();
			await list.fillStart('2026/27', 'Q2 (July to September)');
			const report = await list.startExpectingDraft();
			const asDrafted = await report.governanceFigures();
			// As at 30 September 2026: the Revenues breach of June counts; its action fell due that day, not before.
			expect(asDrafted).toEqual([
				'Critical and statutory systems meeting all four 2 of 4 (50%)',
				'Plans and policies past their review date 0',
				'Actions from recovery tests past their due date 0',
				'Partnership meetings that were not quorate 1'
			]);
			const systems = await report.tableRows(
				'Critical and statutory systems, as at the position date'
			);
			expect(systems.find((r) => r[0]!.startsWith('Revenues and benefits'))![4]).toBe(
				'No: RTO breached at the last test'
			);
			await report.issue();
			expect(await report.governanceFigures()).toEqual(asDrafted);
			expect(
				await report.tableRows('Critical and statutory systems, as at the position date')
			).toEqual(systems);
			const stored = await database.execute({
				sql: 'SELECT snapshot FROM committee_report WHERE id = ?',
				args: [report.id()]
			});
			expect(JSON.parse(String(stored.rows[0]![0])).governance.figures.inquorateMeetings).toBe(1);
		}
	);

	test(
		'minutes are attached to a meeting (a web page posing as a PDF refused) and a partner council downloads them',
		{ timeout: 120_000 },
		async () => {
			const { page } = await asSharedService();
			const meetings = await new MeetingsPage(page).visit();
			const before = await one('SELECT count(*) FROM governance_meeting_paper');
			await meetings.fillPaper({
				meeting: /^ICT Partnership Board/,
				kind: 'Minutes',
				title: 'Approved minutes',
				file: {
					name: 'minutes.pdf',
					mimeType: 'application/pdf',
					buffer: Buffer.from('<html><script>alert(1)</script></html>')
				}
			});
			await meetings.attachExpectingErrors();
			expect(await meetings.errorSummary()).toEqual([
				{
					message:
						'The attachment is not a PDF, whatever its name says: it must be a PDF, Word (.docx), OpenDocument (.odt) or text (.txt) file',
					target: 'paper'
				}
			]);
			expect(await meetings.field('Title of the minutes or papers').inputValue()).toBe(
				'Approved minutes'
			);
			expect(await one('SELECT count(*) FROM governance_meeting_paper')).toBe(before);

			await meetings.fillPaper({
				meeting: /^ICT Partnership Board/,
				kind: 'Minutes',
				title: 'Approved minutes',
				file: {
					name: 'minutes.pdf',
					mimeType: 'application/pdf',
					buffer: Buffer.from('%PDF-1.4\n% minutes of the board\n%%EOF\n')
				}
			});
			await meetings.attachExpectingAttached('Approved minutes');
			expect(await one('SELECT count(*) FROM governance_meeting_paper')).toBe(before + 1);

			// A partner council's officer downloads them from the shared service's register.
			const partner = (await session()).page;
			const shared = await (
				await new ScrutinyView(partner).visit()
			).openSharedService('Tri-Council ICT Partnership');
			const file = await shared.download('Minutes: Approved minutes');
			expect(file.name).toBe('minutes.pdf');
			expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
			const response = await partner.request.get(file.href);
			expect(response.headers()['content-disposition']).toBe('attachment; filename="minutes.pdf"');
			expect(response.headers()['x-content-type-options']).toBe('nosniff');
		}
	);

	test('a draft version is edited in place; the approved version stays as approved', async () => {
		const { page } = await asSharedService();
		const documentId = await one(
			"SELECT id FROM governance_document WHERE title = 'ICT disaster recovery plan'"
		);
		const doc = await new DocumentPage(page).visit(documentId, 'ICT disaster recovery plan');
		const approved = await doc.versionText(1);
		await doc.startDraft('Adds the new data centre', ['Daniel Cole']);
		await doc.editDraft(2, 'Adds the new data centre and the revised restoration order');
		expect(await doc.versionText(2)).toContain(
			'Adds the new data centre and the revised restoration order'
		);
		expect(await doc.versionText(1)).toBe(approved);
	});
});
