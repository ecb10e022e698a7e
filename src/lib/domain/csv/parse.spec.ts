import { describe, expect, it } from 'vitest';
import { parseCsvText } from './parse';
import { readRow, type ImportContext } from './rows';
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
		expect(parsed).toEqual({ ok: true, file: { headings: ['Name', 'Cost'], rows: [{ row: 3, cells: ['A', '1'] }, { row: 5, cells: ['B', '2'] }], ragged: [] } });
	});

	it('reports ragged rows against their row, keeping the rest', () => {
		const parsed = parseCsvText('Name,Cost\nA,1,extra\nB,2\n', ',');
		expect(parsed.ok && parsed.file.ragged).toEqual([{ row: 2, column: '(whole row)', reason: 'The row has 3 cells but the heading row has 2' }]);
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

describe('readRow', () => {
	const headings = ['System name', 'Supplier / Vendor', 'Annual cost (£)', 'Contract end', 'Hosting', 'Criticality', 'Personal data', 'Service area', 'Workstreams'];
	const mapping = guessMapping(headings);

	it('reads values as people type them', () => {
		const result = readRow([' CareFlow ', 'Caseworks Ltd', '£12,500.00', '31/03/2026', 'SaaS', 'High', 'Yes', 'Children and Families', 'Case Management; Integration'], 2, mapping, context);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.row.input).toMatchObject({
			name: 'CareFlow', supplier: 'Caseworks Ltd', annualRunCostPence: 1250000, contractEnd: '2026-03-31', hosting: 'saas', criticality: 'high',
			personalData: 'personal', serviceAreaId: 10, directorateId: 1
		});
		expect(result.row.workstreams).toEqual(['Case Management', 'Integration']);
		expect([...result.row.given]).toContain('annualRunCost');
	});

	it('gives each problem its row, column and reason', () => {
		const result = readRow(['CareFlow', 'X', '12.5k', '31/02/2026', 'Mainframe', 'High', 'Yes', 'Nowhere', ''], 7, mapping, context);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems).toEqual(
			expect.arrayContaining([
				{ row: 7, column: 'Hosting', reason: expect.stringMatching(/'Mainframe' is not one of/) },
				{ row: 7, column: 'Service area', reason: "There is no service area called 'Nowhere'" }
			])
		);
		const money = readRow(['CareFlow', 'X', '12.5k', '31/02/2026', 'SaaS', 'High', 'No', '', ''], 8, mapping, context);
		expect(!money.ok && money.problems).toEqual(
			expect.arrayContaining([
				{ row: 8, column: 'Annual run cost (£)', reason: expect.stringMatching(/shorthand/) },
				{ row: 8, column: 'Contract end', reason: expect.stringMatching(/not a real date/) }
			])
		);
	});
});
