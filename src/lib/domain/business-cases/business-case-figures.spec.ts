import { describe, expect, it } from 'vitest';
import { GREEN_BOOK_2022 } from './appraisal';
import {
	appraiseOptions,
	financialCase,
	optionFlowsByYear,
	riskMatrix,
	scoreRisks
} from './business-case-figures';
import { buildSnapshot, costTableOf } from './business-case-snapshot';
import { newCaseContent, saveOption, type CaseOption } from '.';

const period = { firstYear: '2026/27', years: 3 };
const option: CaseOption = {
	id: 'option-1',
	title: 'Buy',
	description: '',
	mitigatedBp: 4_000,
	costs: [
		{
			financialYear: '2026/27',
			spendType: 'capital',
			amountPence: 100_000,
			description: '',
			source: 'entered'
		},
		{
			financialYear: '2027/28',
			spendType: 'revenue',
			amountPence: 10_000,
			description: '',
			source: 'entered'
		},
		{
			financialYear: '2028/29',
			spendType: 'revenue',
			amountPence: 10_000,
			description: '',
			source: 'entered'
		},
		{
			financialYear: '2035/36',
			spendType: 'revenue',
			amountPence: 7,
			description: 'after the period',
			source: 'entered'
		}
	],
	benefits: [
		{
			financialYear: '2027/28',
			kind: 'cashable',
			type: 'run_cost_saved',
			amountPence: 40_000,
			description: '',
			source: 'entered'
		},
		{
			financialYear: '2027/28',
			kind: 'non_cashable',
			type: 'outage_risk_avoided',
			amountPence: 20_000,
			description: '',
			source: 'entered'
		},
		{
			financialYear: '2028/29',
			kind: 'cashable',
			type: 'run_cost_saved',
			amountPence: 60_000,
			description: '',
			source: 'entered'
		}
	]
};

describe('an option laid out by year of the appraisal', () => {
	it('puts capital and revenue apart, sums benefits of both kinds, and keeps flows outside the period aside', () => {
		expect(optionFlowsByYear(option, period)).toEqual({
			years: ['2026/27', '2027/28', '2028/29'],
			capitalCosts: [100_000, 0, 0],
			otherCosts: [0, 10_000, 10_000],
			benefits: [0, 60_000, 60_000],
			outside: { costsPence: 7, benefitsPence: 0 }
		});
	});

	it('appraises each option with appraisal.ts and sets it against do minimum', () => {
		const saved = saveOption(
			{ ...newCaseContent('2026/27'), appraisalPeriod: period },
			null,
			option
		);
		if (!saved.ok) throw new Error('not saved');
		const [doMinimum, buy] = appraiseOptions(saved.content, GREEN_BOOK_2022);
		expect(doMinimum!.economic.npsvPence).toBe(0);
		// The hand-worked case in appraisal.spec.ts: PV costs 238,997, PV benefits 113,982.
		expect(buy!.economic).toMatchObject({
			upliftBp: 12_000,
			pvCosts: 238_997,
			pvBenefits: 113_982,
			npsvPence: -125_015
		});
		expect(buy!.npsvAgainstDoMinimumPence).toBe(-125_015);
	});
});

describe('the financial case', () => {
	it('is nominal and undiscounted, capital and revenue by year, with the funding gap from rollup.ts', () => {
		const result = financialCase(
			[
				{ financialYear: '2026/27', spendType: 'capital', amountPence: 100_000 },
				{ financialYear: '2027/28', spendType: 'revenue', amountPence: 10_000 }
			],
			[
				{ financialYear: '2026/27', spendType: 'capital', amountPence: 60_000 },
				{ financialYear: '2027/28', spendType: 'revenue', amountPence: 15_000 }
			],
			['2026/27', '2027/28', '2028/29']
		);
		expect(result.years).toEqual([
			{ financialYear: '2026/27', capitalPence: 100_000, revenuePence: 0, totalPence: 100_000 },
			{ financialYear: '2027/28', capitalPence: 0, revenuePence: 10_000, totalPence: 10_000 },
			{ financialYear: '2028/29', capitalPence: 0, revenuePence: 0, totalPence: 0 }
		]);
		expect(result.totalPence).toBe(110_000);
		expect(
			result.funding.find((r) => r.financialYear === '2026/27' && r.spendType === 'capital')
		).toMatchObject({ gapPence: 40_000 });
		// Spare revenue in 2027/28 (-5,000) does not reduce the capital shortfall.
		expect(result.shortfallPence).toEqual({ capital: 40_000, revenue: 0, total: 40_000 });
	});
});

describe('risks in the snapshot', () => {
	const risk = (id: string, inherent: [number, number], residual: [number, number]) => ({
		id,
		title: id,
		description: '',
		owner: 'CIO',
		mitigation: 'm',
		inherent: { likelihood: inherent[0], impact: inherent[1] },
		residual: { likelihood: residual[0], impact: residual[1] }
	});
	it('scores, rates and orders by residual score, and counts the matrix', () => {
		const risks = [risk('a', [2, 2], [1, 2]), risk('b', [5, 5], [4, 3]), risk('c', [3, 4], [1, 2])];
		expect(
			scoreRisks(risks).map((r) => [
				r.id,
				r.inherentScore,
				r.inherentRating,
				r.residualScore,
				r.residualRating
			])
		).toEqual([
			['b', 25, 'Very high', 12, 'High'],
			['a', 4, 'Low', 2, 'Low'],
			['c', 12, 'High', 2, 'Low']
		]);
		const matrix = riskMatrix(risks, 'residual');
		expect(matrix[5 - 4]![3 - 1]).toBe(1);
		expect(matrix[5 - 1]![2 - 1]).toBe(2);
	});
});

describe('the snapshot', () => {
	it('tabulates the scope’s costs so every row and column adds up, and carries the figures', () => {
		const table = costTableOf(
			[
				{
					label: 'Case Management',
					financialYear: '2026/27',
					spendType: 'capital',
					amountPence: 500
				},
				{
					label: 'Case Management',
					financialYear: '2026/27',
					spendType: 'capital',
					amountPence: 250
				},
				{ label: 'Integration', financialYear: '2027/28', spendType: 'revenue', amountPence: 100 }
			],
			['2026/27', '2027/28']
		);
		expect(table.rows).toEqual([
			{ label: 'Case Management', cells: [750, 0, 0, 0], totalPence: 750 },
			{ label: 'Integration', cells: [0, 0, 0, 100], totalPence: 100 }
		]);
		expect(table.grandTotalPence).toBe(850);

		const content = newCaseContent('2026/27');
		const snapshot = buildSnapshot(
			{
				id: 1,
				title: 'T',
				stage: 'outline',
				versionNumber: 1,
				decision: null,
				settings: GREEN_BOOK_2022
			},
			content,
			{
				scope: { workstreams: [], systems: [] },
				costs: [],
				fundingStatement: [],
				milestones: [],
				fullyOperational: { date: null, missing: [], words: 'No workstreams are in scope' }
			}
		);
		expect(snapshot.businessCase.stageLabel).toBe('Outline Business Case');
		expect(snapshot.settings.source).toMatch(/Green Book/);
		expect(snapshot.appraisal).toHaveLength(1);
		expect(snapshot.costTable.columns).toHaveLength(20);
	});
});
