/**
 * A cost file as finance teams lay it out, made into the rows the cost-line planner reads
 * (./cost-lines): one line a row, as the app exports it; or **amounts by year across** ('System',
 * 'Capital or revenue', '2026/27', '2027/28', '2028/29'), where each filled year cell of a row is a
 * line of that year; and for a column the file lacks that a line needs (capital or revenue,
 * category, confidence), **one value for every line** of the import, chosen on the preview.
 * A row stays one row: a problem in any of its years leaves the whole row out (cost-lines.ts).
 */
import { parseFinancialYear, type FinancialYear } from '../fiscal';
import { VOCABULARIES } from './value-words';

/** Fields a line needs that a file may lack, set for the whole import instead. */
export const WHOLE_COST_FIELDS = ['spendType', 'category', 'confidence'] as const;
export type WholeCostField = (typeof WHOLE_COST_FIELDS)[number];
export type WholeCostValues = Partial<Record<WholeCostField, string>>;

const VOCABULARY: Record<WholeCostField, 'spendType' | 'costCategory' | 'confidence'> = {
	spendType: 'spendType',
	category: 'costCategory',
	confidence: 'confidence'
};

/** What the preview's heading for fields the file lacks says, so a refusal can point at it. */
export const COST_MISSING_HEADING = 'Columns your file does not have';

/** The reason a row gives while a field the file lacks has no value for every line yet. */
export const chooseForEveryLine = (column: string) =>
	`Your file has no ${column.toLowerCase()} column: choose one for every line under ‘${COST_MISSING_HEADING}’ on this page`;

/** The parameter that carries a field's value for every line. */
export const wholeCostParam = (field: WholeCostField) => `all-${field}`;

/** The values a field may take, from the domain's own list. */
export function wholeCostOptions(field: WholeCostField): { code: string; label: string }[] {
	const v = VOCABULARIES[VOCABULARY[field]];
	return (v.codes as readonly string[]).map((code) => ({
		code,
		label: (v.labels as Record<string, string>)[code]!
	}));
}

/** Reads the values chosen on the preview; anything not in the field's list is ignored. */
export function readWholeCostParams(params: URLSearchParams | FormData): WholeCostValues {
	const values: WholeCostValues = {};
	for (const field of WHOLE_COST_FIELDS) {
		const code = String(params.get(wholeCostParam(field)) ?? '');
		if (wholeCostOptions(field).some((o) => o.code === code)) values[field] = code;
	}
	return values;
}

/** The values as the preview's forms and links carry them. */
export const wholeCostParamsOf = (values: WholeCostValues): [string, string][] =>
	WHOLE_COST_FIELDS.flatMap((f): [string, string][] => {
		const v = values[f];
		return v ? [[wholeCostParam(f), v]] : [];
	});

/** A column whose heading is a financial year: its cells are that year's amounts. */
export interface YearColumn {
	index: number;
	year: FinancialYear;
	heading: string;
}

/** Words finance teams put beside the year in such a heading ('Budget 2026/27', '2026/27 forecast (£)'). */
const YEAR_WORDS =
	/\b(?:budget|forecast|estimated?|costs?|spend|amount|total|gross|net|fy)\b|\(£\)|£|:/gi;
/** A heading of amounts in thousands ('2026/27 (£000)', '£k', "£'000"): not read as pounds. */
const THOUSANDS = /£\s*'?0{3}|£\s*k\b|\(\s*'?0{3}s?\s*\)|\bthousands?\b/i;

/** The year a heading names, 'thousands' when it gives amounts in thousands, or null. */
export function yearOfHeading(heading: string): FinancialYear | 'thousands' | null {
	const bare = heading
		.replace(THOUSANDS, ' ')
		.replace(YEAR_WORDS, ' ')
		.replace(/[()[\]]/g, ' ')
		.replace(/\s+/g, ' ');
	const read = parseFinancialYear(bare);
	if (!read.ok) return null;
	return THOUSANDS.test(heading) ? 'thousands' : read.label;
}

/** The fields the layout may add a column for, after the file's own. */
type AddedField = 'financialYear' | 'amount' | WholeCostField;

/** The rows as the planner reads them, and their columns: the file's own, then any the layout adds. */
export interface CostLayout<F extends string> {
	columns: (F | AddedField | null)[];
	headings: string[];
	rows: { row: number; cells: string[]; headings?: string[] }[];
}

/** The heading the preview and its problems give a field the file has no column for. */
export const WHOLE_COST_HEADING: Record<WholeCostField, string> = {
	spendType: 'Capital or revenue',
	category: 'Category',
	confidence: 'Confidence'
};

/**
 * The rows as the planner reads them: a row of amounts by year becomes one row a filled year cell
 * (its amount under that year's own heading, so a problem names the year's column), and each field
 * in `absent` takes the value chosen for every line (blank until one is chosen: the planner then
 * refuses the row, and the caller points the reason at the choice). A row of years with no amount in
 * any of them stays one row with a blank amount, refused as the planner refuses a blank amount.
 */
export function costLayout<F extends string>(
	rows: readonly { row: number; cells: string[] }[],
	columns: readonly (F | null)[],
	headings: readonly string[],
	years: readonly YearColumn[],
	absent: readonly WholeCostField[],
	whole: WholeCostValues
): CostLayout<F> {
	const wholeCells = absent.map((f) => {
		const code = whole[f];
		return code ? wholeCostOptions(f).find((o) => o.code === code)!.label : '';
	});
	const extraColumns: AddedField[] = [
		...(years.length > 0 ? (['financialYear', 'amount'] as const) : []),
		...absent
	];
	const extraHeadings = [
		...(years.length > 0 ? ['Financial year', 'Amount (£)'] : []),
		...absent.map((f) => WHOLE_COST_HEADING[f])
	];
	const layout: CostLayout<F> = {
		columns: [...columns, ...extraColumns],
		headings: [...headings, ...extraHeadings],
		rows: []
	};
	if (extraColumns.length === 0) {
		layout.rows = rows as CostLayout<F>['rows'];
		return layout;
	}
	// Each year's rows name their amount by the year's own heading: one list of headings a year.
	const headingsOf = new Map(
		years.map((y) => {
			const own = [...layout.headings];
			own[headings.length + 1] = y.heading;
			return [y.index, own];
		})
	);
	for (const { row, cells } of rows) {
		if (years.length === 0) {
			layout.rows.push({ row, cells: [...cells, ...wholeCells] });
			continue;
		}
		const filled = years.filter((y) => (cells[y.index] ?? '').trim() !== '');
		if (filled.length === 0) {
			layout.rows.push({ row, cells: [...cells, years[0]!.year, '', ...wholeCells] });
			continue;
		}
		for (const y of filled)
			layout.rows.push({
				row,
				cells: [...cells, y.year, cells[y.index]!, ...wholeCells],
				headings: headingsOf.get(y.index)!
			});
	}
	return layout;
}
