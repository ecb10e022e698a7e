import { describe, expect, it } from 'vitest';
import {
	benefitToFormValues,
	optionToFormValues,
	riskToFormValues
} from './business-case-form-values';
import { parseBenefitForm, parseOptionForm, parseRiskForm } from './business-case-form';
import type { CaseOption } from './business-case';

describe('form values round trip', () => {
	it('an option opened for editing and saved unchanged gives back its typed flows, leaving pulled ones out', () => {
		const option: CaseOption = {
			id: 'option-1',
			title: 'Buy',
			description: 'SaaS',
			mitigatedBp: 4_050,
			costs: [
				{
					financialYear: '2026/27',
					spendType: 'capital',
					amountPence: 12_345_678,
					description: 'Implementation',
					source: 'entered'
				},
				{
					financialYear: '2026/27',
					spendType: 'revenue',
					amountPence: 500,
					description: 'Cost model: Case Management',
					source: 'cost_model'
				}
			],
			benefits: [
				{
					financialYear: '2027/28',
					kind: 'non_cashable',
					type: 'hours_saved',
					amountPence: 9_000_000,
					description: 'Time',
					source: 'entered'
				}
			]
		};
		const values = optionToFormValues(option);
		expect(values.mitigated).toBe('40.5');
		expect(values.costs).toHaveLength(1 + 3);
		const parsed = parseOptionForm(values);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		expect(parsed.value).toEqual({
			title: 'Buy',
			description: 'SaaS',
			mitigatedBp: 4_050,
			costs: [option.costs[0]],
			benefits: option.benefits
		});
	});

	it('a risk and a benefit come back as they were', () => {
		const risk = {
			id: 'risk-1',
			title: 'Slip',
			description: '',
			owner: 'Head of ICT',
			mitigation: 'Trial loads',
			inherent: { likelihood: 4, impact: 4 },
			residual: { likelihood: 2, impact: 4 }
		};
		const r = parseRiskForm(riskToFormValues(risk));
		expect(r.ok && r.value).toEqual({
			title: 'Slip',
			description: '',
			owner: 'Head of ICT',
			mitigation: 'Trial loads',
			inherent: risk.inherent,
			residual: risk.residual
		});
		const benefit = {
			id: 'benefit-1',
			title: 'Licences end',
			kind: 'cashable' as const,
			type: 'run_cost_saved' as const,
			owner: 'ICT',
			measure: 'Invoices',
			byYear: [{ financialYear: '2028/29', amountPence: 3_650_000 }]
		};
		const b = parseBenefitForm(benefitToFormValues(benefit));
		expect(b.ok && b.value).toEqual({
			title: 'Licences end',
			kind: 'cashable',
			type: 'run_cost_saved',
			owner: 'ICT',
			measure: 'Invoices',
			byYear: benefit.byYear
		});
	});
});
