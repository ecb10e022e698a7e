import { describe, expect, it } from 'vitest';
import { financialCsv } from './business-case-financial';
import { financialCase } from '../business-cases/business-case-figures';

describe('financialCsv', () => {
	it('writes each year and an all-years row, with the gap split into shortfall and unused funding', () => {
		const financial = financialCase(
			[
				{ financialYear: '2026/27', spendType: 'capital', amountPence: 50_000_000 },
				{ financialYear: '2027/28', spendType: 'revenue', amountPence: 1_000_050 }
			],
			[
				{ financialYear: '2026/27', spendType: 'capital', amountPence: 30_000_000 },
				{ financialYear: '2027/28', spendType: 'revenue', amountPence: 2_000_000 }
			],
			['2026/27', '2027/28']
		);
		const lines = financialCsv({
			financialCases: [{ optionId: 'option-1', title: '=Buy', financial }]
		})
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		expect(lines).toEqual([
			'Option,Financial year,Capital (£),Revenue (£),Total cost (£),Funding counted (£),Shortfall (£),Unused funding (£)',
			"'=Buy,2026/27,500000.00,0.00,500000.00,300000.00,200000.00,0.00",
			"'=Buy,2027/28,0.00,10000.50,10000.50,20000.00,0.00,9999.50",
			"'=Buy,All years,500000.00,10000.50,510000.50,320000.00,200000.00,9999.50"
		]);
	});
});
