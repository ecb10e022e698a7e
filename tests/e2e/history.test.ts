/**
 * History in plain English, in the browser with axe on each page, on a desktop and on a phone: after
 * an officer edits a system's cost and directorate, its change history and the audit trail say so in
 * words ('Annual run cost: £528,000.00 to £412,000.00'), with UK times and names, never raw field
 * names, JSON, ISO dates or ids; the raw values are in the CSV download only.
 */
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { SignIn } from './pages/SignIn';
import { SystemForm } from './pages/SystemForm';
import { AuditHistory } from './pages/AuditHistory';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const databaseUrl = inject('databaseUrl');
const password = `history-${randomBytes(12).toString('base64url')}`;
const stamp = randomBytes(3).toString('hex');
const admin = `history.admin.${stamp}@northshire.example`;

beforeAll(() => {
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
			admin,
			'--role',
			'org_admin',
			'--org',
			'northshire',
			'--name',
			'Information Governance Lead'
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
	if (run.status !== 0) throw new Error(`could not add ${admin}: ${run.stderr}`);
}, 120_000);

/** What a reader must never see in the history: field names, JSON, ISO dates, ids. */
const RAW = [/[{}]/, /\b[a-z]+[A-Z][A-Za-z]*\b/, /\d{4}-\d{2}-\d{2}/, /Id:/, /\b[a-z]+_[a-z_]+\b/];
const UK_TIME =
	/^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}, \d{2}:\d{2}$/;

describe.skipIf(!browserAvailable)('history in plain English', () => {
	const { session } = useBrowser();

	for (const viewport of [
		{ width: 1280, height: 900 },
		{ width: 390, height: 844 }
	]) {
		test(`after editing cost and directorate, at ${viewport.width} px`, async () => {
			const { page } = await session({ signedOut: true, viewport });
			await (await new SignIn(page).visit()).signIn(admin, password);
			const name = `Records Hub ${viewport.width} ${stamp}`;
			const created = await (
				await new SystemForm(page).visitNew()
			)
				.fill({
					name,
					directorate: 'Not recorded',
					hosting: 'Hosted',
					criticality: 'High',
					personalData: 'Personal data',
					annualRunCost: '528000',
					contractEnd: '03/03/2027'
				})
				.then((form) => form.submitExpectingSaved(name));
			const id = created.id();
			await (
				await new SystemForm(page).visitEdit(id)
			)
				.fill({ annualRunCost: '412000', directorate: 'Children, Families and Adults' })
				.then((form) => form.submitExpectingSaved(name));

			const pages = new AuditHistory(page);
			await pages.visit(`/systems/${id}`, name);
			const history = await pages.rows('Change history');
			expect(history.map((r) => r.what)).toEqual(['System edited', 'System added']);
			const [edit, add] = history;
			expect(edit!.lines).toEqual([
				'Directorate: not set to Children, Families and Adults',
				'Annual run cost: £528,000.00 to £412,000.00'
			]);
			expect(edit!.who).toBe(admin);
			expect(edit!.when).toMatch(UK_TIME);
			expect(add!.lines).toEqual(
				expect.arrayContaining([
					`Name: ${name}`,
					'Annual run cost: £528,000.00',
					'Contract end: 3 March 2027',
					'Hosting: Hosted',
					'Criticality: High'
				])
			);
			const historyText = await pages.text('Change history');
			for (const pattern of RAW) expect(historyText).not.toMatch(pattern);
			await shoot(page, `system-history-${viewport.width}`);

			// The audit trail: the same words, with the record named and linked.
			await pages.visit(`/audit?entity=system&entityId=${id}`, 'Audit trail');
			const trail = await pages.rows('Audit rows, newest first');
			expect(trail[0]).toMatchObject({
				what: 'System edited',
				record: `System: ${name}`,
				lines: edit!.lines
			});
			expect(
				await page
					.getByTestId('audit-record')
					.first()
					.getByRole('link', { name: `System: ${name}` })
					.getAttribute('href')
			).toBe(`/systems/${id}`);
			const trailText = await pages.text('Audit rows, newest first');
			for (const pattern of RAW) expect(trailText).not.toMatch(pattern);
			// The filter lists read as words too.
			expect(await page.getByLabel('Record type').locator('option:checked').innerText()).toBe(
				'System'
			);
			await shoot(page, `audit-${viewport.width}`);

			// The raw values stay in the CSV export.
			const csv = (await pages.download('Download these rows as CSV')).bytes.toString('utf8');
			expect(csv).toContain('annualRunCostPence');
			expect(csv).toContain('52800000');
		});
	}
});

/** Full-page screenshots for a person to look at, when HISTORY_SCREENSHOTS names a folder. */
async function shoot(page: import('playwright-core').Page, name: string): Promise<void> {
	const folder = process.env.HISTORY_SCREENSHOTS;
	if (folder) await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}
