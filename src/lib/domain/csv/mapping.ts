/**
 * Which column holds which field. Councils' spreadsheets use their own headings, so the first guess
 * comes from the headings and the officer corrects it; the corrected mapping is saved for next time.
 */
import { CSV_LIMITS } from './limits';

export const IMPORT_FIELDS = [
	'externalRef',
	'name',
	'description',
	'supplier',
	'product',
	'directorate',
	'serviceArea',
	'hosting',
	'criticality',
	'personalData',
	'lifecycle',
	'businessOwner',
	'technicalOwner',
	'userCount',
	'annualRunCost',
	'contractStart',
	'contractEnd',
	'contractNotice',
	'statutoryDuties',
	'workstreams',
	'outcomes',
	'reviewedOn',
	'reviewer',
	'outcomeReason',
	'outcomeStatus',
	'targetDate',
	'replacingWorkstream'
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABEL: Record<ImportField, string> = {
	externalRef: 'External reference',
	name: 'Name',
	description: 'Description',
	supplier: 'Supplier',
	product: 'Product',
	directorate: 'Directorate',
	serviceArea: 'Service area',
	hosting: 'Hosting',
	criticality: 'Criticality',
	personalData: 'Personal data held',
	lifecycle: 'Lifecycle status',
	businessOwner: 'Business owner',
	technicalOwner: 'Technical owner',
	userCount: 'Number of users',
	annualRunCost: 'Annual run cost (£)',
	contractStart: 'Contract start',
	contractEnd: 'Contract end',
	contractNotice: 'Contract notice date',
	statutoryDuties: 'Statutory duties supported',
	workstreams: 'Workstreams',
	outcomes: 'Outcomes',
	reviewedOn: 'Review date',
	reviewer: 'Reviewed by',
	outcomeReason: 'Reason for the outcomes',
	outcomeStatus: 'Outcome status (proposed or agreed)',
	targetDate: 'Target date (decommission or replace)',
	replacingWorkstream: 'Workstream delivering the replacement'
};

/** Headings people use for each field, normalised (see normaliseHeading). The export's own headings come first. */
const SYNONYMS: Record<ImportField, readonly string[]> = {
	externalRef: [
		'external reference',
		'reference',
		'ref',
		'id',
		'system id',
		'asset id',
		'asset reference',
		'application id'
	],
	name: ['name', 'system name', 'system', 'application', 'application name', 'app name', 'title'],
	description: ['description', 'purpose', 'summary', 'notes'],
	supplier: ['supplier', 'supplier vendor', 'vendor', 'provider', 'supplier name', 'company'],
	product: ['product', 'product name', 'software', 'package'],
	directorate: ['directorate', 'department', 'dept', 'directorate department'],
	serviceArea: ['service area', 'service', 'team', 'service team'],
	hosting: ['hosting', 'hosted', 'hosting model', 'deployment', 'where hosted'],
	criticality: ['criticality', 'critical', 'business criticality', 'priority'],
	personalData: ['personal data held', 'personal data', 'data classification', 'gdpr'],
	lifecycle: ['lifecycle status', 'lifecycle', 'status'],
	businessOwner: ['business owner', 'owner', 'service owner', 'system owner'],
	technicalOwner: ['technical owner', 'technical contact', 'it owner', 'support team'],
	userCount: ['number of users', 'users', 'user count', 'no of users', 'licences', 'licenses'],
	annualRunCost: [
		'annual run cost',
		'annual cost',
		'run cost',
		'cost',
		'annual charge',
		'yearly cost',
		'cost per year'
	],
	contractStart: ['contract start', 'start date', 'contract start date'],
	contractEnd: [
		'contract end',
		'end date',
		'contract end date',
		'expiry',
		'contract expiry',
		'renewal date'
	],
	contractNotice: ['contract notice date', 'notice date', 'notice', 'notice period end'],
	statutoryDuties: ['statutory duties supported', 'statutory duties', 'statutory', 'legislation'],
	workstreams: ['workstreams', 'workstream'],
	outcomes: [
		'outcomes',
		'outcome',
		'review outcome',
		'review outcomes',
		'decision',
		'recommendation',
		'recommended action',
		'disposition'
	],
	reviewedOn: ['review date', 'reviewed on', 'date reviewed', 'date of review'],
	reviewer: ['reviewed by', 'reviewer'],
	outcomeReason: [
		'reason for the outcomes',
		'outcome reason',
		'reason',
		'rationale',
		'review notes'
	],
	outcomeStatus: ['outcome status', 'decision status', 'agreed or proposed', 'agreed'],
	targetDate: ['target date', 'decommission date', 'replacement date', 'switch off date', 'target'],
	replacingWorkstream: [
		'workstream delivering the replacement',
		'replacing workstream',
		'replacement workstream',
		'delivering workstream'
	]
};

/** 'Annual cost (£)' -> 'annual cost'; 'Supplier / Vendor' -> 'supplier vendor'; 'No. of users' -> 'no of users'. */
export function normaliseHeading(heading: string): string {
	return heading
		.toLowerCase()
		.replace(/\([^)]*\)/g, ' ')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/** column index -> field, or null for a column to ignore. */
export type Mapping = (ImportField | null)[];

/**
 * The first guess: each heading matched exactly against the synonyms, then by containing one; a
 * field is taken by the first column that claims it, so no two columns feed the same field.
 */
export function guessMapping(headings: readonly string[]): Mapping {
	const mapping: Mapping = headings.map(() => null);
	const taken = new Set<ImportField>();
	const normalised = headings.map(normaliseHeading);
	const claim = (match: (heading: string, synonym: string) => boolean) => {
		normalised.forEach((heading, i) => {
			if (mapping[i] != null || !heading) return;
			const field = IMPORT_FIELDS.find(
				(f) => !taken.has(f) && SYNONYMS[f].some((s) => match(heading, s))
			);
			if (field) {
				mapping[i] = field;
				taken.add(field);
			}
		});
	};
	claim((heading, synonym) => heading === synonym);
	claim((heading, synonym) => synonym.length > 3 && ` ${heading} `.includes(` ${synonym} `));
	return mapping;
}

/** Problems with a mapping: a field fed by two columns, or no column for the name. */
export function mappingProblems(mapping: Mapping): string[] {
	const problems: string[] = [];
	if (!mapping.includes('name')) problems.push("Choose the column that holds each system's name");
	const seen = new Map<ImportField, number>();
	for (const field of mapping) if (field) seen.set(field, (seen.get(field) ?? 0) + 1);
	for (const [field, count] of seen)
		if (count > 1)
			problems.push(`${count} columns are set to '${IMPORT_FIELD_LABEL[field]}': choose one`);
	return problems;
}

export function isImportField(value: unknown): value is ImportField {
	return typeof value === 'string' && (IMPORT_FIELDS as readonly string[]).includes(value);
}

/**
 * The officer's corrections from the preview form: `col0=name&col1=` (blank = ignore the column),
 * read up to the first missing index, and no further than a file's most columns (a bound on a crafted URL). A mapping whose length does not fit the file is ignored by
 * the preview, so no count of columns is needed here. Each import passes its own fields' guard
 * (the systems import's by default; the ledger import's fields are its own).
 */
export function readMappingParams(params: URLSearchParams | FormData): Mapping | undefined;
export function readMappingParams<F extends string>(
	params: URLSearchParams | FormData,
	isField: (value: unknown) => value is F
): (F | null)[] | undefined;
export function readMappingParams(
	params: URLSearchParams | FormData,
	isField: (value: unknown) => value is string = isImportField
): (string | null)[] | undefined {
	if (!params.has('col0')) return undefined;
	const mapping: (string | null)[] = [];
	for (let i = 0; i < CSV_LIMITS.columns && params.has(`col${i}`); i++) {
		const value = params.get(`col${i}`);
		mapping.push(isField(value) ? value : null);
	}
	return mapping;
}

/** A mapping as the preview's forms and links carry it: `col0=name&col1=` (blank = ignore). */
export const mappingParams = (mapping: readonly (string | null)[]): [string, string][] =>
	mapping.map((field, i): [string, string] => [`col${i}`, field ?? '']);
