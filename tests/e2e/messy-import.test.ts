/**
 * Issue 13's acceptance test, as a council officer would do it: the council's own inventory, exported by
 * Excel on UK Windows (Windows-1252, semicolons, CRLF, headings and values in its own words, no
 * Criticality or Personal data column, three truly bad rows, two rows naming demo systems), imported in
 * ONE pass on the preview: no editing the file, no second upload.
 */
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { ImportPages } from './pages/ImportPages';
import { SystemsList } from './pages/SystemsList';
import { Dashboard } from './pages/Dashboard';
import { dataQualityFigures } from './pages/DataQuality';

/** Windows-1252's characters at bytes 0x80-0x9F (the rest of the code page is Latin-1). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** Encodes text as Excel on UK Windows saves 'CSV (semicolon delimited)': one byte a character, or fails. */
function windows1252(text: string): Buffer {
	return Buffer.from(
		[...text].map((ch) => {
			const high = CP1252_HIGH.indexOf(ch);
			if (high >= 0) return 0x80 + high;
			const code = ch.charCodeAt(0);
			if (code < 0x100 && !(code >= 0x80 && code <= 0x9f)) return code;
			throw new Error(`'${ch}' has no Windows-1252 byte`);
		})
	);
}

/** Screenshots at 1280 and 390 px (the whole page), when MESSY_IMPORT_SCREENSHOTS names a folder. */
async function shoot(page: Page, name: string): Promise<void> {
	const folder = process.env.MESSY_IMPORT_SCREENSHOTS;
	if (!folder) return;
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: join(folder, `${name}-${width}.png`), fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

/** Whether the page is wider than the window, and any amount or date broken over two lines. */
async function layout(page: Page): Promise<{ sideways: boolean; brokenFigures: string[] }> {
	return page.evaluate(() => ({
		sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
		brokenFigures: [...document.querySelectorAll('.app-change__figure, .govuk-summary-list__value')]
			.filter((e) => /^[£\d,.\s]+$/.test(e.textContent ?? '') && e.getClientRects().length > 1)
			.map((e) => e.textContent ?? '')
	}));
}

const HEADINGS = [
	'System Name',
	'Supplier/Vendor',
	'Hosting Type',
	'Service',
	'Dept',
	'Annual Cost (£)',
	'Contract Expiry',
	'Users',
	'Recommendation',
	'Workstream',
	'Notes'
];
const HOSTING_WORDS = ['Cloud hosted', 'SaaS', 'On-prem', 'Hosted at Capita', 'In house'];
const OUTCOME_WORDS = ['Retire', 'Keep', 'Invest', 'Replace', 'Sunset', 'Tolerate', ''];
const DIRECTORATE = 'Children, Families and Adults';

/** The council's file: new systems, three bad rows and two demo systems (blank cells, a new supplier). */
function councilFile(stamp: string) {
	const area = `Public Health Intelligence ${stamp}`;
	const workstream = `Digital Front Door ${stamp}`;
	const services = ['Adult Social Care', 'Children and Families', area];
	const workstreams = ['Case Management', 'Integration', workstream, ''];
	const rows: string[][] = [];
	const created: string[] = [];
	/** New systems whose outcome is a decommission or replace (no target date column: proposed, date not set). */
	const undated: string[] = [];
	/** New systems whose 'Replace' names no workstream (a blank Workstream cell): proposed, workstream not set. */
	const unassigned: string[] = [];
	for (let i = 0; i < 34; i++) {
		const name =
			i === 0
				? `Coroner’s Case Files ${stamp}`
				: i === 1
					? `Registrars – Births and Deaths ${stamp}`
					: `Council Register ${i + 1} ${stamp}`;
		const outcome = OUTCOME_WORDS[i % OUTCOME_WORDS.length]!;
		const inWorkstream = workstreams[i % workstreams.length]!;
		rows.push([
			name,
			i === 2 ? 'Café Systems Ltd' : `Supplier ${i % 7} Ltd`,
			HOSTING_WORDS[i % HOSTING_WORDS.length]!,
			services[i % services.length]!,
			DIRECTORATE,
			`£${(12_500 + i * 1_000).toLocaleString('en-GB')}.00`,
			`31/03/${2027 + (i % 3)}`,
			String(10 + i),
			outcome,
			// A 'Replace' with a blank Workstream cell is a decision made before its workstream: imported, proposed.
			inWorkstream,
			i === 0 ? '“Legacy” system – costs £1,200 a year to host' : ''
		]);
		created.push(name);
		if (['Retire', 'Replace', 'Sunset'].includes(outcome)) undated.push(name);
		if (outcome === 'Replace' && !inWorkstream) unassigned.push(name);
	}
	const bad = {
		amount: `Bad Amount ${stamp}`,
		date: `Bad Date ${stamp}`,
		duplicate: `Council Register 5 ${stamp}`
	};
	rows.push([
		bad.amount,
		'Acme Ltd',
		'SaaS',
		'Adult Social Care',
		DIRECTORATE,
		'12.5k',
		'31/03/2027',
		'about 40',
		'Keep',
		'',
		''
	]);
	rows.push([
		bad.date,
		'Acme Ltd',
		'SaaS',
		'Adult Social Care',
		DIRECTORATE,
		'£1,000.00',
		'31/02/2027',
		'5',
		'Keep',
		'',
		''
	]);
	rows.push([
		bad.duplicate,
		'Other Ltd',
		'SaaS',
		'Adult Social Care',
		DIRECTORATE,
		'£2,000.00',
		'31/03/2027',
		'5',
		'Keep',
		'',
		''
	]);
	// Demo systems: blank cells (which must not erase anything) and a changed supplier.
	rows.push([
		'Day Opportunities Attendance',
		'Northshire Digital Services',
		'',
		'',
		'',
		'',
		'',
		'',
		'',
		'',
		''
	]);
	rows.push([
		'Care Charges Debt Recovery',
		'Greywillow Software Ltd',
		'',
		'',
		'',
		'£7,200.00',
		'',
		'',
		'',
		'',
		''
	]);
	// Above the headings, the list's title and a blank row; under the list, a blank row and its total (as councils' lists have).
	const title = [`Northshire County Council – ICT systems inventory (exported 14/11/2026)`];
	const total = ['Total', '', '', '', '', '£1,234,567.00', '', '', '', '', ''];
	const text =
		[title, [], HEADINGS, ...rows, [], total]
			.map((r) => r.map((c) => (/[;"\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';'))
			.join('\r\n') + '\r\n';
	return { bytes: windows1252(text), area, workstream, created, undated, unassigned, bad };
}

describe.skipIf(!browserAvailable)("a council's own file, imported in one pass", () => {
	const { session } = useBrowser();

	test('Windows-1252, semicolons, own words, missing columns and bad rows: one pass on the preview, then the result, the catalogue and the dashboard agree', async () => {
		const { page } = await session();
		const stamp = Date.now().toString(36);
		const file = councilFile(stamp);
		expect(
			file.bytes.includes(0x92) &&
				file.bytes.includes(0x96) &&
				file.bytes.includes(0xa3) &&
				file.bytes.includes(0xe9)
		).toBe(true);
		const list = await new SystemsList(page).visit();
		const before = await dataQualityFigures(list.page);
		const dashboardBefore = await dataQualityFigures((await new Dashboard(page).visit()).page);

		const importer = await new ImportPages(page).visit();
		await importer.upload('Systems inventory (Excel export).csv', file.bytes);
		const main = () => page.locator('main').innerText();
		expect(await main()).toContain('Windows-1252 (Excel on Windows)');
		// The title above the headings is said and left out.
		expect(await page.getByTestId('heading-row').innerText()).toMatch(
			/Read from row 3\. Above it, a title \(not imported\): ‘Northshire County Council – ICT systems inventory \(exported 14\/11\/2026\)’/
		);
		// Headings in the council's own words are all read (Dept and Recommendation included).
		expect(
			await page
				.locator('select[id^=col]')
				.evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value))
		).toEqual([
			'name',
			'supplier',
			'hosting',
			'serviceArea',
			'directorate',
			'annualRunCost',
			'contractEnd',
			'userCount',
			'outcomes',
			'workstreams',
			'description'
		]);
		// Counts by kind, before any answer.
		expect(await page.getByTestId('problem-kinds').innerText()).toMatch(
			/\d+ rows: Hosting: … is not one of/
		);
		// Only the value not known out of the box is asked about: 'Cloud hosted', 'SaaS', 'On-prem', 'In house', 'Retire', 'Keep', ... are known.
		expect(
			(await importer.tableRows('Values not recognised and what each means')).map((r) =>
				r.slice(0, 3)
			)
		).toEqual([['Hosted at Capita', 'Hosting', '7']]);
		expect(
			(
				await importer.tableRows('Names your organisation does not have and what to do with each')
			).map((r) => r.slice(0, 3))
		).toEqual([
			[file.area, 'Service area', '11'],
			[file.workstream, 'Workstream', '8']
		]);

		// The duplicate is named before any answer, though its first row still waits for one.
		expect(await importer.tableRows('Rejected rows with every reason for each')).toContainEqual([
			'40',
			file.bad.duplicate,
			'Name',
			'Row 8 is the same system: each system may appear once'
		]);

		// Every new system the file names needs the missing columns, once each: rows waiting for an answer and
		// the two bad new rows included, the repeated row and the two updates not.
		for (const field of ['Criticality', 'Personal data held']) {
			expect(await main()).toMatch(
				new RegExp(
					`${field} for every new system\\s+${file.created.length + 2} new systems in your file need it, rejected rows included`
				)
			);
		}

		// ONE pass: every answer on the one form, then one press of its button.
		await importer.mapValue('Hosted at Capita', 'Hosted');
		for (const name of [file.area, file.workstream])
			expect(
				await page.getByLabel(name, { exact: true }).locator('option:checked').innerText()
			).toBe('Create it');
		await importer.setForEveryNewSystem('Criticality', 'Not yet assessed');
		await importer.setForEveryNewSystem('Personal data held', 'Not yet assessed');
		await importer.readValues();

		const reviews = file.created.filter(
			(_, i) => OUTCOME_WORDS[i % OUTCOME_WORDS.length] !== ''
		).length;
		expect(await importer.counts()).toMatchObject({
			'New systems': String(file.created.length),
			'Systems updated': '2',
			'Reviews recorded': String(reviews),
			'Rows rejected (not imported)': '4'
		});
		// Each rejected row lists every reason, with its system's name; the total under the list is not a system.
		expect(await importer.tableRows('Rejected rows with every reason for each')).toEqual([
			[
				'38',
				file.bad.amount,
				'Number of users',
				'Number of users must be a whole number, like 250'
			],
			[
				'38',
				file.bad.amount,
				'Annual run cost (£)',
				"Annual run cost: '12.5k' uses a shorthand; enter the full amount in pounds (write 12500)"
			],
			['39', file.bad.date, 'Contract end', "Contract end: '31/02/2027' is not a real date"],
			['40', file.bad.duplicate, 'Name', 'Row 8 is the same system: each system may appear once'],
			['44', 'Total', 'Name', 'This looks like a totals row, not a system: it is left out']
		]);
		// How many rows have each kind of problem, one line a kind.
		const kinds = (await page.getByTestId('problem-kinds').locator('li').allInnerTexts()).map((t) =>
			t.trim()
		);
		expect(kinds).toHaveLength(5);
		for (const kind of [
			/^1 row: Name: This looks like a totals row/,
			/^1 row: Annual run cost \(£\): .*shorthand/,
			/^1 row: Contract end: .*not a real date/,
			/^1 row: Name: .*same system/,
			/^1 row: Number of users: .*whole number/
		]) {
			expect(
				kinds.some((k) => kind.test(k)),
				String(kind)
			).toBe(true);
		}
		// The updated systems by name, each change before and after; blank cells change nothing.
		expect(await importer.updatedSystems()).toEqual([
			{
				name: 'Day Opportunities Attendance',
				match: 'matched by name',
				fields: [['Supplier', 'Northshire ICT (in-house)', 'Northshire Digital Services']]
			},
			{
				name: 'Care Charges Debt Recovery',
				match: 'matched by name',
				fields: [
					['Supplier', 'Greywillow Ltd', 'Greywillow Software Ltd'],
					['Annual run cost', '£6,400.00', '£7,200.00']
				]
			}
		]);
		// Each 'Replace' with no workstream is imported with a note, not refused.
		expect(file.unassigned.length).toBeGreaterThan(0);
		const notes = await importer.tableRows('Rows imported with a note');
		for (const name of file.unassigned)
			expect(notes).toContainEqual([
				expect.any(String),
				name,
				"'Replace with the new main system' recorded as proposed, workstream not set"
			]);
		const fingerprint = (await page.locator('main code').first().innerText()).trim();
		expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
		expect(await layout(page)).toEqual({ sideways: false, brokenFigures: [] });
		await shoot(page, 'messy-preview');

		// The rejected rows, downloaded: exactly the three bad rows and the total, as the file had them, with every reason.
		const rejected = await importer.download('Download the rejected rows as CSV');
		const parsed = Papa.parse<string[]>(rejected.bytes.toString('utf8').replace(/^\uFEFF/, ''), {
			skipEmptyLines: true
		}).data;
		expect(parsed[0]!.slice(0, 3)).toEqual(['Row in your file', 'System', 'Why it was rejected']);
		expect(parsed.slice(1).map((r) => [r[0], r[1]])).toEqual([
			['38', file.bad.amount],
			['39', file.bad.date],
			['40', file.bad.duplicate],
			['44', 'Total']
		]);
		expect(parsed[1]![2]).toMatch(/12\.5k.*\n?.*whole number|whole number.*12\.5k/s);
		expect(parsed[2]![2]).toContain('is not a real date');
		expect(parsed[3]![2]).toContain('Row 8 is the same system');
		expect(parsed[1]![3 + HEADINGS.indexOf('Annual Cost (£)')]).toBe('12.5k');

		await importer.importAll();
		expect(await importer.resultCounts()).toMatchObject({
			Created: String(file.created.length),
			Updated: '2',
			'Rows rejected (not imported)': '4'
		});
		expect(await page.getByTestId('result-summary').innerText()).toContain(fingerprint);
		const done = await importer.tableRows('Systems created and updated');
		expect(done).toEqual(
			expect.arrayContaining([
				...file.created.map((n) => [n, 'Created']),
				['Day Opportunities Attendance', 'Updated'],
				['Care Charges Debt Recovery', 'Updated']
			])
		);
		expect(done).toHaveLength(file.created.length + 2);
		expect(
			await page.getByRole('link', { name: file.created[0], exact: true }).getAttribute('href')
		).toMatch(/^\/systems\/\d+$/);
		expect(await layout(page)).toEqual({ sideways: false, brokenFigures: [] });
		await shoot(page, 'messy-result');

		// The catalogue counts exactly the new systems as not yet assessed, and its link opens them.
		const catalogue = await new SystemsList(page).visit();
		const after = await dataQualityFigures(catalogue.page);
		expect(after.criticality.count).toBe(before.criticality.count + file.created.length);
		expect(after.personalData.count).toBe(before.personalData.count + file.created.length);
		expect(after.targetDate.count).toBe(before.targetDate.count + file.undated.length);
		expect(after.replaceWorkstream.count).toBe(
			before.replaceWorkstream.count + file.unassigned.length
		);
		expect(after.replaceWorkstream.href).toBe('/systems?replaceWorkstream=none');
		await shoot(page, 'messy-systems');
		await page.locator('[data-figure="data-quality-criticality"]').click();
		await page.waitForURL(
			(url) => url.pathname === '/systems' && url.searchParams.get('criticality') === 'not_assessed'
		);
		await catalogue.settled(page.getByTestId('result-count'));
		expect(await catalogue.resultCount()).toMatch(
			new RegExp(`^${after.criticality.count} systems? match`)
		);
		const filtered = await new SystemsList(page).visit(
			`?criticality=not_assessed&q=${encodeURIComponent(stamp)}&size=100`
		);
		expect((await filtered.names()).sort()).toEqual([...file.created].sort());
		const dashboardAfter = await dataQualityFigures((await new Dashboard(page).visit()).page);
		expect(dashboardAfter.targetDate.count).toBe(
			dashboardBefore.targetDate.count + file.undated.length
		);

		// The two updated systems kept what the file left blank.
		const day = await (
			await new SystemsList(page).visit(`?q=${encodeURIComponent('Day Opportunities Attendance')}`)
		).openSystem('Day Opportunities Attendance');
		const dayText = await main();
		expect(dayText).toContain('Northshire Digital Services');
		expect(dayText).toContain(
			'Records attendance and transport at council-run day centres for adults with learning disabilities.'
		);
		expect(await day.detail('Number of users')).toBe('55');
		const care = await (
			await new SystemsList(page).visit(`?q=${encodeURIComponent('Care Charges Debt Recovery')}`)
		).openSystem('Care Charges Debt Recovery');
		const careText = await main();
		expect(careText).toContain('Greywillow Software Ltd');
		expect(careText).toContain('£7,200.00');
		expect(careText).toContain(
			'Manages recovery of unpaid care contributions, including deferred payment agreements.'
		);
		expect(careText).toContain('31 December 2026');
		expect(await care.detail('Number of users')).toBe('12');

		// A 'Replace' with no target date: proposed, 'Target date not set'; with no workstream too, 'Workstream not set'.
		const replaced = file.unassigned[0]!;
		const detail = await (
			await new SystemsList(page).visit(`?q=${encodeURIComponent(replaced)}`)
		).openSystem(replaced);
		expect(await detail.currentOutcomes()).toEqual([
			expect.objectContaining({
				outcome: 'Replace with the new main system',
				status: 'Proposed',
				targetDate: 'Target date not set',
				workstream: 'Workstream not set'
			})
		]);
		// The figure's link lists exactly the imported ones (and any from before).
		const unassignedList = await new SystemsList(page).visit(
			`?replaceWorkstream=none&q=${encodeURIComponent(stamp)}&size=100`
		);
		expect((await unassignedList.names()).sort()).toEqual([...file.unassigned].sort());
	});
});
