import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	headingRecordIndex,
	parseCsvInSlices,
	parseCsvText,
	readHeadingRow,
	readHeadings,
	rejectedRowsOf
} from './parse';
import {
	readOutcomes,
	readRow,
	TOTALS_ROW_REASON,
	type ImportContext,
	type RowProblem
} from './rows';
import { guessMapping } from './mapping';

const context: ImportContext = {
	directorates: new Map([['children, families and adults', 1]]),
	serviceAreas: new Map([['children and families', 10]]),
	directorateIds: new Set([1]),
	serviceAreaDirectorate: new Map([[10, 1]])
};

describe('parseCsvText', () => {
	it('ignores blank rows and numbers rows as the spreadsheet does', () => {
		const parsed = parseCsvText('Name,Cost\n\nA,1\n , \nB,2\n', ',');
		expect(parsed).toEqual({
			ok: true,
			file: {
				headings: ['Name', 'Cost'],
				headingRow: 1,
				rows: [
					{ row: 3, cells: ['A', '1'] },
					{ row: 5, cells: ['B', '2'] }
				],
				ragged: []
			}
		});
	});

	it('reports ragged rows against their row, keeping the rest', () => {
		const parsed = parseCsvText('Name,Cost\nA,1,extra\nB,2\n', ',');
		expect(parsed.ok && parsed.file.ragged).toEqual([
			{ row: 2, column: '(whole row)', reason: 'The row has 3 cells but the heading row has 2' }
		]);
		expect(parsed.ok && parsed.file.rows.map((r) => r.row)).toEqual([3]);
	});

	it.each([
		['Name,Cost\nA,"unterminated\n', /never closed/],
		['Name,name\nA,B\n', /same heading/],
		['Supplier,Supplier (vendor)\nA,B\n', /same heading/],
		['\n\n', /no heading row/],
		['Name,Cost\n', /no data rows/]
	])('refuses %j', (text, reason) => {
		const parsed = parseCsvText(text, ',');
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.reason).toMatch(reason);
	});
});

describe('the heading row below a title', () => {
	it('leaves out a title of one filled cell above the headings, numbering rows as the file does', () => {
		const parsed = parseCsvText(
			"Children's Services ICT inventory,,\n(as at 14/11/2026),,\n,,\nName,Supplier,Cost\nA,B,1\n",
			','
		);
		expect(parsed).toEqual({
			ok: true,
			file: {
				headings: ['Name', 'Supplier', 'Cost'],
				headingRow: 4,
				rows: [{ row: 5, cells: ['A', 'B', '1'] }],
				ragged: []
			}
		});
	});

	it('says which rows were a title', () => {
		const text = 'Inventory,,\n,,\n Name ,Cost,\nA,1,\n';
		const shape = { newline: '\n' as const, bounds: [0, text.length] };
		expect(readHeadingRow(text, ',', shape)).toEqual({
			headings: ['Name', 'Cost', ''],
			row: 3,
			above: ['Inventory']
		});
	});

	it('keeps the first row of a one-column list as its heading', () => {
		const parsed = parseCsvText('Name\nA\nB\n', ',');
		expect(parsed.ok && parsed.file.headingRow).toBe(1);
		expect(parsed.ok && parsed.file.rows.map((r) => r.cells[0])).toEqual(['A', 'B']);
	});

	it('keeps a heading row of two or more filled cells as it is, whatever follows', () => {
		expect(
			headingRecordIndex([
				['Name', 'Cost'],
				['A', '1']
			])
		).toBe(0);
		expect(headingRecordIndex([[''], ['Title'], ['', ''], ['Name', 'Cost']])).toBe(3);
		expect(headingRecordIndex([[''], [' ']])).toBe(-1);
		// A title of two cells above a heading row of more than twice as many is still a title.
		const title = ['ICT inventory', 'As at 14/11/2026', '', '', '', ''];
		const headings = ['Name', 'Supplier', 'Cost', 'Hosting', 'Owner', 'Notes'];
		expect(headingRecordIndex([title, headings, ['A', 'B', '1', 'SaaS', 'J', '']])).toBe(1);
		// A heading row with some columns unnamed is still the heading row.
		expect(
			headingRecordIndex([
				['Name', 'Cost', '', 'Owner'],
				['A', '1', 'x', 'J']
			])
		).toBe(0);
		// Only the first ten rows with anything in them are looked at.
		const list = Array.from({ length: 12 }, (_, i) => [`row ${i}`, '']);
		expect(headingRecordIndex([...list, ['Name', 'Cost']])).toBe(0);
	});
});

describe('readRow', () => {
	const headings = [
		'System name',
		'Supplier / Vendor',
		'Annual cost (£)',
		'Contract end',
		'Hosting',
		'Criticality',
		'Personal data',
		'Service area',
		'Workstreams'
	];
	const mapping = guessMapping(headings);

	it('reads values as people type them', () => {
		const result = readRow(
			[
				' CareFlow ',
				'Caseworks Ltd',
				'£12,500.00',
				'31/03/2026',
				'SaaS',
				'High',
				'Yes',
				'Children and Families',
				'Case Management; Integration'
			],
			2,
			mapping,
			context
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.row.input).toMatchObject({
			name: 'CareFlow',
			supplier: 'Caseworks Ltd',
			annualRunCostPence: 1250000,
			contractEnd: '2026-03-31',
			hosting: 'saas',
			criticality: 'high',
			personalData: 'personal',
			serviceAreaId: 10,
			directorateId: 1
		});
		expect(result.row.workstreams).toEqual(['Case Management', 'Integration']);
		expect([...result.row.given]).toContain('annualRunCost');
	});

	it.each(['Total', 'TOTALS:', 'Grand total', 'Sub-total', 'subtotal'])(
		'leaves out a totals row named %j, saying why',
		(name) => {
			const result = readRow(
				[name, '', '£514,550.00', '', '', '', '', '', ''],
				14,
				mapping,
				context
			);
			expect(result).toEqual({
				ok: false,
				problems: [{ row: 14, column: 'Name', reason: TOTALS_ROW_REASON, name }],
				identity: { name: '', externalRef: null }
			});
		}
	);

	it('reads a system whose name only begins with Total', () => {
		const cells = ['Totalmobile', 'X', '1', '', 'SaaS', 'High', 'Yes', 'Children and Families', ''];
		expect(readRow(cells, 3, mapping, context).ok).toBe(true);
		expect(readRow(['Total Mobile', ...cells.slice(1)], 3, mapping, context).ok).toBe(true);
	});

	it('gives every problem of a row at once, each with its row, column, reason and the system name', () => {
		const result = readRow(
			['CareFlow', 'X', '12.5k', '31/02/2026', 'Mainframe', 'High', 'Yes', 'Nowhere', ''],
			7,
			mapping,
			context
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems).toEqual([
			{
				row: 7,
				column: 'Hosting',
				reason: expect.stringMatching(/'Mainframe' is not one of/),
				name: 'CareFlow'
			},
			{
				row: 7,
				column: 'Service area',
				reason: "There is no service area called 'Nowhere'",
				name: 'CareFlow'
			},
			{
				row: 7,
				column: 'Annual run cost (£)',
				reason: expect.stringMatching(/shorthand/),
				name: 'CareFlow'
			},
			{
				row: 7,
				column: 'Contract end',
				reason: expect.stringMatching(/not a real date/),
				name: 'CareFlow'
			}
		]);
		const money = readRow(
			['CareFlow', 'X', '12.5k', '31/02/2026', 'SaaS', 'High', 'No', '', ''],
			8,
			mapping,
			context
		);
		expect(!money.ok && money.problems).toEqual(
			expect.arrayContaining([
				{
					row: 8,
					column: 'Annual run cost (£)',
					reason: expect.stringMatching(/shorthand/),
					name: 'CareFlow'
				},
				{
					row: 8,
					column: 'Contract end',
					reason: expect.stringMatching(/not a real date/),
					name: 'CareFlow'
				}
			])
		);
		// The finding of issue 12: £90 trillion a year was accepted; the cap is £1,000,000,000.00.
		const huge = readRow(
			['CareFlow', 'X', '£90,071,992,547,409.91', '', 'SaaS', 'High', 'No', '', ''],
			9,
			mapping,
			context
		);
		expect(!huge.ok && huge.problems).toEqual([
			{
				row: 9,
				column: 'Annual run cost (£)',
				reason: expect.stringMatching(/more than £1,000,000,000.00, the most any amount can be/),
				name: 'CareFlow'
			}
		]);
		expect(
			readRow(
				['CareFlow', 'X', '£1,000,000,000.00', '', 'SaaS', 'High', 'No', '', ''],
				10,
				mapping,
				context
			).ok
		).toBe(true);
	});
});

describe('parseCsvInSlices', () => {
	async function sliced(text: string, size: number) {
		const rows: { row: number; cells: string[] }[] = [];
		const ragged: RowProblem[] = [];
		const result = await parseCsvInSlices(
			text,
			',',
			(slice) => {
				rows.push(...slice.rows);
				ragged.push(...slice.ragged.map((r) => r.problem));
			},
			{ size }
		);
		return result.ok
			? {
					ok: true as const,
					file: { headings: result.headings, headingRow: result.headingRow, rows, ragged }
				}
			: result;
	}

	it.each([
		'Name,Cost\n\nA,1\n , \nB,2\n',
		'Name,Notes\r\nA,"two\r\nlines"\r\nB,"with ""quotes"", and comma"\r\n\r\nC,3\r\n',
		'Name,Cost\nA,1,extra\nB,2\nC\n',
		'Name,Cost\nA,"unterminated\nB,2\n',
		'Name,Notes\nA,5" floppy\nB,"x\ny"\nC,z\n',
		'Name,name\nA,B\n',
		'ICT inventory (as at 14/11/2026),,\n,,\nName,Supplier,Cost\nA,B,1\n\nTotal,,1\n'
	])('reads %j exactly as parsing it whole does, in slices of any size', async (text) => {
		const whole = parseCsvText(text, ',');
		for (const size of [1, 3, 8, 1 << 20]) expect(await sliced(text, size)).toEqual(whole);
	});

	it('matches the whole-file parse for random CSV-shaped text', async () => {
		// Quotes in every position papaparse treats differently: opening, escaped, closing before spaces, stray.
		const cell = fc.oneof(
			fc.constantFrom(
				'',
				'a',
				'b c',
				'"q"',
				'""',
				',',
				'\n',
				'\r\n',
				'\r',
				'"',
				' ',
				'"x" ',
				'"y"z',
				'5" floppy',
				'\t',
				'"a\nb"  '
			),
			fc.string({ maxLength: 4 })
		);
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
				fc.integer({ min: 1, max: 12 }),
				fc.constantFrom('\n', '\r\n', '\r'),
				async (rows, size, newline) => {
					const text = rows.map((r) => r.join(',')).join(newline);
					expect(await sliced(text, size)).toEqual(parseCsvText(text, ','));
				}
			),
			{ numRuns: 1000 }
		);
	});

	it('refuses the same files when it stops at the first data row (the upload check), whatever the file', async () => {
		// Cells and pieces papaparse treats differently (quotes opening, escaped, closing before spaces, stray), blank rows,
		// duplicate and long headings: the scan must have refused anything the rows after the first data row would.
		const cell = fc.oneof(
			fc.constantFrom(
				'',
				'a',
				'A',
				' ',
				'"q"',
				'""',
				'"',
				'"x" ',
				'"y"z',
				'5" floppy',
				'"a\nb"  ',
				',',
				'\n',
				'\r\n',
				'\r'
			),
			fc.string({ maxLength: 4 })
		);
		const outcome = (r: Awaited<ReturnType<typeof parseCsvInSlices>>) =>
			r.ok ? { ok: true, headings: r.headings } : r;
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 0, maxLength: 10 }),
				fc.integer({ min: 1, max: 12 }),
				fc.constantFrom('\n', '\r\n', '\r'),
				async (rows, size, newline) => {
					const text = rows.map((r) => r.join(',')).join(newline);
					const whole = await parseCsvInSlices(text, ',', () => {}, { size });
					const checked = await parseCsvInSlices(text, ',', () => {}, {
						size,
						untilFirstDataRow: true
					});
					expect(outcome(checked)).toEqual(outcome(whole));
				}
			),
			{ numRuns: 5000 }
		);
	});

	it('finds the heading row without reading the rest', () => {
		const shape = { newline: '\n' as const, bounds: [0, 16, 20] };
		expect(readHeadings('\n Name , Cost \nA,1\n', ',', shape)).toEqual(['Name', 'Cost']);
		expect(readHeadings('\n\n', ',', { newline: '\n', bounds: [0, 2] })).toBeNull();
	});
});

describe('reading review outcomes', () => {
	it.each([
		['Replace with the new main system; Development required', ['develop', 'replace']],
		['decommission', ['decommission']],
		['Maintain only', ['maintain']],
		['replace, develop', ['develop', 'replace']],
		['Replace and development', ['develop', 'replace']]
	])('reads %j', (cell, outcomes) => {
		expect(readOutcomes(cell)).toEqual({ ok: true, outcomes });
	});

	it.each([
		['Maintain only; Decommission', /switches it off/],
		['Scrap it', /'Scrap it' is not an outcome/]
	])('refuses %j with a reason', (cell, reason) => {
		const read = readOutcomes(cell);
		expect(read.ok).toBe(false);
		if (!read.ok) expect(read.reason).toMatch(reason);
	});

	it('reads the review columns with the row, and reports their problems against their column', () => {
		const headings = [
			'Name',
			'Outcomes',
			'Target date',
			'Outcome status',
			'Review date',
			'Reviewed by',
			'Reason'
		];
		const mapping = guessMapping(headings);
		expect(mapping).toEqual([
			'name',
			'outcomes',
			'targetDate',
			'outcomeStatus',
			'reviewedOn',
			'reviewer',
			'outcomeReason'
		]);
		const good = readRow(
			[
				'CareFlow',
				'Decommission',
				'31/03/2028',
				'Agreed',
				'2026-11-30',
				'ICT strategy group',
				'Contract ends'
			],
			2,
			mapping,
			context
		);
		expect(good.ok && good.row.review).toEqual({
			outcomes: ['decommission'],
			targetDate: '2028-03-31',
			status: 'agreed',
			reviewedOn: '2026-11-30',
			reviewer: 'ICT strategy group',
			rationale: 'Contract ends',
			replacingWorkstream: null
		});
		const bad = readRow(
			['CareFlow', 'Decommission', '31/02/2028', 'Maybe', '', '', ''],
			3,
			mapping,
			context
		);
		expect(!bad.ok && bad.problems.map((p) => p.column)).toEqual([
			'Target date (decommission or replace)',
			'Outcome status (proposed or agreed)'
		]);
		const blank = readRow(['CareFlow', '', 'not a date', 'Maybe', '', '', ''], 4, mapping, context);
		expect(blank.ok && blank.row.review).toBeNull();
	});

	it('treats a blank choice as not given, so an update keeps the value and a new system must have it', () => {
		const mapping = guessMapping(['Name', 'Hosting', 'Criticality']);
		const read = readRow(['CareFlow', '', 'High'], 2, mapping, context);
		expect(read.ok && [...read.row.given]).toEqual(['name', 'criticality']);
	});
});

describe('rejectedRowsOf', () => {
	it('gives each rejected row its cells as they were in the file and all its reasons', async () => {
		const text = 'Name,Cost\nA,1\nB,"12.5k"\nC,3,extra\n';
		const rows = await rejectedRowsOf(text, ',', [
			{ row: 3, column: 'Cost', reason: 'uses a shorthand', name: 'B' },
			{ row: 4, column: '(whole row)', reason: 'has 3 cells' },
			{ row: 3, column: 'Name', reason: 'is taken', name: 'B' }
		]);
		expect(rows).toEqual([
			{
				row: 3,
				reasons: 'Cost: uses a shorthand; Name: is taken',
				name: 'B',
				cells: ['B', '12.5k']
			},
			{ row: 4, reasons: '(whole row): has 3 cells', name: '', cells: ['C', '3', 'extra'] }
		]);
	});

	it('reads nothing when there is no problem or no text', async () => {
		expect(await rejectedRowsOf('Name\nA\n', ',', [])).toEqual([]);
		expect(await rejectedRowsOf(null, ',', [{ row: 2, column: 'Name', reason: 'x' }])).toEqual([
			{ row: 2, reasons: 'Name: x', name: '', cells: [] }
		]);
	});
});
