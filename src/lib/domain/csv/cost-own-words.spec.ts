/**
 * The cost import reads a council's file in its own words: capital/revenue, category, confidence and
 * outcome words known out of the box or mapped by the organisation, amounts and financial years as
 * people write them (by the same rules as the systems import's annual run cost), every problem of a
 * row at once, and each name that matches nothing listed once with its rows.
 */
import { describe, expect, it } from 'vitest';
import {
	matchCostHeadings,
	planCostImport,
	planCostRow,
	type CostImportContext,
	type CostImportSystem
} from './cost-lines';
import { readRow, type ImportContext } from './rows';
import { guessMapping } from './mapping';
import { valueKey, type ValueMapping } from './value-mapping';
import { summariseProblems } from './problem-summary';

const careflow: CostImportSystem = {
	id: 1,
	name: 'CareFlow',
	externalRef: 'CF-1',
	directorateId: 10
};
const base: CostImportContext = {
	systemsByRef: new Map([['cf-1', careflow]]),
	systemsByName: new Map([['careflow', [careflow]]]),
	workstreams: new Map([['case management', 7]]),
	fundingSources: new Map(),
	outcomesOf: new Map([[1, ['replace' as const]]]),
	lines: new Map(),
	candidates: []
};
const headings = [
	'Application',
	'FY',
	'Cap/Rev',
	'Cost type',
	'Amount',
	'Status',
	'Outcome',
	'Workstream'
];
const { columns } = matchCostHeadings(headings);

/** A row naming CareFlow, a good licence line unless the fields given say otherwise. */
function cells(
	f: Partial<
		Record<'sys' | 'year' | 'spend' | 'cat' | 'amount' | 'conf' | 'outcome' | 'ws', string>
	> = {}
): string[] {
	const v = {
		sys: 'CareFlow',
		year: '2026/27',
		spend: 'Revenue',
		cat: 'Licence',
		amount: '100',
		conf: 'Estimate',
		outcome: '',
		ws: '',
		...f
	};
	return [v.sys, v.year, v.spend, v.cat, v.amount, v.conf, v.outcome, v.ws];
}
const plan = (c: string[], values?: ValueMapping) =>
	planCostRow(2, c, columns, headings, { ...base, values });

describe('the cost import in the council’s own words', () => {
	it('matches the headings people use', () => {
		expect(matchCostHeadings(headings).problem).toBeNull();
	});

	it.each([
		[
			'CapEx',
			'Implementation',
			'Forecast',
			{ spendType: 'capital', category: 'implementation', confidence: 'estimate' }
		],
		[
			'opex',
			'Licences & subscriptions',
			'PO raised',
			{ spendType: 'revenue', category: 'licence', confidence: 'committed' }
		],
		[
			'Rev',
			'Maintenance & support',
			'Outturn',
			{ spendType: 'revenue', category: 'support_maintenance', confidence: 'actual' }
		],
		[
			'cap.',
			'Data conversion',
			'Indicative',
			{ spendType: 'capital', category: 'data_migration', confidence: 'estimate' }
		]
	])('reads %j, %j and %j without asking', (spend, cat, conf, input) => {
		expect(plan(cells({ spend, cat, conf }))).toMatchObject({
			ok: true,
			change: { kind: 'create', input }
		});
	});

	it('reads a word the organisation mapped, and one mapped to blank as a blank cell', () => {
		const values: ValueMapping = new Map([
			[valueKey('spendType', 'One-off'), 'capital'],
			[valueKey('costCategory', 'Kit'), 'implementation'],
			[valueKey('outcome', 'Park'), '']
		]);
		expect(plan(cells({ spend: 'one off', cat: 'KIT', outcome: 'Park' }), values)).toMatchObject({
			ok: true,
			change: {
				target: { outcome: null },
				input: { spendType: 'capital', category: 'implementation' }
			}
		});
		// Blank where the form needs a value: the form's own message, not 'not understood'.
		const blank = plan(cells({ spend: 'TBC' }), new Map([[valueKey('spendType', 'TBC'), '']]));
		expect(blank).toEqual({
			ok: false,
			problems: [
				expect.objectContaining({ column: 'Cap/Rev', reason: expect.not.stringMatching(/'TBC'/) })
			]
		});
	});

	it('lists each word not understood once, with the rows using it and how it is read', async () => {
		const rows = [
			cells({ spend: 'One-off' }),
			cells({ spend: 'one off', conf: 'Approved' }),
			cells({ spend: 'ONE-OFF' }),
			cells({ cat: 'Kit' })
		].map((c, i) => ({ row: i + 2, cells: c }));
		const values: ValueMapping = new Map([[valueKey('costCategory', 'Kit'), 'implementation']]);
		const result = await planCostImport(rows, columns, headings, { ...base, values });
		expect(result.values).toEqual([
			{ set: 'spendType', key: 'spendType:one off', text: 'One-off', rows: 3, mapped: undefined },
			{
				set: 'confidence',
				key: 'confidence:approved',
				text: 'Approved',
				rows: 1,
				mapped: undefined
			},
			{
				set: 'costCategory',
				key: 'costCategory:kit',
				text: 'Kit',
				rows: 1,
				mapped: 'implementation'
			}
		]);
		expect(result.counts).toMatchObject({ create: 1, rejected: 3 });
	});

	it.each([
		['£1,234.56', 123_456],
		['1234.5', 123_450],
		['1 234 567', 123_456_700],
		['£ 12,500', 1_250_000]
	])('takes the amount %j', (amount, pence) => {
		expect(plan(cells({ amount }))).toMatchObject({
			ok: true,
			change: { input: { amountPence: pence } }
		});
	});

	it.each([
		['(1,234.56)', /cannot be negative/],
		['\u22121,234.56', /cannot be negative/],
		['12.5k', /'12\.5k' uses a shorthand; enter the full amount in pounds \(write 12500\)/],
		['£1.2m', /\(write 1200000\)/],
		['1 234,56', /comma before the pence.*write 1234\.56/],
		['12 34', /spaces may only separate thousands/]
	])('refuses the amount %j, saying why', (amount, reason) => {
		expect(plan(cells({ amount }))).toEqual({
			ok: false,
			problems: [
				expect.objectContaining({ column: 'Amount', reason: expect.stringMatching(reason) })
			]
		});
	});

	it('reads every amount by the same rule as the systems import’s annual run cost', () => {
		const systemHeadings = ['Name', 'Hosting', 'Criticality', 'Personal data', 'Annual run cost'];
		const mapping = guessMapping(systemHeadings);
		const context: ImportContext = {
			directorates: new Map(),
			serviceAreas: new Map(),
			directorateIds: new Set(),
			serviceAreaDirectorate: new Map()
		};
		for (const amount of [
			'£1,234.56',
			'1234.5',
			'(1,234.56)',
			'\u22121,234.56',
			'12.5k',
			'£1.2m',
			'1 234,56',
			'1 234 567',
			'12 34',
			'0'
		]) {
			const system = readRow(['X', 'SaaS', 'High', 'No', amount], 2, mapping, context);
			const cost = plan(cells({ amount }));
			expect(cost.ok, amount).toBe(system.ok);
			if (system.ok && cost.ok)
				expect(cost.change?.kind === 'create' && cost.change.input.amountPence, amount).toBe(
					system.row.input.annualRunCostPence
				);
			// The same reason after each column's own label.
			if (!system.ok && !cost.ok && !/negative/.test(cost.problems[0]!.reason))
				expect(system.problems[0]!.reason.replace(/^Annual run cost: /, ''), amount).toBe(
					cost.problems[0]!.reason.replace(/^Amount: /, '')
				);
		}
	});

	it.each(['2026/27', '2026-27', '2026/2027', 'FY26/27', '26/27', 'fy 2026-27'])(
		'reads the year %j as 2026/27',
		(year) => {
			expect(plan(cells({ year }))).toMatchObject({
				ok: true,
				change: { input: { financialYear: '2026/27' } }
			});
		}
	);

	it.each([
		['2026', /could be 2025\/26 or 2026\/27/],
		['FY26', /could be 2025\/26 or 2026\/27/],
		['26/28', /runs from April to the next March/]
	])('refuses the year %j as ambiguous or wrong', (year, reason) => {
		expect(plan(cells({ year }))).toEqual({
			ok: false,
			problems: [expect.objectContaining({ column: 'FY', reason: expect.stringMatching(reason) })]
		});
	});

	it('lists every problem of a row at once, beside the system’s name, and counts rows by kind of problem', async () => {
		const bad = cells({
			year: 'FY26',
			spend: 'Both',
			cat: 'Biscuits',
			amount: '12.5k',
			conf: 'Maybe'
		});
		const one = plan(bad);
		expect(one.ok).toBe(false);
		if (!one.ok)
			expect(one.problems.map((p) => [p.column, p.name])).toEqual(
				expect.arrayContaining([
					['FY', 'CareFlow'],
					['Cap/Rev', 'CareFlow'],
					['Cost type', 'CareFlow'],
					['Status', 'CareFlow'],
					['Amount', 'CareFlow']
				])
			);
		if (!one.ok) expect(one.problems).toHaveLength(5);
		const result = await planCostImport(
			[
				{ row: 2, cells: bad },
				{ row: 3, cells: cells({ amount: '9.9k' }) }
			],
			columns,
			headings,
			base
		);
		expect(summariseProblems(result.problems)).toContainEqual({
			column: 'Amount',
			reason: expect.stringMatching(/^Amount: … uses a shorthand/),
			rows: 2
		});
	});

	it('matches a system by its name in any case and spacing, and lists each name not found once with its rows', async () => {
		expect(plan(cells({ sys: '  careflow ' }))).toMatchObject({
			ok: true,
			change: { target: { systemId: 1 } }
		});
		const rows = [
			cells({ sys: 'Care Flow' }),
			cells({ sys: 'care  flow ' }),
			cells({ sys: 'Nowhere' }),
			cells({ ws: 'Gardening' })
		].map((c, i) => ({ row: i + 2, cells: c }));
		const result = await planCostImport(rows, columns, headings, base);
		expect(result.missing).toEqual([
			{ kind: 'system', text: 'Care Flow', rows: 2 },
			{ kind: 'system', text: 'Nowhere', rows: 1 },
			{ kind: 'workstream', text: 'Gardening', rows: 1 }
		]);
		expect(result.problems[0]).toMatchObject({
			row: 2,
			column: 'Application',
			reason: expect.stringMatching(/cost lines are added only to systems already in the catalogue/)
		});
		expect(result.counts).toMatchObject({ create: 0, rejected: 4 });
	});
});
