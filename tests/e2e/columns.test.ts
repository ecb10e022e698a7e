/**
 * No column is ever cut off. Every data page at 1280 px (a laptop) and 390 px (a phone): each column
 * heading of each table is inside the window, or inside a scroll region a person can reach (it
 * scrolls, takes keyboard focus, is named, and holds the heading); the page itself never scrolls
 * sideways; every totals row sits under its columns; axe runs on every page. /systems shows name, review and outcomes at 1280 px without
 * scrolling; a phone gets the filters behind 'Show filters'; a region scrolled to its end keeps its
 * first column in view and shows a focus ring.
 */
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { DataPage } from './pages/DataPage';
import { SignIn } from './pages/SignIn';
import { ImportPages } from './pages/ImportPages';
import { ReportsList } from './pages/Reports';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const password = `columns-${randomBytes(12).toString('base64url')}`;
const admin = `columns.admin.${randomBytes(3).toString('hex')}@northshire.example`;

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
			'northshire'
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
	if (run.status !== 0) throw new Error(`could not add the administrator: ${run.stderr}`);
}, 120_000);

/** The first link in main whose href matches, as an id. */
async function idFrom(page: Page, pattern: RegExp): Promise<number> {
	const hrefs = await page
		.locator('main a[href]')
		.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
	const match = hrefs.map((h) => pattern.exec(h)).find(Boolean);
	if (!match) throw new Error(`no link matching ${pattern} on ${page.url()}`);
	return Number(match[1]);
}

/** Every data page, discovering ids from the pages themselves; a draft report and an import preview are made first. */
async function dataPaths(page: Page): Promise<string[]> {
	const data = new DataPage(page);
	await data.visit('/systems?q=MASH');
	const system = await idFrom(page, /^\/systems\/(\d+)$/);
	await data.visit('/workstreams');
	const workstream = await idFrom(page, /^\/workstreams\/(\d+)$/);
	await data.visit('/business-cases');
	const businessCase = await idFrom(page, /^\/business-cases\/(\d+)$/);
	const report = (
		await (
			await (await new ReportsList(page).visit()).fillStart('2026/27', 'Q1 (April to June)')
		).startExpectingDraft()
	).id();
	const imports = await new ImportPages(page).visit();
	await imports.upload(
		'columns.csv',
		'Name,Supplier,Hosting,Criticality,Personal data,Annual cost\nColumns Check System,Columns Ltd,SaaS,High,No,-1234.56\n'
	);
	const preview = new URL(page.url()).pathname;
	expect(preview).toMatch(/^\/import\/\d+$/);
	return [
		'/',
		'/systems',
		`/systems/${system}`,
		`/systems/${system}/costs`,
		`/systems/${system}/milestones`,
		'/workstreams',
		`/workstreams/${workstream}`,
		`/workstreams/${workstream}/costs`,
		`/workstreams/${workstream}/milestones`,
		'/funding',
		'/rollups',
		'/timeline',
		'/business-cases',
		`/business-cases/${businessCase}`,
		`/business-cases/${businessCase}/versions/1`,
		'/reports',
		`/reports/${report}`,
		preview
	];
}

describe.skipIf(!browserAvailable)('every column heading can be reached', () => {
	const { session } = useBrowser();
	let paths: string[] = [];

	for (const width of [1280, 390]) {
		test(`at ${width} px`, { timeout: 300_000 }, async () => {
			const { page } = await session({ viewport: { width, height: 900 } });
			if (paths.length === 0) paths = await dataPaths(page);
			const data = new DataPage(page);
			const problems: string[] = [];
			for (const path of paths) {
				await data.visit(path);
				for (const h of await data.hiddenHeadings())
					problems.push(`${path}: '${h.heading}' in '${h.table}' ${h.why}`);
				for (const t of await data.misalignedTotals()) problems.push(`${path}: ${t}`);
				const overflow = await data.pageOverflow();
				if (overflow > 0) problems.push(`${path}: the page scrolls sideways by ${overflow}px`);
			}
			expect(problems).toEqual([]);
		});
	}

	test(
		'the audit trail and users, as an administrator, at both widths',
		{ timeout: 120_000 },
		async () => {
			for (const width of [1280, 390]) {
				const { page } = await session({ signedOut: true, viewport: { width, height: 900 } });
				await (await new SignIn(page).visit()).signIn(admin, password);
				const data = new DataPage(page);
				for (const path of ['/audit', '/admin/users']) {
					await data.visit(path);
					expect(await data.hiddenHeadings(), `${path} at ${width}px`).toEqual([]);
					expect(await data.pageOverflow(), `${path} at ${width}px`).toBe(0);
				}
			}
		}
	);

	test('/systems at 1280 px shows name, review and outcomes, and the filters; a phone folds them', async () => {
		const wide = new DataPage((await session()).page);
		await wide.visit('/systems');
		const table = wide.page.getByTestId('systems-table');
		for (const heading of ['Name', 'Review', 'Outcomes'])
			expect(await wide.headingInWindow(table, heading), heading).toBe(true);
		await expect(
			wide.page.getByRole('button', { name: 'Apply filters' }).isVisible()
		).resolves.toBe(true);
		await expect(wide.page.getByText('Show filters').isVisible()).resolves.toBe(false);

		const phone = new DataPage((await session({ viewport: { width: 390, height: 800 } })).page);
		await phone.visit('/systems');
		await expect(
			phone.page.getByRole('button', { name: 'Apply filters' }).isVisible()
		).resolves.toBe(false);
		await phone.page.getByText('Show filters').click();
		await phone.settled(phone.page.getByRole('button', { name: 'Apply filters' }));
		// Filters in use stay open, so a phone shows what is filtering the list.
		await phone.visit('/systems?outcome=replace');
		await expect(
			phone.page.getByRole('button', { name: 'Apply filters' }).isVisible()
		).resolves.toBe(true);
	});

	test('a table wider than a phone scrolls from the keyboard, keeps its first column and shows focus', async () => {
		const data = new DataPage((await session({ viewport: { width: 390, height: 800 } })).page);
		await data.visit('/rollups');
		const region = data.page.getByRole('region', { name: 'Cost by workstream' });
		const table = region.locator('table');
		expect(await region.evaluate((r) => r.scrollWidth > r.clientWidth)).toBe(true);
		await expect(
			data.page.getByText('Scroll sideways to see every column').first().isVisible()
		).resolves.toBe(true);
		await region.focus();
		expect(
			await region.evaluate(
				(r) =>
					getComputedStyle(r).outlineStyle !== 'none' &&
					parseFloat(getComputedStyle(r).outlineWidth) >= 3
			)
		).toBe(true);
		for (let i = 0; i < 30; i++) await data.page.keyboard.press('ArrowRight');
		await expect.poll(() => region.evaluate((r) => r.scrollLeft)).toBeGreaterThan(0);
		// The row headings stay where they were, at the region's left edge.
		const firstCell = table.locator('tbody tr').first().locator('th');
		const [regionLeft, cellLeft] = await Promise.all([
			region.evaluate((r) => r.getBoundingClientRect().left),
			firstCell.evaluate((c) => c.getBoundingClientRect().left)
		]);
		expect(Math.abs(cellLeft - regionLeft)).toBeLessThan(1);
		const lastHeading = table.locator('thead tr').first().locator('th').last();
		// Arrow keys scroll smoothly: wait for the last heading to arrive in the window.
		await expect
			.poll(() =>
				lastHeading.evaluate(
					(th) => th.getBoundingClientRect().right <= document.documentElement.clientWidth + 1
				)
			)
			.toBe(true);
	});
});
