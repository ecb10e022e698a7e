import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	LEDGER_FIELDS,
	isLedgerField,
	matchLedgerHeadings,
	type LedgerField
} from './ledger-columns';
import { mappingParams, readMappingParams } from '../csv/mapping';

describe('matchLedgerHeadings', () => {
	it('finds the columns a finance system exports, by their headings', () => {
		expect(
			matchLedgerHeadings(['Cost Centre', 'Posting Date', 'Amount (£)', 'Description', 'Reference'])
		).toEqual({
			columns: ['costCentre', 'postingDate', 'amount', 'description', 'reference'],
			ignored: [],
			problems: []
		});
		expect(
			matchLedgerHeadings(['CC', 'FY', 'Net amount', 'Narrative', 'Journal ref']).columns
		).toEqual(['costCentre', 'financialYear', 'amount', 'description', 'reference']);
	});

	it('asks for each needed field it cannot find, and for one column where two claim a field', () => {
		expect(matchLedgerHeadings(['Description']).problems).toEqual([
			'Choose the column that holds the cost centre',
			'Choose the column that holds the amount, or the debit and credit columns',
			'Choose the column that holds the financial year or the posting date'
		]);
		expect(matchLedgerHeadings(['Cost centre', 'Amount', 'Value', 'Year']).problems).toEqual([
			"2 columns are set to 'Amount': choose one"
		]);
		expect(matchLedgerHeadings(['Cost centre', 'Amount', 'Year', 'Colour']).ignored).toEqual([
			'Colour'
		]);
	});

	it("reads the partner's own mapping when the headings are not known", () => {
		const headings = ['Cost Centre Code', 'Period', 'Net £', 'Colour'];
		// 'Period' is no heading a year is known by: the guess cannot find the year.
		expect(matchLedgerHeadings(headings).problems).toEqual([
			'Choose the column that holds the financial year or the posting date'
		]);
		expect(matchLedgerHeadings(headings, ['costCentre', 'financialYear', 'amount', null])).toEqual({
			columns: ['costCentre', 'financialYear', 'amount', null],
			ignored: ['Colour'],
			problems: []
		});
	});

	it('lets the partner override a heading it recognised, and ignore a column', () => {
		const headings = ['Cost centre', 'Amount', 'Value', 'Year'];
		expect(matchLedgerHeadings(headings, ['costCentre', null, 'amount', 'financialYear'])).toEqual({
			columns: ['costCentre', null, 'amount', 'financialYear'],
			ignored: ['Amount'],
			problems: []
		});
		expect(
			matchLedgerHeadings(headings, ['costCentre', null, null, 'financialYear']).problems
		).toEqual(['Choose the column that holds the amount, or the debit and credit columns']);
	});

	it('uses the guess when a mapping does not fit the file (another sheet, a crafted URL)', () => {
		expect(matchLedgerHeadings(['Cost centre', 'Amount', 'Year'], ['amount']).columns).toEqual([
			'costCentre',
			'amount',
			'financialYear'
		]);
	});
});

describe('the ledger mapping in the preview URL', () => {
	it('reads ledger fields only: a systems-import field or anything else is an ignored column', () => {
		expect(
			readMappingParams(
				new URLSearchParams('col0=costCentre&col1=name&col2=&col3=amount&col4=__proto__'),
				isLedgerField
			)
		).toEqual(['costCentre', null, null, 'amount', null]);
		expect(readMappingParams(new URLSearchParams('upload=3'), isLedgerField)).toBeUndefined();
	});

	it('reads back exactly the mapping the form wrote', () => {
		const field = fc.option(fc.constantFrom(...LEDGER_FIELDS), { nil: null });
		fc.assert(
			fc.property(fc.array(field, { minLength: 1, maxLength: 40 }), (mapping) => {
				const params = new URLSearchParams(mappingParams(mapping));
				expect(readMappingParams(params, isLedgerField)).toEqual<(LedgerField | null)[]>(mapping);
			})
		);
	});
});
