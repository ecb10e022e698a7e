import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeKey, readLedgerRow } from './ledger-row';
import { matchLedgerHeadings } from './ledger-columns';

const HEADINGS = ['Cost Centre', 'Posting Date', 'Amount (£)', 'Description', 'Reference'];
const read = (cells: string[], headings = HEADINGS) =>
	readLedgerRow(7, cells, matchLedgerHeadings(headings).columns, headings);

describe('readLedgerRow', () => {
	it.each([
		['£1,234.56', 123456],
		['1234.56', 123456],
		['(1,234.56)', -123456],
		['-£10', -1000],
		['£ 0.01', 1]
	])('reads the amount %s as %i pence', (amount, pence) => {
		const r = read(['NCC-ICT-100', '31/03/2027', amount, 'x', 'r']);
		expect(r.ok && r.line.amountPence).toBe(pence);
	});

	it.each([
		['2026/27', '2026/27'],
		['FY26/27', '2026/27'],
		['2026-2027', '2026/27']
	])('reads the year %s as %s', (year, label) => {
		const r = read(['A1', year, '£1.00'], ['Cost centre', 'Financial year', 'Amount']);
		expect(r.ok && r.line.financialYear).toBe(label);
	});

	it('reads a debit and a credit column as the debit less the credit, each column’s problem its own', () => {
		const H = ['Cost centre', 'Date', 'Dr', 'Cr'];
		const line = (dr: string, cr: string) => read(['A1', '31/03/2027', dr, cr], H);
		expect(matchLedgerHeadings(H).problems).toEqual([]);
		const pence = (dr: string, cr: string) => {
			const r = line(dr, cr);
			return r.ok ? r.line.amountPence : r.problems.map((p) => [p.column, p.reason]);
		};
		expect(pence('£1,234.56', '')).toBe(123456);
		expect(pence('', '200.00')).toBe(-20000);
		expect(pence('100', '40')).toBe(6000);
		expect(pence('', '')).toEqual([['Dr', 'Enter a debit or a credit']]);
		expect(pence('1.2k', 'x')).toEqual([
			['Dr', expect.stringContaining('shorthand')],
			['Cr', expect.any(String)]
		]);
	});

	it('asks for an amount, or a debit and a credit, and not both', () => {
		expect(matchLedgerHeadings(['Cost centre', 'Date', 'Description']).problems).toEqual([
			'Choose the column that holds the amount, or the debit and credit columns'
		]);
		expect(
			matchLedgerHeadings(['Cost centre', 'Date', 'Amount', 'Debit', 'Credit']).problems
		).toEqual([
			expect.stringContaining("Choose either one 'Amount' column or 'Debit' and 'Credit' columns")
		]);
		expect(matchLedgerHeadings(['Cost centre', 'Date', 'Credit']).problems).toEqual([]);
	});

	it('takes the year from a UK posting date (April to March)', () => {
		const march = read(['A1', '31/03/2027', '1']);
		const april = read(['A1', '01/04/2027', '1']);
		expect(march.ok && [march.line.financialYear, march.line.postingDate]).toEqual([
			'2026/27',
			'2027-03-31'
		]);
		expect(april.ok && april.line.financialYear).toBe('2027/28');
	});

	it('gives every reason a row is refused at once', () => {
		const r = read(['', '31/02/2027', '1.2k', 'ok', 'ref']);
		expect(r.ok).toBe(false);
		expect(!r.ok && r.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
			[7, 'Cost Centre', 'Enter the cost centre code'],
			[7, 'Amount (£)', "'1.2k' uses a shorthand; enter the full amount in pounds (write 1200)"],
			[7, 'Posting Date', "'31/02/2027' is not a real date"]
		]);
	});

	it('refuses a year and a posting date that disagree, and a row with neither', () => {
		const h = ['Cost centre', 'Financial year', 'Posting date', 'Amount'];
		const r = read(['A1', '2026/27', '12/05/2027', '1'], h);
		expect(!r.ok && r.problems[0]!.reason).toBe("'12/05/2027' is in 2027/28, not 2026/27");
		const none = read(['A1', '', '', '1'], h);
		expect(!none.ok && none.problems[0]!.reason).toBe(
			'Enter the financial year or the posting date'
		);
	});

	it('reads capital or revenue, revenue when blank, and refuses other words', () => {
		const h = ['Cost centre', 'Year', 'Amount', 'Capital or revenue'];
		const cap = read(['A1', '2026/27', '1', 'Capex'], h);
		const blank = read(['A1', '2026/27', '1', ''], h);
		const bad = read(['A1', '2026/27', '1', 'Grant'], h);
		expect(cap.ok && cap.line.spendType).toBe('capital');
		expect(blank.ok && blank.line.spendType).toBe('revenue');
		expect(!bad.ok && bad.problems[0]!.reason).toBe("'Grant' is not capital or revenue");
	});

	it('never throws and either reads a line or gives at least one reason, whatever the cells', () => {
		fc.assert(
			fc.property(fc.array(fc.string(), { minLength: 0, maxLength: 6 }), (cells) => {
				const r = read(cells);
				if (r.ok) expect(Number.isInteger(r.line.amountPence)).toBe(true);
				else expect(r.problems.length).toBeGreaterThan(0);
			})
		);
	});

	it('matches codes whatever their case and spacing', () => {
		expect(codeKey(' ncc-ict-100 ')).toBe('NCC-ICT-100');
	});
});
