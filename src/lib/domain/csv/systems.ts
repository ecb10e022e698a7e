/** The systems list as a spreadsheet: words, not codes, and money in pounds with pence. */
import { toCsv, type CsvCell } from './write';
import {
	CRITICALITY_LABEL,
	HOSTING_LABEL,
	LIFECYCLE_LABEL,
	PERSONAL_DATA_LABEL,
	REVIEW_STATUS_LABEL,
	labelOf
} from '../systems/system';
import { OUTCOME_LABEL, type Outcome } from '../systems/review';
import { penceToInput } from '../money';

export const SYSTEM_CSV_HEADER = [
	'External reference',
	'Name',
	'Supplier',
	'Product',
	'Directorate',
	'Service area',
	'Hosting',
	'Criticality',
	'Number of users',
	'Annual run cost (£)',
	'Contract start',
	'Contract end',
	'Contract notice date',
	'Personal data held',
	'Lifecycle status',
	'Review status',
	'Outcomes'
] as const;

export interface SystemCsvRow {
	externalRef: string | null;
	name: string;
	supplier: string;
	product: string;
	directorateName: string;
	serviceAreaName: string | null;
	hosting: string;
	criticality: string;
	userCount: number | null;
	annualRunCostPence: number | null;
	contractStart: string | null;
	contractEnd: string | null;
	contractNotice: string | null;
	personalData: string;
	lifecycle: string;
	reviewStatus: string;
	outcomes: Outcome[];
}

/** One system's cells under SYSTEM_CSV_HEADER: words, not codes; pounds with pence. */
export function systemCsvCells(r: SystemCsvRow): CsvCell[] {
	return [
		r.externalRef,
		r.name,
		r.supplier,
		r.product,
		r.directorateName,
		r.serviceAreaName,
		labelOf(HOSTING_LABEL, r.hosting),
		labelOf(CRITICALITY_LABEL, r.criticality),
		r.userCount,
		r.annualRunCostPence == null ? null : penceToInput(r.annualRunCostPence),
		r.contractStart,
		r.contractEnd,
		r.contractNotice,
		labelOf(PERSONAL_DATA_LABEL, r.personalData),
		labelOf(LIFECYCLE_LABEL, r.lifecycle),
		labelOf(REVIEW_STATUS_LABEL, r.reviewStatus),
		r.outcomes.map((o) => OUTCOME_LABEL[o]).join('; ')
	];
}

/** Dates stay ISO (YYYY-MM-DD), which Excel reads as dates in every locale; several outcomes are joined with '; '. */
export function systemsCsv(rows: readonly SystemCsvRow[]): string {
	return toCsv(SYSTEM_CSV_HEADER, rows.map(systemCsvCells));
}
