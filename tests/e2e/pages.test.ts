/**
 * Every kind of page the app serves, in the states a person sees, checked with axe (via the page
 * objects), plus linking and unlinking a system on a workstream page.
 */
import { describe, expect, test } from 'vitest';
import { browserAvailable, credentials } from './support/browser';
import { useBrowser } from './support/suite';
import { Dashboard } from './pages/Dashboard';
import { SystemsList } from './pages/SystemsList';
import { SystemForm } from './pages/SystemForm';
import { ReviewForm } from './pages/ReviewForm';
import { Workstream, WorkstreamsIndex } from './pages/Workstream';
import { ErrorPage } from './pages/ErrorPage';
import { encodeCursor } from '$lib/domain/systems';
import { SignIn } from './pages/SignIn';

describe.skipIf(!browserAvailable)('every page passes axe', () => {
	const { session } = useBrowser();

	test('dashboard, lists, forms, a system and the 404 page', async () => {
		const { page } = await session();
		const dashboard = await new Dashboard(page).visit();
		expect((await dashboard.figures()).systems).toBeGreaterThanOrEqual(79);

		const list = await new SystemsList(page).visit();
		expect(await list.resultCount()).toMatch(/^\d+ systems\. Showing 50\.$/);
		expect(await list.names()).toHaveLength(50);

		await list.visit('?outcome=replace&serviceArea=1&sort=cost&dir=desc');
		expect(await list.resultCount()).toMatch(
			/^\d+ systems? match(es)? the filters\. Showing \d+\.$/
		);

		// Pages of 25: forward and back again through the pagination links.
		await list.visit('?size=25');
		const firstPage = await list.names();
		expect(firstPage).toHaveLength(25);
		await list.turn('Next');
		expect(await list.resultCount()).toMatch(/Showing 25 on this page\.$/);
		const secondPage = await list.names();
		expect(secondPage).toHaveLength(25);
		expect(secondPage.filter((n) => firstPage.includes(n))).toEqual([]);
		await list.turn('Previous');
		expect(await list.names()).toEqual(firstPage);

		// A stale or hand-made cursor: past the end offers the first page; a malformed one is ignored.
		await list.visit(`?after=${encodeCursor('\uffff', Number.MAX_SAFE_INTEGER)}`);
		expect(await list.names()).toEqual([]);
		expect(
			await page.getByRole('link', { name: 'Go to the first page' }).getAttribute('href')
		).toBe('/systems');
		await list.visit('?after=not%20a%20cursor!');
		expect(await list.resultCount()).toMatch(/^\d+ systems\. Showing 50\.$/);

		const detail = await (
			await new SystemsList(page).visit('?q=MASH')
		).openSystem('MASH Referral Triage');
		const id = detail.id();
		await new SystemForm(page).visitEdit(id);
		await new ReviewForm(page).visit(id);
		await new SystemForm(page).visitNew();
		await new ErrorPage(page).visit('/no-such-page');
		const signedOut = await session({ signedOut: true });
		const signIn = await new SignIn(signedOut.page).visit();
		expect(await signIn.field('Email address').getAttribute('autocomplete')).toBe('email');
	});

	test('workstreams: list, a workstream, find, link and unlink', async () => {
		const { page } = await session();
		const index = await new WorkstreamsIndex(page).visit();
		const id = await index.idOf('Directories');
		const workstream = await new Workstream(page).visit(id);
		const before = await workstream.linkedNames();
		const countBefore = await workstream.linkedCount();
		expect(before).not.toContain('MASH Referral Triage');

		await workstream.visit(id, 'MASH');
		await expect.poll(() => workstream.linkButton('MASH Referral Triage').count()).toBe(1);
		await workstream.link('MASH Referral Triage');
		expect(await workstream.linkedNames()).toContain('MASH Referral Triage');
		expect(await workstream.linkedCount()).toBe(countBefore + 1);
		// A linked system is no longer offered for linking.
		expect(await workstream.linkButton('MASH Referral Triage').count()).toBe(0);

		await workstream.unlink('MASH Referral Triage');
		expect(await workstream.linkedNames()).toEqual(before);
		expect(await workstream.linkedCount()).toBe(countBefore);
	});

	test.skipIf(!credentials)(
		'a signed-out visitor is sent to sign in, and comes back to the page asked for',
		async () => {
			const { page } = await session({ signedOut: true });
			await page.goto('/systems?outcome=replace');
			await page.waitForURL((url) => url.pathname === '/sign-in');
			expect(new URL(page.url()).searchParams.get('next')).toBe('/systems?outcome=replace');
			const signIn = new SignIn(page);
			await signIn.settled(page.getByRole('heading', { level: 1, name: 'Sign in' }));

			await signIn.signInExpectingErrors(credentials!.email, 'not the password at all');
			expect(await signIn.errorSummary()).toEqual([
				{ target: 'email', message: 'Enter a correct email address and password' }
			]);
			// The email stays; the password never comes back.
			expect(await signIn.field('Email address').inputValue()).toBe(credentials!.email);
			expect(await signIn.field('Password').inputValue()).toBe('');

			await signIn.signIn(credentials!.email, credentials!.password);
			expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(
				'/systems?outcome=replace'
			);
			expect(await new SystemsList(page).resultCount()).toMatch(/match(es)? the filters/);
		}
	);
});
