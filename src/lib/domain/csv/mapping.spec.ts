import { describe, expect, it } from 'vitest';
import { guessMapping, mappingProblems, normaliseHeading, readMappingParams } from './mapping';
import { SYSTEM_CSV_HEADER } from './systems';

describe('guessMapping', () => {
	it('recognises the headings councils use', () => {
		expect(
			guessMapping([
				'System name',
				'Supplier / Vendor',
				'Annual cost (£)',
				'Contract end',
				'Application owner',
				'Column 7'
			])
		).toEqual(['name', 'supplier', 'annualRunCost', 'contractEnd', 'businessOwner', null]);
		expect(guessMapping(['Application', 'Vendor', 'No. of users', 'Ref'])).toEqual([
			'name',
			'supplier',
			'userCount',
			'externalRef'
		]);
	});

	it("reads a council inventory's 'Dept' and 'Recommendation' as the directorate and the outcomes", () => {
		// Found by the messy-import browser test: both columns were ignored, so the file's outcomes were never recorded.
		expect(
			guessMapping([
				'System Name',
				'Supplier/Vendor',
				'Hosting Type',
				'Service',
				'Dept',
				'Annual Cost (£)',
				'Contract Expiry',
				'Users',
				'Recommendation',
				'Workstream',
				'Notes'
			])
		).toEqual([
			'name',
			'supplier',
			'hosting',
			'serviceArea',
			'directorate',
			'annualRunCost',
			'contractEnd',
			'userCount',
			'outcomes',
			'workstreams',
			'description'
		]);
		expect(guessMapping(['Application', 'Recommended action', 'Dept.'])).toEqual([
			'name',
			'outcomes',
			'directorate'
		]);
	});

	it("maps the app's own export completely, so a round trip needs no correction", () => {
		const mapping = guessMapping(SYSTEM_CSV_HEADER);
		expect(mapping.slice(0, 15)).not.toContain(null);
		expect(new Set(mapping.filter(Boolean)).size).toBe(mapping.filter(Boolean).length);
	});

	it('never gives one field to two columns', () => {
		expect(guessMapping(['Name', 'System name'])).toEqual(['name', null]);
	});
});

describe('mapping problems', () => {
	it('needs a name column and one column per field', () => {
		expect(mappingProblems(['supplier', null])).toEqual([
			"Choose the column that holds each system's name"
		]);
		expect(mappingProblems(['name', 'supplier', 'supplier'])).toEqual([
			"2 columns are set to 'Supplier': choose one"
		]);
		expect(mappingProblems(['name'])).toEqual([]);
	});

	it('normalises headings', () => {
		expect(normaliseHeading('  Annual cost (£) ')).toBe('annual cost');
		expect(normaliseHeading('Supplier / Vendor')).toBe('supplier vendor');
	});
});

describe('readMappingParams', () => {
	it('reads consecutive columns, blanks and unknown fields as ignored', () => {
		expect(
			readMappingParams(
				new URLSearchParams('col0=name&col1=&col2=nonsense&col3=supplier&col5=product')
			)
		).toEqual(['name', null, null, 'supplier']);
		expect(readMappingParams(new URLSearchParams('delimiter=comma'))).toBeUndefined();
	});
});
