/**
 * The roll-up and workstream CSV exports, downloaded through the links on their pages as the signed-in
 * test user: each file starts with the UTF-8 BOM, and every figure in it equals the one on the page.
 */
import { describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { browserAvailable } from './support/browser';
import { get } from './support/http';
import { useBrowser } from './support/suite';
import { Dashboard } from './pages/Dashboard';
import { Workstream, WorkstreamsIndex } from './pages/Workstream';

const BOM = [0xef, 0xbb, 0xbf];

/** Checks the file is UTF-8 with a BOM and CRLF line ends, then returns its header row and the rest. */
function rowsOf(file: { name: string; bytes: Buffer }, name: RegExp): [string[], ...string[][]] {
	expect(file.name).toMatch(name);
	expect([...file.bytes.subarray(0, 3)], `${file.name} starts with the UTF-8 BOM`).toEqual(BOM);
	const text = file.bytes.subarray(3).toString('utf8');
	expect(text).toContain('\r\n');
	const [head, ...body] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
	if (!head) throw new Error(`${file.name} has no header row`);
	return [head, ...body];
}

/** The headers every download is sent with, over HTTP as the same signed-in user. */
async function expectDownloadHeaders(href: string): Promise<void> {
	const response = await get(href);
	expect(response.status, href).toBe(200);
	expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
	expect(response.headers.get('content-disposition')).toMatch(
		/^attachment; filename="[a-z0-9-]+\.csv"$/
	);
	expect(response.headers.get('cache-control')).toBe('no-store');
}

const DATED = (stem: string) => new RegExp(`^${stem}-\\d{4}-\\d{2}-\\d{2}\\.csv$`);

describe.skipIf(!browserAvailable)('CSV exports of the dashboard roll-ups and workstreams', () => {
	const { session } = useBrowser();

	test('the review summary totals and each dashboard table download with the figures the page shows', async () => {
		const { page } = await session();
		const dashboard = await new Dashboard(page).visit();
		const figures = await dashboard.figures();

		const totals = await dashboard.download('Download the review summary totals (CSV)');
		await expectDownloadHeaders(totals.href);
		const [header, ...lines] = rowsOf(totals, DATED('review-summary'));
		expect(header).toEqual(['Figure', 'Count']);
		expect(Object.fromEntries(lines)).toMatchObject({
			Systems: String(figures.systems),
			Reviewed: String(figures.reviewed),
			'Not yet reviewed': String(figures.notReviewed),
			'Maintain only': String(figures.outcomes.maintain),
			'Development required': String(figures.outcomes.develop),
			Decommission: String(figures.outcomes.decommission),
			'Replace with the new main system': String(figures.outcomes.replace),
			'More than one outcome': String(figures.multiple)
		});
		expect(figures.systems).toBeGreaterThanOrEqual(79);

		for (const [caption, link, stem, groupLabel] of [
			[
				'By service area',
				'Download outcomes by service area (CSV)',
				'outcomes-by-service-area',
				'Service area'
			],
			[
				'By directorate',
				'Download outcomes by directorate (CSV)',
				'outcomes-by-directorate',
				'Directorate'
			],
			[
				'By workstream (systems linked to each)',
				'Download outcomes by workstream (CSV)',
				'outcomes-by-workstream',
				'Workstream'
			]
		] as const) {
			const onPage = await dashboard.tableRows(caption);
			const file = await dashboard.download(link);
			await expectDownloadHeaders(file.href);
			const [head, ...body] = rowsOf(file, DATED(stem));
			expect(head).toEqual([
				groupLabel,
				'Systems',
				'Reviewed',
				'Not yet reviewed',
				'Maintain only',
				'Development required',
				'Decommission',
				'Replace with the new main system',
				'More than one outcome'
			]);
			expect(onPage.length, caption).toBeGreaterThan(0);
			expect(body, `${stem} equals the '${caption}' table`).toEqual(onPage);
		}
	});

	test("the workstreams list and one workstream's linked systems download with the figures the pages show", async () => {
		const { page } = await session();
		const index = await new WorkstreamsIndex(page).visit();
		const onPage = await index.tableRows('Systems linked to each workstream, by current outcome');
		const file = await index.download('Download workstreams with their outcome counts (CSV)');
		await expectDownloadHeaders(file.href);
		const [head, ...body] = rowsOf(file, DATED('workstreams'));
		expect(head.slice(0, 3)).toEqual(['Workstream', 'Lead', 'Systems']);
		// The page's table has no lead column; every other cell is the same.
		expect(body.map(([name, , ...counts]) => [name, ...counts])).toEqual(onPage);
		expect(body.length).toBeGreaterThanOrEqual(7);

		const busiest = [...body].sort((a, b) => Number(b[2]) - Number(a[2]))[0]!;
		const name = busiest[0]!;
		expect(Number(busiest[2]), `${name} has linked systems`).toBeGreaterThan(0);
		const workstream = await new Workstream(page).visit(await index.idOf(name));
		const names = await workstream.linkedNames();
		const linked = await workstream.download(`Download the systems linked to ${name} (CSV)`);
		expect(linked.href).toMatch(/^\/workstreams\/\d+\/systems\.csv$/);
		await expectDownloadHeaders(linked.href);
		const [linkedHead, ...systems] = rowsOf(
			linked,
			DATED(`${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-systems`)
		);
		expect(linkedHead[0]).toBe('Name');
		expect(systems.map((s) => s[0])).toEqual(names);
		expect(systems).toHaveLength(await workstream.linkedCount());
		expect(systems).toHaveLength(Number(busiest[2]));
		const cost = linkedHead.indexOf('Annual run cost (£)');
		expect(cost).toBeGreaterThan(0);
		for (const s of systems) expect(s[cost]).toMatch(/^(\d+\.\d{2})?$/);
		expect(systems.some((s) => s[cost] !== '')).toBe(true);
	});

	test('an unknown roll-up table is refused, not answered with another table', async () => {
		const response = await get('/summary.csv?by=nonsense');
		expect(response.status).toBe(400);
	});
});
