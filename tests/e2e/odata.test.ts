/**
 * The OData feed as Power BI and an OData client library meet it: an organisation administrator
 * makes a token in the browser (axe on the page; the token shown once), @odata/client reads the
 * feed with it, next links are followed to the last page, the .pbids file names the feed, a key
 * sent as `key=` or Basic never reaches the server log, and a revoked token stops at once.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { OData } from '@odata/client';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { SignIn } from './pages/SignIn';
import { AdminPages } from './pages/AdminPages';
import { createUser, spawnApp, waitUntilReady, type AppProcess } from '../support/app-server';

const databaseUrl = inject('databaseUrl');
const admin = createUser(databaseUrl, {
	email: `odata.admin.${randomBytes(3).toString('hex')}@northshire.example`,
	role: 'org_admin'
});

/** An app of this test's own, so its log can be read. */
let app: AppProcess;
beforeAll(async () => {
	const port = await new Promise<number>((resolve) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
	// Typed as its other callers (tests/ops) pass it: the port beside string settings.
	app = spawnApp({ port, DATABASE_URL: databaseUrl, SEED_DEMO: 'false' } as unknown as Parameters<
		typeof spawnApp
	>[0]);
	await waitUntilReady(app, app.baseURL);
}, 120_000);
afterAll(() => {
	app?.child.kill('SIGTERM');
});

describe.skipIf(!browserAvailable)('OData feed for Power BI', () => {
	const { session } = useBrowser();

	test('a token made in the browser reads the feed through an OData client, then is revoked', async () => {
		const { page } = await session({ signedOut: true, baseURL: app.baseURL });
		await (await new SignIn(page).visit()).signIn(admin.email, admin.password);
		const pages = new AdminPages(page);
		await pages.visit('/admin/api-tokens', 'API tokens');
		await pages.field('Name').fill('Power BI quarterly');
		for (const box of await page.locator('input[name="scopes"]').all()) await box.uncheck();
		await pages.submit('Create token', 'Select the data the token may read');
		expect((await pages.errorSummary()).map((e) => e.message)).toEqual([
			'Select the data the token may read'
		]);
		expect(await pages.field('Name').inputValue()).toBe('Power BI quarterly');
		await page.getByRole('checkbox', { name: 'Systems' }).check();
		await page.getByRole('checkbox', { name: 'Workstreams' }).check();
		await pages.submit('Create token', 'Token created');
		const token = (await page.getByTestId('new-token').innerText()).trim();
		expect(token).toMatch(/^ipp_[A-Za-z0-9_-]{43}$/);
		// Shown once: the page opened again lists it without the token.
		await pages.visit('/admin/api-tokens', 'API tokens');
		expect(await pages.mainText()).not.toContain(token);
		expect(await pages.mainText()).toContain('Power BI quarterly');

		const pbids = await pages.download('Download a Power BI connection file (.pbids)');
		const connection = JSON.parse(pbids.bytes.toString('utf8'));
		const serviceRoot = `${app.baseURL}/api/odata/v4/northshire`;
		expect(connection.connections[0].details).toEqual({
			protocol: 'odata',
			address: { url: serviceRoot }
		});
		expect(pbids.bytes.toString('utf8')).not.toContain(token);

		// An OData client library, with the token as Basic authentication as Power BI sends it.
		const client = OData.New4({
			serviceEndpoint: `${serviceRoot}/`,
			credential: { username: 'powerbi', password: token }
		});
		const systems = client.getEntitySet<{ id: number; name: string; annualRunCostPounds: number }>(
			'Systems'
		);
		const total = await systems.count();
		expect(total).toBeGreaterThanOrEqual(79);
		const named = await systems.query(
			client
				.newOptions()
				.filter(client.newFilter().property('hosting').eq('saas'))
				.select(['id', 'name', 'annualRunCostPounds'])
				.orderby('name', 'asc')
				.top(5)
		);
		expect(named.length).toBe(5);
		expect(named.map((s) => s.name)).toEqual([...named.map((s) => s.name)].sort());
		expect(Object.keys(named[0]!).sort()).toEqual(['annualRunCostPounds', 'id', 'name']);
		await expect(client.getEntitySet('CostLines').query()).rejects.toThrow();

		// Next links, as Power BI follows them: absolute, to the last page, every row once.
		const seen = new Set<number>();
		let next: string | undefined = `${serviceRoot}/Systems?$select=id&key=${token}`;
		let pages_ = 0;
		while (next) {
			const response = await fetch(next, { headers: { prefer: 'odata.maxpagesize=20' } });
			expect(response.status).toBe(200);
			const body = (await response.json()) as {
				value: { id: number }[];
				'@odata.nextLink'?: string;
			};
			for (const row of body.value) seen.add(row.id);
			next = body['@odata.nextLink'];
			pages_++;
		}
		expect(seen.size).toBe(total);
		expect(pages_).toBe(Math.ceil(total / 20));

		// Revoked in the browser: the next request is refused.
		await page.getByRole('button', { name: 'Revoke Power BI quarterly' }).click();
		await pages.settled(page.getByText('The token has been revoked', { exact: false }));
		const refused = await fetch(`${serviceRoot}/Systems?key=${token}`);
		expect(refused.status).toBe(401);
		expect((await refused.json()).error.message).toMatch(/revoked/);

		// The token went by key= and Basic many times: the log holds the paths, never the token.
		expect(app.output()).toContain('/api/odata/v4/northshire/Systems');
		expect(app.output()).not.toContain(token);
		expect(app.output()).not.toContain(token.slice(4, 20));
	});
});
