import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { BOM } from './write';
import { SYSTEM_CSV_HEADER, systemsCsv, type SystemCsvRow } from './systems';
import { valueOf } from './value-words';

const row: SystemCsvRow = {
	externalRef: 'CFA-001',
	name: '=HYPERLINK("http://evil")',
	supplier: 'Caseworks Ltd',
	product: 'CareFlow 7',
	directorateName: 'Children, Families and Adults',
	serviceAreaName: 'Children and Families',
	hosting: 'saas',
	criticality: 'critical',
	userCount: 1200,
	annualRunCostPence: 1250050,
	contractStart: '2024-04-01',
	contractEnd: '2027-03-31',
	contractNotice: null,
	personalData: 'special_category',
	lifecycle: 'live',
	reviewStatus: 'agreed',
	outcomes: ['develop', 'replace']
};

describe('systemsCsv', () => {
	it('writes words, pounds with pence, ISO dates and every outcome, with formulas neutralised', () => {
		const text = systemsCsv([row]);
		expect(text.startsWith(BOM)).toBe(true);
		const [header, first] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
		expect(header).toEqual([...SYSTEM_CSV_HEADER]);
		expect(first).toEqual([
			'CFA-001',
			`'=HYPERLINK("http://evil")`,
			'Caseworks Ltd',
			'CareFlow 7',
			'Children, Families and Adults',
			'Children and Families',
			'Software as a service',
			'Critical',
			'1200',
			'12500.50',
			'2024-04-01',
			'2027-03-31',
			'',
			'Special category data',
			'Live',
			'Reviewed: agreed',
			'Development required; Replace with the new main system'
		]);
	});

	it("writes 'Not yet assessed' in words, and the import reads those words back as the same value", () => {
		const [, first] = Papa.parse<string[]>(
			systemsCsv([{ ...row, criticality: 'not_assessed', personalData: 'not_assessed' }]).slice(1),
			{ skipEmptyLines: true }
		).data;
		const cell = (heading: string) =>
			first![SYSTEM_CSV_HEADER.indexOf(heading as (typeof SYSTEM_CSV_HEADER)[number])]!;
		expect(cell('Criticality')).toBe('Not yet assessed');
		expect(cell('Personal data held')).toBe('Not yet assessed');
		expect(valueOf('criticality', cell('Criticality'))).toBe('not_assessed');
		expect(valueOf('personalData', cell('Personal data held'))).toBe('not_assessed');
	});
});
