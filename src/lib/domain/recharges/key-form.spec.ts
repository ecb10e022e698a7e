import { describe, expect, it } from 'vitest';
import { keyFormValues, parseKeyForm } from './key-form';

const partners = [3, 4, 5];
const base = {
	financialYear: '2026/27',
	appliesTo: 'service:0',
	costLineId: '',
	kind: 'fixed',
	measure: '',
	source: '',
	asAt: ''
};

describe('parseKeyForm', () => {
	it('reads fixed percentages and cost centres, leaving out blank partners', () => {
		const parsed = parseKeyForm(
			{ ...base, 'value-3': '33.33', 'costCentre-3': '12', 'value-4': '66.67%', 'value-5': '' },
			partners
		);
		expect(parsed).toEqual({
			ok: true,
			value: {
				financialYear: '2026/27',
				scope: 'service',
				scopeId: 0,
				kind: 'fixed',
				measure: '',
				source: '',
				asAt: null,
				shares: [
					{ partnerOrganisationId: 3, weight: 3333, costCentreId: 12 },
					{ partnerOrganisationId: 4, weight: 6667, costCentreId: null }
				]
			}
		});
	});

	it('reads a driver for a system, with its date as typed in the UK', () => {
		const parsed = parseKeyForm(
			{
				...base,
				appliesTo: 'system:9',
				kind: 'driver',
				measure: 'users',
				source: 'AD',
				asAt: '31/03/2026',
				'value-3': '1200',
				'value-4': '12.5'
			},
			partners
		);
		expect(parsed.ok && parsed.value).toMatchObject({
			scope: 'system',
			scopeId: 9,
			asAt: '2026-03-31',
			shares: [{ weight: 120000 }, { weight: 1250 }]
		});
	});

	it('narrows to a cost line when its number is given', () => {
		const parsed = parseKeyForm({ ...base, costLineId: '42', 'value-3': '100' }, partners);
		expect(parsed.ok && [parsed.value.scope, parsed.value.scopeId]).toEqual(['cost_line', 42]);
	});

	it('names every problem by field', () => {
		const parsed = parseKeyForm(
			{
				...base,
				financialYear: '2026',
				appliesTo: 'nonsense',
				costLineId: 'x',
				'value-3': '-1',
				'value-4': '10',
				'costCentre-4': 'abc'
			},
			partners
		);
		expect(parsed.ok).toBe(false);
		expect(Object.keys(!parsed.ok ? parsed.errors : {}).sort()).toEqual([
			'appliesTo',
			'costCentre-4',
			'costLineId',
			'financialYear',
			'value-3'
		]);
	});

	it('round-trips a saved key through the form', () => {
		const key = {
			financialYear: '2026/27',
			scope: 'workstream' as const,
			scopeId: 2,
			kind: 'driver' as const,
			measure: 'devices',
			source: 'Intune',
			asAt: '2026-04-01',
			shares: [{ partnerOrganisationId: 4, weight: 1250, costCentreId: 7 }]
		};
		const parsed = parseKeyForm(keyFormValues(key, partners), partners);
		expect(parsed).toEqual({ ok: true, value: key });
	});
});
