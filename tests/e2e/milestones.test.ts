/**
 * Milestones of workstreams and systems, and the cost of outage, in the built app: dates typed the
 * UK way, statuses and slippage in words, the error summary keeping what was typed, edit conflicts,
 * archiving, the outage risk with its working, and a viewer who can read but not change any of it.
 */
import { describe, expect, inject, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseURL, browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { SystemsList } from './pages/SystemsList';
import { SystemDetail } from './pages/SystemDetail';
import { Workstream, WorkstreamsIndex } from './pages/Workstream';
import { Milestones } from './pages/Milestones';
import { Outage, OutageSettings } from './pages/Outage';
import { milestoneStatus } from '../../src/lib/domain/milestones';
import { todayInUk } from '../../src/lib/domain/dates';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MILESTONE_SYSTEM = 'Telecare Equipment Stock';
const OUTAGE_SYSTEM = 'Community Equipment Ordering';

async function systemId(page: import('playwright-core').Page, name: string): Promise<number> {
	return (
		await (await new SystemsList(page).visit(`?q=${encodeURIComponent(name)}`)).openSystem(name)
	).id();
}

/** A viewer in the demo organisation, added with the app's own CLI; returns their session cookie. */
async function viewerCookie(): Promise<string> {
	const email = `milestones.viewer.${randomBytes(4).toString('hex')}@northshire.example`;
	const password = `viewer-${randomBytes(12).toString('base64url')}`;
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
			'viewer',
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
	if (run.status !== 0) throw new Error(`could not add the viewer: ${run.stderr}`);
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
		throw new Error(`the viewer could not sign in: ${response.status}`);
	return cookie;
}

const post = (path: string, cookie: string, fields: Record<string, string>) =>
	fetch(`${baseURL}${path}`, {
		method: 'POST',
		headers: {
			origin: baseURL,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			cookie
		},
		body: new URLSearchParams(fields).toString(),
		redirect: 'manual'
	});

describe.skipIf(!browserAvailable)('milestones', () => {
	const { session } = useBrowser();

	test('a milestone typed the UK way is listed with its status in words, and the system page shows it next', async () => {
		const { page } = await session();
		const id = await systemId(page, MILESTONE_SYSTEM);
		const detail = new SystemDetail(page);
		expect(await page.getByTestId('next-milestone').innerText()).toBe(
			'No milestones are recorded yet.'
		);
		await page.getByRole('link', { name: 'Plan milestones' }).click();
		const milestones = new Milestones(page);
		await milestones.settled(page.getByRole('heading', { level: 1, name: 'Milestones' }));

		await milestones.fill({
			kind: 'Decommission',
			plannedDate: '31/03/2028',
			note: 'Stock moves to the equipment service'
		});
		await milestones.submitExpectingSaved(/^Milestone added$/);
		const expected = milestoneStatus(
			{ plannedDate: '2028-03-31', forecastDate: null, actualDate: null },
			todayInUk()
		);
		expect(await milestones.rows()).toEqual([
			{
				milestone: 'Decommission',
				planned: '31 March 2028',
				forecast: 'None',
				actual: 'Not yet',
				slippage: 'On plan',
				status: expected.words
			}
		]);
		expect(expected.words).toBe('On track for 31 March 2028');

		await detail.visit(id, MILESTONE_SYSTEM);
		expect(await page.getByTestId('next-milestone').innerText()).toBe(
			`Next: Decommission, 31 March 2028: ${expected.words}.`
		);
		expect(await page.getByRole('link', { name: 'See all 1 milestone' }).getAttribute('href')).toBe(
			`/systems/${id}/milestones`
		);
	});

	test('an impossible date and a missing planned date show the error summary and keep what was typed', async () => {
		const { page } = await session();
		const id = await systemId(page, MILESTONE_SYSTEM);
		const milestones = await new Milestones(page).visit('systems', id);
		await milestones.fill({
			kind: 'Contract award',
			forecastDate: '31/02/2027',
			note: 'Awaiting legal sign-off'
		});
		await milestones.submitExpectingErrors();
		expect(await milestones.errorSummary()).toEqual([
			{ message: 'Enter the planned date', target: 'plannedDate' },
			{ message: "Forecast date: '31/02/2027' is not a real date", target: 'forecastDate' }
		]);
		expect(await milestones.fieldError(milestones.field('forecastDate'))).toBe(
			"Forecast date: '31/02/2027' is not a real date"
		);
		expect(await milestones.value('forecastDate')).toBe('31/02/2027');
		expect(await milestones.value('note')).toBe('Awaiting legal sign-off');
		expect(await milestones.field('kind').inputValue()).toBe('contract_award');
		expect(await page.title()).toMatch(/^Error: /);

		await milestones.fill({ plannedDate: '31/02/2027', forecastDate: '' });
		await milestones.submitExpectingErrors();
		expect(await milestones.errorSummary()).toEqual([
			{ message: "Planned date: '31/02/2027' is not a real date", target: 'plannedDate' }
		]);
		expect(await milestones.value('plannedDate')).toBe('31/02/2027');
	});

	test('a forecast later than planned shows as slipped by N days; dates out of order are warned about', async () => {
		const { page } = await session();
		const index = await new WorkstreamsIndex(page).visit();
		const id = await index.idOf('Information Gateway');
		const milestones = await new Milestones(page).visit('workstreams', id);
		const before = (await milestones.rows()).length;

		await milestones.fill({
			kind: 'Decommission',
			plannedDate: '28/02/2029',
			forecastDate: '14/03/2029'
		});
		await milestones.submitExpectingSaved();
		const rows = await milestones.rows();
		expect(rows).toHaveLength(before + 1);
		const slipped = rows.find((r) => r.milestone === 'Decommission')!;
		expect(slipped.slippage).toBe('14 days late');
		expect(slipped.status).toBe(
			'Slipped 14 days: forecast 14 March 2029 against a plan of 28 February 2029'
		);
		expect(await milestones.warnings()).toEqual([]);

		// A decommission forecast before go-live (31 January 2028) runs against the natural order.
		await milestones.startEdit('decommission (28 February 2029)');
		await milestones.fill({ forecastDate: '31/12/2027' });
		await milestones.submitExpectingSaved();
		expect(await milestones.warnings()).toContain(
			'Decommission (31 December 2027) is before go-live (31 January 2028)'
		);

		const workstream = await new Workstream(page).visit(id);
		expect(await page.getByTestId('next-milestone').innerText()).toMatch(/^Next: /);
		await workstream.settled();
	});

	test('an edit overtaken by someone else shows what they changed, keeps the entry, and saving again overwrites', async () => {
		const first = await session();
		const second = await session();
		const id = await systemId(first.page, MILESTONE_SYSTEM);
		const a = await new Milestones(first.page).visit('systems', id);
		await a.fill({ kind: 'Go-live', plannedDate: '30/06/2027' });
		await a.submitExpectingSaved();

		await a.startEdit('go-live (30 June 2027)');
		const b = await new Milestones(second.page).visit(
			'systems',
			id,
			first.page
				.url()
				.replace(/^[^?]*/, '')
				.replace(/#.*$/, '')
		);
		await a.fill({ forecastDate: '21/07/2027' });
		await a.submitExpectingSaved();

		await b.fill({ note: 'Depends on the data migration' });
		await b.submitExpectingConflict();
		expect(await second.page.getByTestId('edit-conflict').innerText()).toMatch(
			/Someone else saved this milestone while you were editing it/
		);
		const conflict = await b.tableRows('What they changed');
		expect(conflict).toEqual([['Forecast date (optional)', '(blank)', '21/07/2027', '(blank)']]);
		expect(await b.value('note')).toBe('Depends on the data migration');
		expect(await b.submitLabel()).toBe('Save my changes over theirs');

		await b.submitExpectingSaved();
		const goLive = (await b.rows()).find((r) => r.milestone === 'Go-live')!;
		expect(goLive.forecast).toBe('None');
	});

	test('archiving a milestone takes it off the list', async () => {
		const { page } = await session();
		const id = await systemId(page, MILESTONE_SYSTEM);
		const milestones = await new Milestones(page).visit('systems', id);
		await milestones.fill({ kind: 'Parallel running end', plannedDate: '15/08/2027' });
		await milestones.submitExpectingSaved();
		expect((await milestones.rows()).map((r) => r.milestone)).toContain('Parallel running end');
		await milestones.archive('parallel running end (15 August 2027)');
		expect((await milestones.rows()).map((r) => r.milestone)).not.toContain('Parallel running end');
	});
});

describe.skipIf(!browserAvailable)('cost of outage', () => {
	const { session } = useBrowser();

	test('2,000 users, 8 hours and £13 a user-hour is £208,000 a year, shown with its working here and on the system page', async () => {
		const { page } = await session();
		const id = await systemId(page, OUTAGE_SYSTEM);
		expect(await page.getByTestId('outage-line').innerText()).toMatch(
			/^No outage figures are recorded\./
		);
		const outage = await new Outage(page).visit(id);
		await outage.fill({ concurrentUsers: '2,000', outageHours: '8', costPerUserHour: '13' });
		await outage.submitExpectingSaved();
		expect(await outage.risk()).toBe(
			'Annual productivity risk: £208,000.00 2,000 users × 8 hours × £13.00 per user-hour = £208,000.00 a year'
		);

		// Blank: the organisation's default (the county's £13) applies; 1:30 is an hour and a half.
		await outage.visit(id);
		expect(await outage.input('concurrentUsers').inputValue()).toBe('2000');
		await outage.fill({ outageHours: '1:30', costPerUserHour: '' });
		await outage.submitExpectingSaved();
		expect(await outage.risk()).toBe(
			'Annual productivity risk: £39,000.00 2,000 users × 1 hour 30 minutes × £13.00 per user-hour = £39,000.00 a year'
		);
		expect(await page.locator('main dl').innerText()).toMatch(/the organisation's default/);

		await new SystemDetail(page).visit(id, OUTAGE_SYSTEM);
		expect(await page.getByTestId('outage-line').innerText()).toMatch(
			/^Annual productivity risk £39,000\.00: 2,000 users × 1 hour 30 minutes/
		);
	});

	test("figures like 'lots' are refused in the error summary, keeping what was typed", async () => {
		const { page } = await session();
		const id = await systemId(page, OUTAGE_SYSTEM);
		const outage = await new Outage(page).visit(id);
		await outage.fill({ concurrentUsers: 'lots', outageHours: 'lots', costPerUserHour: '' });
		await outage.submitExpectingErrors();
		expect(await outage.errorSummary()).toEqual([
			{
				message: 'Concurrent users must be a whole number from 1 to 1,000,000',
				target: 'concurrentUsers'
			},
			{
				message: "Outage hours: 'lots' is not a number of hours, like 8 or 1.5",
				target: 'outageHours'
			}
		]);
		expect(await outage.input('concurrentUsers').inputValue()).toBe('lots');
		expect(await outage.input('outageHours').inputValue()).toBe('lots');
	});

	test('the default is worked out from salary plus on-costs, or set directly with the county example', async () => {
		const { page } = await session();
		const settings = await new OutageSettings(page).visit();
		await settings.field('Typical annual salary (£)').fill('28,000');
		await settings.field('On-costs (% of salary)').fill('30');
		await settings.save('Work out and save the default');
		expect(await settings.current()).toBe(
			'Default cost per user-hour £22.06 How it was worked out £28,000.00 salary + 30% on-costs over 1,650 hours a year = £22.06 per user-hour'
		);

		// Back to the county's figure, which the other tests expect.
		await settings.visit();
		await settings.field('Cost per user-hour (£)').fill('13');
		await settings
			.field('How it was worked out (optional)')
			.fill('£26,000 an hour lost across 2,000 users');
		await settings.save('Save the default');
		expect(await settings.current()).toBe(
			'Default cost per user-hour £13.00 How it was worked out £26,000 an hour lost across 2,000 users'
		);
	});
});

describe.skipIf(!browserAvailable)('a viewer', () => {
	const { session } = useBrowser();

	test('reads milestones and outage figures without any edit control, and a POST as a viewer is refused', async () => {
		const cookie = await viewerCookie();
		const { page, context } = await session({ signedOut: true });
		const [name, ...value] = cookie.split('=');
		await context.addCookies([
			{ name: name!, value: value.join('='), url: baseURL, httpOnly: true, sameSite: 'Lax' }
		]);
		const index = await new WorkstreamsIndex(page).visit();
		const id = await index.idOf('Directories');
		const milestones = await new Milestones(page).visit('workstreams', id);
		expect((await milestones.rows()).length).toBeGreaterThan(0);
		expect(await milestones.editControls().count()).toBe(0);
		expect(await page.locator('#milestone-form').count()).toBe(0);

		const outage = await new Outage(page).visit(
			(
				await (
					await new SystemsList(page).visit('?q=Reablement%20Scheduling')
				).openSystem('Reablement Scheduling')
			).id()
		);
		expect(await outage.risk()).toMatch(
			/^Annual productivity risk: £15,600\.00 120 users × 10 hours × £13\.00/
		);
		expect(await page.locator('main form[method="post"]').count()).toBe(0);
		await new OutageSettings(page).visit();
		expect(await page.locator('main form[method="post"]').count()).toBe(0);

		for (const path of [
			`/workstreams/${id}/milestones?/add`,
			`/systems/1/outage?/save`,
			'/settings/outage?/direct'
		]) {
			const refused = await post(path, cookie, {
				kind: 'go_live',
				plannedDate: '31/03/2027',
				concurrentUsers: '1',
				outageHours: '1',
				costPerUserHour: '1'
			});
			expect(refused.status, path).toBe(403);
		}
	});
});
