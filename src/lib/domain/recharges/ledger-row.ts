/**
 * A partner's ledger extract, row by row (its columns: ./ledger-columns.ts): each row read into a ledger line or refused with every reason
 * at once. Amounts are read as the forms read them ('£1,234.56', '(1,234.56)' a credit; '1.2k'
 * refused with the full figure to write); years as finance teams write them ('2026/27', 'FY26/27'),
 * or from a UK posting date.
 */
import { parsePounds } from '../money';
import { financialYearOf, parseFinancialYear, type FinancialYear } from '../fiscal';
import { parseDateInput } from '../dates';
import { valueOf } from '../csv/value-words';
import { textLength, textProblem, TEXT_LIMITS, textProblemMessage } from '../forms';
import type { RowProblem } from '../csv/rows';
import type { SpendType } from '../costs/cost';
import { costCentreCodeProblem } from './cost-centres';
import { LEDGER_FIELD_HEADING, type LedgerField } from './ledger-columns';

/** One ledger line as read: the code as the ledger prints it (matched to cost centres later). */
export interface LedgerLineInput {
	row: number;
	costCentreCode: string;
	financialYear: FinancialYear;
	postingDate: string | null;
	spendType: SpendType;
	amountPence: number;
	description: string;
	reference: string;
}

export type LedgerRowResult =
	{ ok: true; line: LedgerLineInput } | { ok: false; problems: RowProblem[] };

/** Reads one row, giving every reason it cannot be taken at once (as the system import does). */
export function readLedgerRow(
	row: number,
	cells: readonly string[],
	columns: readonly (LedgerField | null)[],
	headings: readonly string[]
): LedgerRowResult {
	const problems: RowProblem[] = [];
	const cell = (field: LedgerField) => {
		const at = columns.indexOf(field);
		return at < 0 ? '' : (cells[at] ?? '').trim();
	};
	const refuse = (field: LedgerField, reason: string) => {
		const at = columns.indexOf(field);
		problems.push({ row, column: headings[at] || LEDGER_FIELD_HEADING[field], reason });
	};

	const code = cell('costCentre');
	const codeProblem = costCentreCodeProblem(code);
	if (codeProblem) refuse('costCentre', codeProblem);

	const amount = columns.includes('amount')
		? parsePounds(cell('amount'))
		: debitLessCredit(cell('debit'), cell('credit'), refuse);
	if (!amount.ok && amount.reason) refuse('amount', amount.reason);

	const year = readYear(cell('financialYear'), cell('postingDate'), refuse);

	let spendType: SpendType = 'revenue';
	const typeText = cell('spendType');
	if (typeText !== '') {
		const read = valueOf('spendType', typeText);
		if (read) spendType = read;
		else refuse('spendType', `'${typeText}' is not capital or revenue`);
	}
	const description = cell('description');
	const reference = cell('reference');
	for (const [field, value] of [
		['description', description],
		['reference', reference]
	] as const) {
		const label = LEDGER_FIELD_HEADING[field];
		const problem = textProblem(value, 'line');
		if (problem) refuse(field, textProblemMessage(label, problem));
		else if (textLength(value) > TEXT_LIMITS.line)
			refuse(field, `${label} must be ${TEXT_LIMITS.line} characters or fewer`);
	}
	if (problems.length > 0 || !amount.ok || !year) return { ok: false, problems };
	return {
		ok: true,
		line: {
			row,
			costCentreCode: code,
			financialYear: year.label,
			postingDate: year.postingDate,
			spendType,
			amountPence: amount.pence,
			description,
			reference
		}
	};
}

/**
 * A ledger of a debit and a credit column: the line's amount is the debit less the credit (a credit
 * is money back, as '(1,234.56)' is in one signed column). A blank cell is nothing; both blank is no
 * amount. Each column's problem is its own (a reason of '' has been given already).
 */
function debitLessCredit(
	debitText: string,
	creditText: string,
	refuse: (field: LedgerField, reason: string) => void
): { ok: true; pence: number } | { ok: false; reason: string } {
	if (debitText === '' && creditText === '') {
		refuse('debit', 'Enter a debit or a credit');
		return { ok: false, reason: '' };
	}
	const debit = debitText === '' ? { ok: true as const, pence: 0 } : parsePounds(debitText);
	const credit = creditText === '' ? { ok: true as const, pence: 0 } : parsePounds(creditText);
	if (!debit.ok) refuse('debit', debit.reason);
	if (!credit.ok) refuse('credit', credit.reason);
	return debit.ok && credit.ok
		? { ok: true, pence: debit.pence - credit.pence }
		: { ok: false, reason: '' };
}

/** The line's year: the year column's, the posting date's, and both must agree when both are given. */
function readYear(
	yearText: string,
	dateText: string,
	refuse: (field: LedgerField, reason: string) => void
): { label: FinancialYear; postingDate: string | null } | null {
	const year = yearText === '' ? null : parseFinancialYear(yearText);
	const date = dateText === '' ? null : parseDateInput(dateText);
	if (year && !year.ok) refuse('financialYear', year.reason);
	if (date && !date.ok) refuse('postingDate', date.reason);
	if (!year && !date) {
		refuse('financialYear', 'Enter the financial year or the posting date');
		return null;
	}
	if ((year && !year.ok) || (date && !date.ok)) return null;
	const fromDate = date?.ok ? financialYearOf(date.iso) : null;
	if (year?.ok && fromDate && fromDate !== year.label) {
		refuse('postingDate', `'${dateText}' is in ${fromDate}, not ${year.label}`);
		return null;
	}
	const label = year?.ok ? year.label : fromDate!;
	return { label, postingDate: date?.ok ? date.iso : null };
}

/** A code as ledgers and the register may differ in case and spacing: 'ncc-ict-100 ' is 'NCC-ICT-100'. */
export const codeKey = (code: string) => code.trim().toUpperCase();
