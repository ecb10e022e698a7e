import { describe, expect, it } from 'vitest';
import {
	parseBenefitForm,
	parseCaseDetailsForm,
	parseDecisionForm,
	parseOptionForm,
	parseRiskForm,
	readCaseDetailsForm,
	readOptionForm,
	type DecisionFormValues,
	type RiskFormValues
} from './business-case-form';

describe('the case details form', () => {
	const context = { workstreamIds: new Set([1, 2]), systemIds: new Set([10]) };
	function form(entries: [string, string][]) {
		const f = new FormData();
		for (const [k, v] of entries) f.append(k, v);
		return f;
	}
	it('reads the sections, scope, route and period', () => {
		const values = readCaseDetailsForm(
			form([
				['title', ' Case management '],
				['stage', 'outline'],
				['strategic', 'Why'],
				['workstreamIds', '2'],
				['workstreamIds', '1'],
				['systemIds', '10'],
				['procurementSystems', 'single'],
				['sourcing', 'buy'],
				['framework', 'G-Cloud 14'],
				['firstYear', '2026-27'],
				['years', '10']
			])
		);
		expect(parseCaseDetailsForm(values, context)).toEqual({
			ok: true,
			value: {
				title: 'Case management',
				stage: 'outline',
				sections: { strategic: 'Why', economic: '', commercial: '', financial: '', management: '' },
				scope: { workstreamIds: [1, 2], systemIds: [10] },
				procurement: { systems: 'single', sourcing: 'buy', framework: 'G-Cloud 14' },
				appraisalPeriod: { firstYear: '2026/27', years: 10 }
			}
		});
	});
	it('refuses another organisation’s workstream, an unknown stage and a bad period, all at once', () => {
		const values = readCaseDetailsForm(
			form([
				['title', ''],
				['stage', 'final'],
				['workstreamIds', '99'],
				['firstYear', '2026'],
				['years', '0']
			])
		);
		const parsed = parseCaseDetailsForm(values, context);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(Object.keys(parsed.errors).sort()).toEqual([
			'firstYear',
			'stage',
			'title',
			'workstreamIds',
			'years'
		]);
		expect(parsed.errors.firstYear).toMatch(/could be 2025\/26 or 2026\/27/);
	});
});

describe('the risk form', () => {
	const base: RiskFormValues = {
		title: 'Supplier fails',
		description: '',
		owner: 'CIO',
		mitigation: 'Escrow',
		inherentLikelihood: '3',
		inherentImpact: '5',
		residualLikelihood: '2',
		residualImpact: '4'
	};
	it('reads a risk with both scores', () => {
		expect(parseRiskForm(base)).toMatchObject({
			ok: true,
			value: { inherent: { likelihood: 3, impact: 5 }, residual: { likelihood: 2, impact: 4 } }
		});
	});
	it.each([
		[{ inherentLikelihood: '6' }, 'inherentLikelihood', /from 1 to 5/],
		[{ residualImpact: '' }, 'residualImpact', /from 1 to 5/],
		[{ residualLikelihood: '5', residualImpact: '5' }, 'residualLikelihood', /cannot be higher/],
		[{ mitigation: '' }, 'mitigation', /how the risk is mitigated/],
		[{ owner: '' }, 'owner', /who owns/]
	])('refuses %o', (change, field, message) => {
		const parsed = parseRiskForm({ ...base, ...change });
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors[field]).toMatch(message);
	});
});

describe('the benefit form', () => {
	it('reads amounts by year in year order, skipping blank rows', () => {
		const parsed = parseBenefitForm({
			title: 'Legacy licences ended',
			kind: 'cashable',
			type: 'run_cost_saved',
			owner: 'Head of ICT',
			measure: 'Invoices',
			byYear: [
				{ financialYear: '2028/29', amount: '£12,500' },
				{ financialYear: '', amount: '' },
				{ financialYear: '2027-28', amount: '6250.50' }
			]
		});
		expect(parsed).toMatchObject({
			ok: true,
			value: {
				byYear: [
					{ financialYear: '2027/28', amountPence: 625_050 },
					{ financialYear: '2028/29', amountPence: 1_250_000 }
				]
			}
		});
	});
	it('refuses run cost saved as non-cashable, outage risk as cashable, and a year twice', () => {
		const row = (y: string) => ({ financialYear: y, amount: '10' });
		const a = parseBenefitForm({
			title: 'x',
			kind: 'non_cashable',
			type: 'run_cost_saved',
			owner: '',
			measure: '',
			byYear: [row('2026/27'), row('2026/27')]
		});
		expect(a.ok).toBe(false);
		if (!a.ok) {
			expect(a.errors.kind).toBe('Run cost saved is always cashable');
			expect(a.errors['byYear.1.financialYear']).toMatch(/already listed/);
		}
		const b = parseBenefitForm({
			title: 'x',
			kind: 'cashable',
			type: 'outage_risk_avoided',
			owner: '',
			measure: '',
			byYear: []
		});
		expect(!b.ok && b.errors.kind).toBe('Outage risk avoided is always non-cashable');
		expect(
			parseBenefitForm({
				title: 'x',
				kind: 'cashable',
				type: 'hours_saved',
				owner: '',
				measure: '',
				byYear: []
			}).ok
		).toBe(true);
	});
});

describe('the option form', () => {
	it('pairs repeated rows by position and reads the share mitigated as basis points', () => {
		const f = new FormData();
		for (const [k, v] of [
			['title', 'Buy one system'],
			['mitigated', '40.5'],
			['costs.financialYear', '2026/27'],
			['costs.spendType', 'capital'],
			['costs.amount', '250000'],
			['costs.description', 'Implementation'],
			['costs.financialYear', ''],
			['costs.spendType', 'revenue'],
			['costs.amount', ''],
			['costs.description', ''],
			['benefits.financialYear', '2027/28'],
			['benefits.kind', 'cashable'],
			['benefits.type', 'run_cost_saved'],
			['benefits.amount', '100'],
			['benefits.description', '']
		])
			f.append(k!, v!);
		const parsed = parseOptionForm(readOptionForm(f));
		expect(parsed).toEqual({
			ok: true,
			value: {
				title: 'Buy one system',
				description: '',
				mitigatedBp: 4_050,
				costs: [
					{
						financialYear: '2026/27',
						spendType: 'capital',
						amountPence: 25_000_000,
						description: 'Implementation',
						source: 'entered'
					}
				],
				benefits: [
					{
						financialYear: '2027/28',
						kind: 'cashable',
						type: 'run_cost_saved',
						amountPence: 10_000,
						description: '',
						source: 'entered'
					}
				]
			}
		});
	});
	it.each([['101'], ['-5'], ['forty']])('refuses %s%% mitigated', (mitigated) => {
		const parsed = parseOptionForm({
			title: 'x',
			description: '',
			mitigated,
			costs: [],
			benefits: []
		});
		expect(!parsed.ok && parsed.errors.mitigated).toMatch(/0 to 100/);
	});
	it('refuses a negative cost and a row with no spend type', () => {
		const parsed = parseOptionForm({
			title: 'x',
			description: '',
			mitigated: '',
			costs: [{ financialYear: '2026/27', spendType: '', amount: '-1', description: '' }],
			benefits: []
		});
		expect(!parsed.ok && parsed.errors).toMatchObject({
			'costs.0.amount': /cannot be negative/,
			'costs.0.spendType': /capital or revenue/
		});
	});
	it('takes an amount at the cap and 200 rows, and refuses a penny more or a row more (so the economic case stays exact)', () => {
		const row = (amount: string) => ({
			financialYear: '2026/27',
			spendType: 'capital',
			amount,
			description: ''
		});
		expect(
			parseOptionForm({
				title: 'x',
				description: '',
				mitigated: '',
				costs: Array.from({ length: 200 }, () => row('1,000,000,000.00')),
				benefits: []
			}).ok
		).toBe(true);
		const over = parseOptionForm({
			title: 'x',
			description: '',
			mitigated: '',
			costs: [row('1,000,000,000.01')],
			benefits: []
		});
		expect(!over.ok && over.errors['costs.0.amount']).toMatch(/more than £1,000,000,000.00/);
		const many = parseOptionForm({
			title: 'x',
			description: '',
			mitigated: '',
			costs: Array.from({ length: 201 }, () => row('1')),
			benefits: []
		});
		expect(!many.ok && many.errors['costs.200.amount']).toMatch(/at most 200 cost rows/);
	});
});

describe('the decision form', () => {
	const base: DecisionFormValues = {
		outcome: 'approved',
		decisionMaker: 'cabinet',
		meetingDate: '14/01/2027',
		minuteRef: 'CAB/2027/014',
		keyDecision: 'yes',
		conditions: '',
		reasons: ''
	};
	const today = '2027-01-20';
	it('reads a decision as the minutes record it', () => {
		expect(parseDecisionForm(base, { today })).toEqual({
			ok: true,
			value: {
				outcome: 'approved',
				decisionMaker: 'cabinet',
				meetingDate: '2027-01-14',
				minuteRef: 'CAB/2027/014',
				keyDecision: true,
				conditions: '',
				reasons: ''
			}
		});
	});
	it.each([
		[{ outcome: 'approved_with_conditions' }, 'conditions', /Enter the conditions/],
		[
			{ conditions: 'Report back in six months' },
			'conditions',
			/go with 'approved with conditions'/
		],
		[{ outcome: 'rejected' }, 'reasons', /reasons the case was rejected/],
		[{ meetingDate: '21/01/2027' }, 'meetingDate', /today or in the past/],
		[{ decisionMaker: 'mayor' }, 'decisionMaker', /Cabinet, a committee or a delegated officer/],
		[{ keyDecision: '' }, 'keyDecision', /key decision/],
		[{ minuteRef: '' }, 'minuteRef', /minute/]
	])('refuses %o', (change, field, message) => {
		const parsed = parseDecisionForm({ ...base, ...change }, { today });
		expect(!parsed.ok && parsed.errors[field]).toMatch(message);
	});
	it('accepts conditions with approved with conditions', () => {
		expect(
			parseDecisionForm(
				{ ...base, outcome: 'approved_with_conditions', conditions: 'Report back' },
				{ today }
			).ok
		).toBe(true);
	});
});
