/**
 * The cost lines spreadsheet's columns: the export's headings, and matching a file's headings to them
 * by normalised name (the export's own, then the usual variants). There is no mapping step: the
 * columns are few and fixed, so a heading not understood is ignored and listed, a missing one refused.
 */
import { normaliseHeading } from './mapping';
import type { ValueSet } from './value-words';
import type { MissingKind } from './cost-import-findings';
import {
	WHOLE_COST_FIELDS,
	yearOfHeading,
	type WholeCostField,
	type YearColumn
} from './cost-layout';

export const COST_FIELDS = [
	'lineId',
	'systemRef',
	'systemName',
	'workstream',
	'outcome',
	'financialYear',
	'spendType',
	'category',
	'amount',
	'confidence',
	'fundingSource',
	'description'
] as const;
export type CostField = (typeof COST_FIELDS)[number];

/** The export's headings, one per field, in column order. */
export const COST_FIELD_HEADING: Record<CostField, string> = {
	lineId: 'Line reference',
	systemRef: 'System external reference',
	systemName: 'System name',
	workstream: 'Workstream',
	outcome: 'Outcome',
	financialYear: 'Financial year',
	spendType: 'Capital or revenue',
	category: 'Category',
	amount: 'Amount (£)',
	confidence: 'Confidence',
	fundingSource: 'Funding source',
	description: 'Description'
};
export const COST_LINE_CSV_HEADER = COST_FIELDS.map((f) => COST_FIELD_HEADING[f]);

/** Headings people use for each field, normalised (normaliseHeading drops '(£)'). */
const SYNONYMS: Record<CostField, readonly string[]> = {
	lineId: [
		'line reference',
		'line ref',
		'line id',
		'cost line reference',
		'cost line id',
		'cost line'
	],
	systemRef: [
		'system external reference',
		'system reference',
		'system ref',
		'external reference',
		'system id'
	],
	systemName: ['system name', 'system', 'application', 'application name'],
	workstream: ['workstream', 'workstream name', 'work stream', 'programme'],
	outcome: ['outcome', 'review outcome', 'for outcome'],
	financialYear: ['financial year', 'fy', 'year', 'fin year', 'budget year'],
	spendType: [
		'capital or revenue',
		'capital revenue',
		'spend type',
		'type of spend',
		'cap rev',
		'capex opex'
	],
	category: ['category', 'cost category', 'type of cost', 'cost type'],
	amount: ['amount', 'amount gbp', 'amount pounds', 'cost', 'value', 'amount in pounds'],
	confidence: ['confidence', 'status', 'certainty'],
	fundingSource: ['funding source', 'funding', 'funded by', 'source of funding'],
	description: ['description', 'notes', 'note', 'details']
};

/**
 * Fields a file must have. A line's target (system or workstream) is checked per row; year and
 * amount may come as amounts by year instead, and the fields in WHOLE_COST_FIELDS may be set for
 * every line instead (./cost-layout).
 */
const REQUIRED: readonly CostField[] = [
	'financialYear',
	'spendType',
	'category',
	'amount',
	'confidence'
];

export interface CostHeadings {
	/** column index -> field, or null for a column not understood (ignored) or of a year's amounts. */
	columns: (CostField | null)[];
	/** Columns of amounts by year ('2026/27'), when the file lays its years across (./cost-layout). */
	years: YearColumn[];
	/** Fields a line needs that the file has no column for: one value for every line, chosen on the preview. */
	absent: WholeCostField[];
	/** Headings not understood, listed on the preview. */
	ignored: string[];
	/** A problem with the whole file: a required column missing, or two columns for one field. */
	problem: string | null;
}

/** Matches headings to fields by normalised name: the export's own, then the usual variants. */
export function matchCostHeadings(headings: readonly string[]): CostHeadings {
	const byName = new Map<string, CostField>();
	for (const field of COST_FIELDS)
		for (const name of SYNONYMS[field]) if (!byName.has(name)) byName.set(name, field);
	const columns = headings.map((h) => byName.get(normaliseHeading(h)) ?? null);
	const problems: string[] = [];
	const years: YearColumn[] = [];
	const inThousands: string[] = [];
	for (const [index, heading] of headings.entries()) {
		if (columns[index] != null) continue;
		const year = yearOfHeading(heading);
		if (year === 'thousands') inThousands.push(heading);
		else if (year) years.push({ index, year, heading });
	}
	const ignored = headings.flatMap((h, i) =>
		columns[i] == null && !years.some((y) => y.index === i) && !inThousands.includes(h)
			? [h || `(column ${i + 1}, no heading)`]
			: []
	);
	if (inThousands.length > 0)
		problems.push(
			`'${inThousands.join("', '")}' ${inThousands.length === 1 ? 'gives' : 'give'} amounts in thousands: give every amount in pounds, and upload again`
		);
	const yearsGiven = years.map((y) => y.heading).join("', '");
	for (const [i, y] of years.entries()) {
		const earlier = years.slice(0, i).find((e) => e.year === y.year);
		if (earlier)
			problems.push(
				`Two columns give ${y.year}: '${earlier.heading}' and '${y.heading}'. Remove one`
			);
	}
	if (years.length > 0)
		for (const field of ['financialYear', 'amount', 'lineId'] as const) {
			const at = columns.indexOf(field);
			if (at >= 0)
				problems.push(
					field === 'lineId'
						? `A file with amounts by year ('${yearsGiven}') cannot have a '${headings[at]}' column: each of its rows makes a line a year. Update lines by reference in the export's layout, one line a row`
						: `The file gives amounts both in '${headings[at]}' and by year ('${yearsGiven}'): keep one layout, and upload again`
				);
		}
	for (const field of COST_FIELDS) {
		const at = columns.flatMap((f, i) => (f === field ? [headings[i]] : []));
		if (at.length > 1)
			problems.push(
				`Two columns give the ${COST_FIELD_HEADING[field].toLowerCase()}: '${at.join("' and '")}'. Remove one`
			);
	}
	const missing = REQUIRED.filter(
		(f) =>
			!columns.includes(f) &&
			!(WHOLE_COST_FIELDS as readonly string[]).includes(f) &&
			!(years.length > 0 && (f === 'financialYear' || f === 'amount'))
	);
	const absent = WHOLE_COST_FIELDS.filter((f) => !columns.includes(f));
	if (missing.length > 0)
		problems.push(
			`The file has no ${missing.map((f) => `'${COST_FIELD_HEADING[f]}'`).join(', ')} column${missing.length > 1 ? 's' : ''}`
		);
	if (!columns.some((f) => f === 'systemRef' || f === 'systemName' || f === 'workstream')) {
		problems.push(
			`The file has no '${COST_FIELD_HEADING.systemRef}', '${COST_FIELD_HEADING.systemName}' or '${COST_FIELD_HEADING.workstream}' column, so no line can be matched to what it is for`
		);
	}
	return {
		columns,
		years,
		absent,
		ignored,
		problem: problems.length > 0 ? problems.join('. ') : null
	};
}

/** The columns whose cells are words from a fixed set (./value-words), by the set they are read in. */
const VALUE_SET_FIELD: Partial<Record<ValueSet, CostField>> = {
	spendType: 'spendType',
	costCategory: 'category',
	confidence: 'confidence',
	outcome: 'outcome'
};

/** The columns whose cells name something the organisation holds (./cost-import-findings), by kind. */
const NAME_FIELD: Record<MissingKind, CostField> = {
	system: 'systemName',
	systemRef: 'systemRef',
	workstream: 'workstream',
	fundingSource: 'fundingSource'
};

/** The file's own heading of each of these fields' columns, so the preview names them as the file does. */
function headingsOf<K extends string>(
	fields: Partial<Record<K, CostField>>,
	columns: readonly (CostField | null)[],
	headings: readonly string[]
): Partial<Record<K, string>> {
	const out: Partial<Record<K, string>> = {};
	for (const [key, field] of Object.entries(fields) as [K, CostField][]) {
		const at = columns.indexOf(field);
		if (at >= 0) out[key] = headings[at] || COST_FIELD_HEADING[field];
	}
	return out;
}

/** The file's heading of each column read as a fixed set of words. */
export const valueColumnHeadings = (
	columns: readonly (CostField | null)[],
	headings: readonly string[]
) => headingsOf(VALUE_SET_FIELD, columns, headings);

/** The file's heading of each column that names a system, workstream or funding source. */
export const nameColumnHeadings = (
	columns: readonly (CostField | null)[],
	headings: readonly string[]
) => headingsOf(NAME_FIELD, columns, headings);
