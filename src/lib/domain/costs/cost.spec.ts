import { describe, expect, it } from 'vitest';
import {
	COST_CATEGORIES,
	COST_CATEGORY_LABEL,
	EMPTY_COST_LINE_FORM,
	costLineToFormValues,
	parseCostLineForm,
	parseFundingAllocationForm,
	parseFundingSourceForm,
	readCostLineForm,
	readFundingAllocationForm,
	type CostLineFormValues,
	type FundingSourceFormValues
} from '.';

const context = { fundingSourceIds: new Set([3, 4]) };
const valid: CostLineFormValues = {
	financialYear: 'FY2026-27',
	spendType: 'capital',
	category: 'implementation',
	amount: '£12,500.50',
	confidence: 'committed',
	fundingSourceId: '3',
	description: 'Supplier implementation days'
};

describe('cost vocabulary', () => {
	it('labels every category in plain words', () => {
		expect(COST_CATEGORIES).toHaveLength(10);
		expect(COST_CATEGORY_LABEL.support_maintenance).toBe('Support and maintenance');
		expect(COST_CATEGORY_LABEL.staff_backfill).toBe('Staff and backfill');
		expect(COST_CATEGORY_LABEL.data_migration).toBe('Data migration');
	});
});

describe('parseCostLineForm', () => {
	it('turns typed text into a line: canonical year, pence, funding source id', () => {
		expect(parseCostLineForm(valid, context)).toEqual({
			ok: true,
			value: {
				financialYear: '2026/27',
				spendType: 'capital',
				category: 'implementation',
				amountPence: 1250050,
				confidence: 'committed',
				fundingSourceId: 3,
				description: 'Supplier implementation days'
			}
		});
	});

	it('accepts a nil line and no funding source', () => {
		const result = parseCostLineForm({ ...valid, amount: '0', fundingSourceId: '' }, context);
		expect(result.ok && result.value).toMatchObject({ amountPence: 0, fundingSourceId: null });
	});

	it.each<[string, Partial<CostLineFormValues>, string, RegExp]>([
		[
			'no year',
			{ financialYear: '' },
			'financialYear',
			/^Enter the financial year, like 2026\/27$/
		],
		[
			'a bare calendar year',
			{ financialYear: '2026' },
			'financialYear',
			/could be 2025\/26 or 2026\/27/
		],
		[
			'years that do not follow',
			{ financialYear: '2026/28' },
			'financialYear',
			/April to the next March/
		],
		['no spend type', { spendType: '' }, 'spendType', /capital or revenue/],
		[
			'capitalised training',
			{ category: 'training' },
			'spendType',
			/Training is revenue spending; it cannot be capitalised/
		],
		[
			'capitalised maintenance',
			{ category: 'support_maintenance' },
			'spendType',
			/cannot be capitalised/
		],
		['an unknown category', { category: 'beer' }, 'category', /type of cost/],
		['no confidence', { confidence: 'maybe' }, 'confidence', /estimate, committed or actual/],
		['no amount', { amount: '' }, 'amount', /^Enter the amount$/],
		['a shorthand amount', { amount: '12.5k' }, 'amount', /'12.5k' uses a shorthand/],
		[
			'a negative amount',
			{ amount: '-500' },
			'amount',
			/cannot be negative; record a credit or refund as a saving/
		],
		['a bracketed credit', { amount: '(500)' }, 'amount', /cannot be negative/],
		['an absurd amount', { amount: '1000000000.01' }, 'amount', /more than £1,000,000,000.00/],
		['three decimal places', { amount: '10.505' }, 'amount', /more than two decimal places/],
		[
			'another organisation’s funding source',
			{ fundingSourceId: '99' },
			'fundingSourceId',
			/from the list/
		],
		[
			'a non-numeric funding source',
			{ fundingSourceId: 'abc' },
			'fundingSourceId',
			/from the list/
		],
		[
			'an over-long description',
			{ description: 'x'.repeat(1001) },
			'description',
			/1,000 characters/
		]
	])('refuses %s against its field, keeping what was typed', (_n, change, field, message) => {
		const values = { ...valid, ...change };
		const result = parseCostLineForm(values, context);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors[field]).toMatch(message);
		expect(result.values).toEqual(values);
	});

	it('accepts exactly £100,000,000 and training as revenue', () => {
		expect(parseCostLineForm({ ...valid, amount: '100000000' }, context).ok).toBe(true);
		expect(
			parseCostLineForm({ ...valid, category: 'training', spendType: 'revenue' }, context).ok
		).toBe(true);
	});

	it('reports every problem at once', () => {
		const result = parseCostLineForm(EMPTY_COST_LINE_FORM, context);
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(Object.keys(result.errors).sort()).toEqual([
				'amount',
				'category',
				'confidence',
				'financialYear',
				'spendType'
			]);
	});

	it('round-trips a stored line through the form', () => {
		const parsed = parseCostLineForm(valid, context);
		if (!parsed.ok) throw new Error('fixture should parse');
		const text = costLineToFormValues(parsed.value);
		expect(text).toMatchObject({
			financialYear: '2026/27',
			amount: '12500.50',
			fundingSourceId: '3'
		});
		expect(parseCostLineForm(text, context)).toEqual(parsed);
	});

	it('reads and trims the posted form', () => {
		const form = new FormData();
		form.set('amount', '  1,000 ');
		form.set('financialYear', '2026/27');
		expect(readCostLineForm(form)).toEqual({
			...EMPTY_COST_LINE_FORM,
			amount: '1,000',
			financialYear: '2026/27'
		});
	});
});

describe('parseFundingAllocationForm', () => {
	it('reads rows in year order, skipping spare blank rows', () => {
		const result = parseFundingAllocationForm([
			{ financialYear: '2027/28', amount: '250,000' },
			{ financialYear: '', amount: '' },
			{ financialYear: '2026-27', amount: '£1,000,000.00' }
		]);
		expect(result).toEqual({
			ok: true,
			value: [
				{ financialYear: '2026/27', amountPence: 100000000 },
				{ financialYear: '2027/28', amountPence: 25000000 }
			]
		});
	});

	it.each<[string, { financialYear: string; amount: string }[], Record<string, RegExp>]>([
		[
			'a year written twice',
			[
				{ financialYear: '2026/27', amount: '1' },
				{ financialYear: 'FY2026/2027', amount: '2' }
			],
			{ 'allocations.1.financialYear': /2026\/27 is already listed/ }
		],
		[
			'an amount with no year',
			[{ financialYear: '', amount: '5' }],
			{ 'allocations.0.financialYear': /Enter the financial year for this amount/ }
		],
		[
			'a year with no amount',
			[{ financialYear: '2026/27', amount: '' }],
			{ 'allocations.0.amount': /Enter the amount/ }
		],
		[
			'a negative amount',
			[{ financialYear: '2026/27', amount: '-5' }],
			{ 'allocations.0.amount': /cannot be negative/ }
		],
		[
			'a bad year',
			[{ financialYear: '2026/28', amount: '5' }],
			{ 'allocations.0.financialYear': /April to the next March/ }
		]
	])('refuses %s against its row', (_n, rows, expected) => {
		const result = parseFundingAllocationForm(rows);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.values).toEqual(rows);
		for (const [field, message] of Object.entries(expected))
			expect(result.errors[field]).toMatch(message);
	});

	it('pairs the repeated inputs by position', () => {
		const form = new FormData();
		form.append('financialYear', '2026/27');
		form.append('amount', '10');
		form.append('financialYear', ' 2027/28 ');
		expect(readFundingAllocationForm(form)).toEqual([
			{ financialYear: '2026/27', amount: '10' },
			{ financialYear: '2027/28', amount: '' }
		]);
	});
});

describe('parseFundingSourceForm', () => {
	const source: FundingSourceFormValues = {
		name: 'Pooled capital 2026/27',
		kind: 'pooled_capital',
		spendType: '',
		allocations: [{ financialYear: '2026/27', amount: '500000' }]
	};

	it('takes the spend type from the kind when it has one', () => {
		const result = parseFundingSourceForm(source);
		expect(result).toEqual({
			ok: true,
			value: {
				name: 'Pooled capital 2026/27',
				kind: 'pooled_capital',
				spendType: 'capital',
				allocations: [{ financialYear: '2026/27', amountPence: 50000000 }]
			}
		});
	});

	it('lets a revenue budget fund capital (a revenue contribution to capital)', () => {
		const result = parseFundingSourceForm({
			...source,
			kind: 'revenue_budget',
			spendType: 'capital'
		});
		expect(result.ok && result.value.spendType).toBe('capital');
	});

	it.each<[string, Partial<FundingSourceFormValues>, string, RegExp]>([
		[
			'capital funding revenue',
			{ spendType: 'revenue' },
			'spendType',
			/Pooled capital cannot pay for revenue costs/
		],
		['a grant with no spend type', { kind: 'grant' }, 'spendType', /capital or revenue/],
		['no name', { name: '' }, 'name', /Enter the name/],
		['an unknown kind', { kind: 'lottery' }, 'kind', /kind of funding/],
		[
			'a bad allocation',
			{ allocations: [{ financialYear: '2026', amount: '1' }] },
			'allocations.0.financialYear',
			/could be/
		]
	])('refuses %s', (_n, change, field, message) => {
		const values = { ...source, ...change };
		const result = parseFundingSourceForm(values);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.errors[field]).toMatch(message);
			expect(result.values).toEqual(values);
		}
	});
});
