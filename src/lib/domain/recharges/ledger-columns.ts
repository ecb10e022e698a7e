/**
 * A partner's ledger extract's columns: the first guess from the headings as finance systems' exports
 * name them, and the partner's own choice of what each column holds when the guess is wrong or a
 * heading is not known (the same `col0=costCentre&col1=` form the systems import uses).
 */
import { normaliseHeading } from '../csv/mapping';

export const LEDGER_FIELDS = [
	'costCentre',
	'financialYear',
	'postingDate',
	'amount',
	'debit',
	'credit',
	'spendType',
	'description',
	'reference'
] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

export const isLedgerField = (value: unknown): value is LedgerField =>
	typeof value === 'string' && (LEDGER_FIELDS as readonly string[]).includes(value);

export const LEDGER_FIELD_HEADING: Record<LedgerField, string> = {
	costCentre: 'Cost centre',
	financialYear: 'Financial year',
	postingDate: 'Posting date',
	amount: 'Amount',
	debit: 'Debit',
	credit: 'Credit',
	spendType: 'Capital or revenue',
	description: 'Description',
	reference: 'Reference'
};

/** Headings ledgers print for each field, normalised (normaliseHeading drops '(£)'). */
const SYNONYMS: Record<LedgerField, readonly string[]> = {
	costCentre: [
		'cost centre',
		'cost centre code',
		'cost center',
		'cost center code',
		'cc',
		'cc code',
		'cost code',
		'budget code',
		'budget holder code'
	],
	financialYear: ['financial year', 'fy', 'year', 'fin year', 'budget year'],
	postingDate: [
		'posting date',
		'posted',
		'date',
		'transaction date',
		'gl date',
		'journal date',
		'date posted'
	],
	amount: ['amount', 'amount gbp', 'amount pounds', 'value', 'net amount', 'net', 'actual'],
	// Many ledgers print a debit and a credit column instead of one signed amount.
	debit: ['debit', 'debits', 'dr', 'debit amount', 'debit gbp', 'debit value'],
	credit: ['credit', 'credits', 'cr', 'credit amount', 'credit gbp', 'credit value'],
	spendType: ['capital or revenue', 'capital revenue', 'spend type', 'cap rev', 'capex opex'],
	description: [
		'description',
		'narrative',
		'details',
		'line description',
		'transaction description'
	],
	reference: [
		'reference',
		'ref',
		'journal reference',
		'journal ref',
		'journal number',
		'document number',
		'doc no',
		'transaction reference'
	]
};

export interface LedgerHeadings {
	/** column index -> field, or null for a column ignored. */
	columns: (LedgerField | null)[];
	ignored: string[];
	/** What stops the file being read, each a question for the mapping form; empty when none. */
	problems: string[];
}

/**
 * The first guess: each heading matched by its normalised name. Two columns matching one field both
 * keep it, so the partner is asked which to read rather than one being dropped unseen.
 */
export function guessLedgerColumns(headings: readonly string[]): (LedgerField | null)[] {
	const byName = new Map<string, LedgerField>();
	for (const field of LEDGER_FIELDS) for (const name of SYNONYMS[field]) byName.set(name, field);
	return headings.map((h) => byName.get(normaliseHeading(h)) ?? null);
}

/**
 * The file's columns: the partner's mapping when it fits the file (one choice per column), else the
 * guess. A cost centre, an amount (or a debit and a credit column) and a year or a posting date are
 * needed, each from one column.
 */
export function matchLedgerHeadings(
	headings: readonly string[],
	chosen?: readonly (LedgerField | null)[]
): LedgerHeadings {
	const columns =
		chosen && chosen.length === headings.length ? [...chosen] : guessLedgerColumns(headings);
	const ignored = headings.flatMap((h, i) =>
		columns[i] == null ? [h || `(column ${i + 1}, no heading)`] : []
	);
	const problems: string[] = [];
	const label = (field: LedgerField) => LEDGER_FIELD_HEADING[field].toLowerCase();
	if (!columns.includes('costCentre'))
		problems.push(`Choose the column that holds the ${label('costCentre')}`);
	// The amount is one signed column, or a debit and a credit column (either may be absent).
	const split = columns.includes('debit') || columns.includes('credit');
	if (!columns.includes('amount') && !split)
		problems.push('Choose the column that holds the amount, or the debit and credit columns');
	if (columns.includes('amount') && split)
		problems.push(
			"Choose either one 'Amount' column or 'Debit' and 'Credit' columns, not both: set the other to 'Ignore this column'"
		);
	if (!columns.includes('financialYear') && !columns.includes('postingDate'))
		problems.push('Choose the column that holds the financial year or the posting date');
	for (const field of LEDGER_FIELDS) {
		const count = columns.filter((f) => f === field).length;
		if (count > 1)
			problems.push(`${count} columns are set to '${LEDGER_FIELD_HEADING[field]}': choose one`);
	}
	return { columns, ignored, problems };
}
