import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	costLayout,
	readWholeCostParams,
	wholeCostParamsOf,
	yearOfHeading,
	type WholeCostValues
} from './cost-layout';
import {
	matchCostHeadings,
	planCostImport,
	type CostImportContext,
	type CostImportSystem
} from './cost-lines';

const careflow: CostImportSystem = {
	id: 1,
	name: 'CareFlow',
	externalRef: null,
	directorateId: 10
};
const ledger: CostImportSystem = { id: 2, name: 'Ledger', externalRef: null, directorateId: 10 };
const context: CostImportContext = {
	systemsByRef: new Map(),
	systemsByName: new Map([
		['careflow', [careflow]],
		['ledger', [ledger]]
	]),
	workstreams: new Map(),
	fundingSources: new Map(),
	outcomesOf: new Map(),
	lines: new Map(),
	candidates: [],
	values: new Map()
};

/** Plans rows of `headings` as the cost import does: matched, laid out, planned. */
async function plan(headings: string[], cells: string[][], whole: WholeCostValues = {}) {
	const matched = matchCostHeadings(headings);
	expect(matched.problem).toBeNull();
	const rows = cells.map((c, i) => ({ row: i + 2, cells: c }));
	const layout = costLayout(rows, matched.columns, headings, matched.years, matched.absent, whole);
	return {
		matched,
		plan: await planCostImport(layout.rows, layout.columns, layout.headings, context)
	};
}

describe('yearOfHeading', () => {
	it.each([
		['2026/27', '2026/27'],
		['2026-27', '2026/27'],
		['FY 2027/28', '2027/28'],
		['Budget 2026/27 (£)', '2026/27'],
		['2028/29 forecast', '2028/29'],
		['£ 2026/2027', '2026/27'],
		['2026/27 (£000)', 'thousands'],
		["2026/27 £'000", 'thousands'],
		['2026/27 £k', 'thousands'],
		['2026', null],
		['Cost centre', null],
		['Notes 2026/27 review', null]
	])('%j -> %j', (heading, year) => expect(yearOfHeading(heading)).toBe(year));
});

describe('a file of amounts by year across', () => {
	const H = [
		'System',
		'Capital or revenue',
		'Category',
		'Confidence',
		'2026/27',
		'2027/28 (£)',
		'FY 2028/29'
	];

	it('makes a line of each filled year cell, its amount under its own year', async () => {
		const { matched, plan: p } = await plan(H, [
			['CareFlow', 'Revenue', 'Licences', 'Committed', '£12,500.00', '13,000', ''],
			['Ledger', 'Capital', 'Implementation', 'Estimate', '', '', '4000']
		]);
		expect(matched.years.map((y) => [y.heading, y.year])).toEqual([
			['2026/27', '2026/27'],
			['2027/28 (£)', '2027/28'],
			['FY 2028/29', '2028/29']
		]);
		expect(matched.ignored).toEqual([]);
		expect(p.counts).toEqual({ create: 3, update: 0, unchanged: 0, rejected: 0 });
		expect(
			p.changes.map((c) => [c.row, c.target.systemId, c.input.financialYear, c.input.amountPence])
		).toEqual([
			[2, 1, '2026/27', 1_250_000],
			[2, 1, '2027/28', 1_300_000],
			[3, 2, '2028/29', 400_000]
		]);
	});

	it('leaves a row out whole when one of its years is wrong, naming that year’s column', async () => {
		const { plan: p } = await plan(H, [
			['CareFlow', 'Revenue', 'Licences', 'Committed', '12500', '12.5k', ''],
			['Ledger', 'Capital', 'Implementation', 'Estimate', '', '', '']
		]);
		expect(p.counts).toEqual({ create: 0, update: 0, unchanged: 0, rejected: 2 });
		expect(p.changes).toEqual([]);
		expect(p.problems.map((q) => [q.row, q.column])).toEqual([
			[2, '2027/28 (£)'],
			[3, 'Amount (£)']
		]);
	});

	it('says a problem every year of a row shares once, and leaves the total under the list out as such', async () => {
		const { plan: p } = await plan(H, [
			['Nowhere', 'Revenue', 'Licences', 'Committed', '1', '2', '3'],
			['Total', '', '', '', '1', '2', '3']
		]);
		expect(p.problems.map((q) => [q.row, q.column, q.reason])).toEqual([
			[2, 'System', expect.stringContaining("No system is named 'Nowhere'")],
			[3, 'System', 'This looks like a totals row, not a cost line: it is left out']
		]);
		expect(p.counts.rejected).toBe(2);
	});

	it('refuses a file that mixes layouts, repeats a year, updates by reference or counts in thousands', () => {
		expect(matchCostHeadings([...H, 'Amount']).problem).toMatch(
			/gives amounts both in 'Amount' and by year/
		);
		expect(matchCostHeadings([...H, 'Financial year']).problem).toMatch(/keep one layout/);
		expect(matchCostHeadings([...H, '2026-27']).problem).toMatch(
			/Two columns give 2026\/27: '2026\/27' and '2026-27'/
		);
		expect(matchCostHeadings(['Line reference', ...H]).problem).toMatch(
			/cannot have a 'Line reference' column/
		);
		expect(matchCostHeadings(['System', '2026/27 (£000)', '2027/28 (£000)']).problem).toMatch(
			/'2026\/27 \(£000\)', '2027\/28 \(£000\)' give amounts in thousands/
		);
	});
});

describe('columns the file lacks', () => {
	const H = ['System', 'Financial year', 'Amount'];

	it('are listed, not refused, and refuse each row until a value is chosen for every line', async () => {
		const first = await plan(H, [['CareFlow', '2026/27', '100']]);
		expect(first.matched.absent).toEqual(['spendType', 'category', 'confidence']);
		expect(first.plan.counts.rejected).toBe(1);
		expect(first.plan.problems.map((q) => q.column).sort()).toEqual([
			'Capital or revenue',
			'Category',
			'Confidence'
		]);
		const chosen = await plan(H, [['CareFlow', '2026/27', '100']], {
			spendType: 'revenue',
			category: 'licence',
			confidence: 'estimate'
		});
		expect(chosen.plan.problems).toEqual([]);
		expect(chosen.plan.changes[0]!.input).toMatchObject({
			spendType: 'revenue',
			category: 'licence',
			confidence: 'estimate',
			amountPence: 10_000
		});
	});

	it('travel as parameters and back, anything not in a field’s list ignored', () => {
		fc.assert(
			fc.property(
				fc.record({
					spendType: fc.constantFrom('capital', 'revenue', 'both', ''),
					category: fc.constantFrom('licence', 'implementation', 'nonsense'),
					confidence: fc.constantFrom('estimate', 'actual', '')
				}),
				(given) => {
					const read = readWholeCostParams(
						new URLSearchParams(Object.entries(given).map(([k, v]) => [`all-${k}`, v]))
					);
					for (const [k, v] of Object.entries(read)) expect(given[k as keyof typeof given]).toBe(v);
					expect(readWholeCostParams(new URLSearchParams(wholeCostParamsOf(read)))).toEqual(read);
					expect(read.spendType === undefined).toBe(
						!['capital', 'revenue'].includes(given.spendType)
					);
				}
			)
		);
	});
});
