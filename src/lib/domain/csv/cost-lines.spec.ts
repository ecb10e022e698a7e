import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { BOM } from './write';
import {
	COST_LINE_CSV_HEADER,
	costLinesCsv,
	matchCostHeadings,
	planCostImport,
	planCostRow,
	type CostImportContext,
	type CostImportSystem,
	type ExistingCostLine
} from './cost-lines';

const careflow: CostImportSystem = {
	id: 1,
	name: 'CareFlow',
	externalRef: 'CF-1',
	directorateId: 10
};
const ledger: CostImportSystem = { id: 2, name: 'Ledger', externalRef: null, directorateId: 11 };
const twinA: CostImportSystem = { id: 3, name: 'Twin', externalRef: 'T-1', directorateId: 10 };
const twinB: CostImportSystem = { id: 4, name: 'Twin', externalRef: 'T-2', directorateId: 10 };
const existing: ExistingCostLine = {
	id: 100,
	version: 3,
	systemId: 1,
	outcome: 'replace',
	workstreamId: 7,
	financialYear: '2026/27',
	spendType: 'capital',
	category: 'implementation',
	amountPence: 1_250_000,
	confidence: 'estimate',
	fundingSourceId: 20,
	description: 'Build'
};
const context: CostImportContext = {
	systemsByRef: new Map([
		['cf-1', careflow],
		['t-1', twinA],
		['t-2', twinB]
	]),
	systemsByName: new Map([
		['careflow', [careflow]],
		['ledger', [ledger]],
		['twin', [twinA, twinB]]
	]),
	workstreams: new Map([['case management', 7]]),
	fundingSources: new Map([
		[
			'pooled capital 2026/27',
			{ id: 20, name: 'Pooled capital 2026/27', spendType: 'capital' as const }
		],
		['revenue budget', { id: 21, name: 'Revenue budget', spendType: 'revenue' as const }]
	]),
	outcomesOf: new Map([[1, ['replace' as const]]]),
	lines: new Map([[100, existing]]),
	candidates: [existing]
};

const headings = [...COST_LINE_CSV_HEADER];
const { columns } = matchCostHeadings(headings);
/** A row in the export's column order, with the fields given overriding a good new licence line for CareFlow. */
function row(
	fields: Partial<
		Record<
			| 'ref'
			| 'sysRef'
			| 'sys'
			| 'ws'
			| 'outcome'
			| 'year'
			| 'spend'
			| 'cat'
			| 'amount'
			| 'conf'
			| 'fund'
			| 'desc',
			string
		>
	>
): string[] {
	const f = {
		ref: '',
		sysRef: 'CF-1',
		sys: 'CareFlow',
		ws: '',
		outcome: '',
		year: '2026/27',
		spend: 'Revenue',
		cat: 'Licence',
		amount: '1200.00',
		conf: 'Committed',
		fund: '',
		desc: 'Licence',
		...fields
	};
	return [
		f.ref,
		f.sysRef,
		f.sys,
		f.ws,
		f.outcome,
		f.year,
		f.spend,
		f.cat,
		f.amount,
		f.conf,
		f.fund,
		f.desc
	];
}
const plan = (cells: string[]) => planCostRow(2, cells, columns, headings, context);

describe('matchCostHeadings', () => {
	it.each([
		['the export’s own headings', COST_LINE_CSV_HEADER, [], null],
		[
			'variants in another order',
			['FY', 'Cost category', 'Spend type', 'Amount', 'Status', 'System', 'Funded by', 'Notes'],
			[],
			null
		],
		[
			'an unknown column, ignored',
			[
				'System name',
				'Financial year',
				'Capital or revenue',
				'Category',
				'Amount (£)',
				'Confidence',
				'Cost centre'
			],
			['Cost centre'],
			null
		],
		[
			'no amount column',
			['System name', 'Financial year', 'Capital or revenue', 'Category', 'Confidence'],
			[],
			/no 'Amount \(£\)' column/
		],
		[
			'nothing to match a line to',
			['Financial year', 'Capital or revenue', 'Category', 'Amount', 'Confidence'],
			[],
			/no 'System external reference', 'System name' or 'Workstream' column/
		],
		[
			'two amount columns',
			[
				'System',
				'Financial year',
				'Capital or revenue',
				'Category',
				'Amount',
				'Cost',
				'Confidence'
			],
			[],
			/Two columns give the amount/
		]
	] as const)('%s', (_what, given, ignored, problem) => {
		const matched = matchCostHeadings(given);
		expect(matched.ignored).toEqual(ignored);
		if (problem) expect(matched.problem).toMatch(problem);
		else expect(matched.problem).toBeNull();
	});
});

describe('planCostRow: good rows', () => {
	it.each([
		[
			'a new system line, matched by reference',
			row({}),
			{
				kind: 'create',
				target: { systemId: 1, directorateId: 10, outcome: null, workstreamId: null },
				input: {
					amountPence: 120_000,
					spendType: 'revenue',
					category: 'licence',
					confidence: 'committed',
					fundingSourceId: null
				}
			}
		],
		[
			'matched by exact name (any case) when no reference',
			row({ sysRef: '', sys: 'ledger' }),
			{ kind: 'create', target: { systemId: 2, directorateId: 11 } }
		],
		[
			'a workstream’s own line',
			row({ sysRef: '', sys: '', ws: 'Case Management', spend: 'capital', cat: 'Implementation' }),
			{
				kind: 'create',
				target: { systemId: null, directorateId: null, outcome: null, workstreamId: 7 }
			}
		],
		[
			'words as people type them',
			row({
				year: 'FY 2026-27',
				spend: 'opex',
				cat: 'support & maintenance',
				amount: '£1,200',
				conf: 'estimated'
			}),
			{
				kind: 'create',
				input: {
					financialYear: '2026/27',
					spendType: 'revenue',
					category: 'support_maintenance',
					amountPence: 120_000,
					confidence: 'estimate'
				}
			}
		],
		[
			'a current outcome and capital funding for capital',
			row({
				outcome: 'Replace with the new main system',
				spend: 'Capital',
				cat: 'Implementation',
				fund: 'pooled capital 2026/27'
			}),
			{ kind: 'create', target: { outcome: 'replace' }, input: { fundingSourceId: 20 } }
		],
		[
			'revenue funding for capital (a revenue contribution)',
			row({ spend: 'Capital', cat: 'Development', fund: 'Revenue budget' }),
			{ kind: 'create', input: { fundingSourceId: 21 } }
		],
		['a nil line', row({ amount: '0' }), { kind: 'create', input: { amountPence: 0 } }],
		[
			'a neutralised description, restored',
			row({ desc: "'=SUM(A1)" }),
			{ kind: 'create', input: { description: '=SUM(A1)' } }
		],
		[
			'an existing line changed',
			row({
				ref: '100',
				outcome: 'Replace with the new main system',
				ws: 'Case Management',
				spend: 'Capital',
				cat: 'Implementation',
				amount: '13000',
				conf: 'Estimate',
				fund: 'Pooled capital 2026/27',
				desc: 'Build'
			}),
			{ kind: 'update', id: 100, version: 3, input: { amountPence: 1_300_000 } }
		]
	])('%s', (_what, cells, expected) => {
		const result = plan(cells);
		expect(result).toMatchObject({ ok: true, change: expected });
	});

	it('plans nothing for a line already exactly so', () => {
		const same = row({
			ref: '100',
			outcome: 'Replace with the new main system',
			ws: 'Case Management',
			spend: 'Capital',
			cat: 'Implementation',
			amount: '12500.00',
			conf: 'Estimate',
			fund: 'Pooled capital 2026/27',
			desc: 'Build'
		});
		expect(plan(same)).toEqual({ ok: true, change: null });
	});
});

describe('planCostRow: rejections, each with its column and reason', () => {
	it.each([
		[
			'an unknown line reference',
			row({ ref: '999' }),
			'Line reference',
			/No current cost line has the reference '999'/
		],
		[
			'an unknown system reference',
			row({ sysRef: 'NOPE' }),
			'System external reference',
			/No system has the external reference 'NOPE'/
		],
		[
			'an unknown system name',
			row({ sysRef: '', sys: 'Nothing' }),
			'System name',
			/No system is named 'Nothing'/
		],
		[
			'an ambiguous system name',
			row({ sysRef: '', sys: 'Twin' }),
			'System name',
			/2 systems are named 'Twin'/
		],
		[
			'no system and no workstream',
			row({ sysRef: '', sys: '' }),
			'System name',
			/Give the system or the workstream/
		],
		[
			'an unknown workstream',
			row({ ws: 'Gardening' }),
			'Workstream',
			/No workstream is named 'Gardening'/
		],
		[
			'an outcome the system does not have',
			row({ outcome: 'Decommission' }),
			'Outcome',
			/CareFlow has no current 'Decommission' outcome/
		],
		[
			'an outcome that is not one',
			row({ outcome: 'Review later' }),
			'Outcome',
			/'Review later' is not an outcome/
		],
		[
			'an outcome on a workstream line',
			row({
				sysRef: '',
				sys: '',
				ws: 'Case Management',
				outcome: 'Replace with the new main system'
			}),
			'Outcome',
			/Only a system’s cost/
		],
		['a bare year', row({ year: '2026' }), 'Financial year', /could be 2025\/26 or 2026\/27/],
		['a year that is not one', row({ year: '2026/28' }), 'Financial year', /not a financial year/],
		['shorthand money', row({ amount: '12.5k' }), 'Amount (£)', /shorthand/],
		[
			'a penny over the cap',
			row({ amount: '1,000,000,000.01' }),
			'Amount (£)',
			/more than £1,000,000,000.00, the most any amount can be/
		],
		[
			'£90 trillion',
			row({ amount: '90071992547409.91' }),
			'Amount (£)',
			/more than £1,000,000,000.00/
		],
		['a negative amount', row({ amount: '-5' }), 'Amount (£)', /cannot be negative/],
		['a blank amount', row({ amount: '' }), 'Amount (£)', /Enter the amount/],
		[
			'an unknown spend type',
			row({ spend: 'Both' }),
			'Capital or revenue',
			/'Both' is not 'Capital' or 'Revenue'/
		],
		['an unknown category', row({ cat: 'Biscuits' }), 'Category', /'Biscuits' is not a category/],
		[
			'training as capital',
			row({ spend: 'Capital', cat: 'Training' }),
			'Capital or revenue',
			/Training is revenue spending/
		],
		['an unknown confidence', row({ conf: 'Maybe' }), 'Confidence', /'Maybe' is not 'Estimate'/],
		[
			'an unknown funding source',
			row({ fund: 'Lottery' }),
			'Funding source',
			/No funding source is named 'Lottery'/
		],
		[
			'capital funding for a revenue line',
			row({ fund: 'Pooled capital 2026/27' }),
			'Funding source',
			/is capital funding; it cannot pay for revenue costs/
		],
		[
			'a description too long',
			row({ desc: 'x'.repeat(1001) }),
			'Description',
			/1,000 characters or fewer/
		]
	])('%s', (_what, cells, column, reason) => {
		const result = plan(cells);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems).toContainEqual(
			expect.objectContaining({ row: 2, column, reason: expect.stringMatching(reason) })
		);
	});

	it('lists every problem of a row at once, each with the system it is for', () => {
		const result = plan(
			row({
				sys: 'CareFlow',
				year: '2026',
				amount: '12.5k',
				cat: 'Biscuits',
				conf: 'Maybe',
				desc: 'bad\u0007bell'
			})
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems.map((p) => [p.column, p.name])).toEqual(
			expect.arrayContaining([
				['Description', 'CareFlow'],
				['Financial year', 'CareFlow'],
				['Amount (£)', 'CareFlow'],
				['Category', 'CareFlow'],
				['Confidence', 'CareFlow']
			])
		);
		expect(result.problems).toHaveLength(5);
	});

	it('names the column as the file heads it', () => {
		const own = ['Application', 'FY', 'Spend type', 'Cost category', 'Cost', 'Status'];
		const result = planCostRow(
			5,
			['CareFlow', '2026', 'Revenue', 'Licence', '10', 'Actual'],
			matchCostHeadings(own).columns,
			own,
			context
		);
		expect(result).toEqual({
			ok: false,
			problems: [
				{ row: 5, column: 'FY', reason: expect.stringMatching(/could be/), name: 'CareFlow' }
			]
		});
	});
});

describe('planCostImport', () => {
	it('counts each kind, keeps going past a rejected row, and refuses a line reference given twice', async () => {
		const rows = [
			{ row: 2, cells: row({}) },
			{ row: 3, cells: row({ amount: 'lots' }) },
			{
				row: 4,
				cells: row({
					ref: '100',
					outcome: 'Replace with the new main system',
					ws: 'Case Management',
					spend: 'Capital',
					cat: 'Implementation',
					amount: '12500',
					conf: 'Estimate',
					fund: 'Pooled capital 2026/27',
					desc: 'Build'
				})
			},
			{ row: 5, cells: row({ ref: '100' }) }
		];
		const result = await planCostImport(rows, columns, headings, context, [
			{ row: 6, column: '(whole row)', reason: 'ragged' }
		]);
		expect(result.counts).toEqual({ create: 1, update: 0, unchanged: 1, rejected: 3 });
		expect(result.problems.map((p) => [p.row, p.column])).toEqual([
			[3, 'Amount (£)'],
			[5, 'Line reference'],
			[6, '(whole row)']
		]);
		expect(result.problems[1]!.reason).toMatch(/already on row 4/);
	});

	it('takes a row without a reference that is exactly a current line to be that line, once each', async () => {
		const same = row({
			outcome: 'Replace with the new main system',
			ws: 'Case Management',
			spend: 'Capital',
			cat: 'Implementation',
			amount: '12,500',
			conf: 'Estimate',
			fund: 'Pooled capital 2026/27',
			desc: 'Build'
		});
		expect(
			(await planCostImport([{ row: 2, cells: same }], columns, headings, context)).counts
		).toEqual({ create: 0, update: 0, unchanged: 1, rejected: 0 });
		expect(
			(
				await planCostImport(
					[
						{ row: 2, cells: same },
						{ row: 3, cells: same }
					],
					columns,
					headings,
					context
				)
			).counts
		).toEqual({ create: 1, update: 0, unchanged: 1, rejected: 0 });
		// Not when the file refers to that line by reference elsewhere: the row is then a new line.
		const referenced = row({
			ref: '100',
			outcome: 'Replace with the new main system',
			ws: 'Case Management',
			spend: 'Capital',
			cat: 'Implementation',
			amount: '1',
			conf: 'Estimate',
			fund: 'Pooled capital 2026/27',
			desc: 'Build'
		});
		expect(
			(
				await planCostImport(
					[
						{ row: 2, cells: same },
						{ row: 3, cells: referenced }
					],
					columns,
					headings,
					context
				)
			).counts
		).toEqual({ create: 1, update: 1, unchanged: 0, rejected: 0 });
	});
});

describe('costLinesCsv', () => {
	it('writes words, pounds with pence, and neutralises formulas; the file plans back unchanged', () => {
		const text = costLinesCsv([
			{
				id: 100,
				systemExternalRef: 'CF-1',
				systemName: 'CareFlow',
				workstreamName: 'Case Management',
				outcome: 'replace',
				financialYear: '2026/27',
				spendType: 'capital',
				category: 'implementation',
				amountPence: 1_250_000,
				confidence: 'estimate',
				fundingSourceName: 'Pooled capital 2026/27',
				description: 'Build'
			},
			{
				id: 101,
				systemExternalRef: null,
				systemName: null,
				workstreamName: 'Case Management',
				outcome: null,
				financialYear: '2027/28',
				spendType: 'revenue',
				category: 'staff_backfill',
				amountPence: 5,
				confidence: 'actual',
				fundingSourceName: null,
				description: '=cmd'
			}
		]);
		expect(text.startsWith(BOM)).toBe(true);
		const [header, first, second] = Papa.parse<string[]>(text.slice(1), {
			skipEmptyLines: true
		}).data;
		expect(header).toEqual(COST_LINE_CSV_HEADER);
		expect(first).toEqual([
			'100',
			'CF-1',
			'CareFlow',
			'Case Management',
			'Replace with the new main system',
			'2026/27',
			'Capital',
			'Implementation',
			'12500.00',
			'Estimate',
			'Pooled capital 2026/27',
			'Build'
		]);
		expect(second).toEqual([
			'101',
			'',
			'',
			'Case Management',
			'',
			'2027/28',
			'Revenue',
			'Staff and backfill',
			'0.05',
			'Actual',
			'',
			"'=cmd"
		]);
		expect(planCostRow(2, first!, columns, headings, context)).toEqual({ ok: true, change: null });
	});
});
