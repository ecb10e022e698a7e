import { describe, expect, it } from 'vitest';
import { ANNEX_HEADER, annexRows } from './report-annex';
import { toCsv } from './write';

describe('the annex as CSV', () => {
	const annex = {
		words: '',
		approvedCostTables: [],
		suppliers: ['=Evil Ltd', 'Acme'],
		spendBySystem: [
			{
				label: 'CareFirst',
				supplier: 'Acme',
				spendType: 'capital' as const,
				budgetPence: 123_456,
				actualPence: 100_000,
				remainingPence: 23_456
			},
			{
				label: 'Fax',
				supplier: '=Evil Ltd',
				spendType: 'revenue' as const,
				budgetPence: 1_000,
				actualPence: 1_050,
				remainingPence: -50
			}
		]
	};
	it('writes pounds a spreadsheet reads as numbers, an overspend as a negative number', () => {
		expect(annexRows(annex)).toEqual([
			['CareFirst', 'Acme', 'Capital', '1234.56', '1000.00', '234.56'],
			['Fax', '=Evil Ltd', 'Revenue', '10.00', '10.50', -0.5]
		]);
	});
	it('neutralises a supplier name that a spreadsheet would run', () => {
		const csv = toCsv(ANNEX_HEADER, annexRows(annex));
		expect(csv).toContain("Fax,'=Evil Ltd,Revenue,10.00,10.50,-0.5\r\n");
		expect(csv.split('\r\n')[0]).toBe(
			'\uFEFFSystem or workstream,Supplier,Spend type,Budget to date (£),Spent to date (£),Remaining (£)'
		);
	});
});
