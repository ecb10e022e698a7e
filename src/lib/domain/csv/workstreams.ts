/** Workstreams as spreadsheets: the list with its counts, and the systems linked to one workstream. */
import { toCsv } from './write';
import { ROLLUP_COUNT_HEADER, rollupCounts, type RollupRow } from './rollups';
import { CRITICALITY_LABEL, REVIEW_STATUS_LABEL, labelOf } from '../systems/system';
import { OUTCOME_LABEL, type Outcome } from '../systems/review';
import { penceToInput } from '../money';

export interface WorkstreamCsvRow extends RollupRow {
	lead: string;
}

/** `/workstreams`: each workstream, its lead and its linked systems by current outcome. */
export function workstreamsCsv(rows: readonly WorkstreamCsvRow[]): string {
	return toCsv(
		['Workstream', 'Lead', ...ROLLUP_COUNT_HEADER],
		rows.map((r) => [r.name, r.lead, ...rollupCounts(r)])
	);
}

export const LINKED_SYSTEM_CSV_HEADER = [
	'Name',
	'External reference',
	'Supplier',
	'Product',
	'Directorate',
	'Service area',
	'Criticality',
	'Annual run cost (£)',
	'Contract end',
	'Review status',
	'Outcomes',
	'Note'
] as const;

/** A linked system as the workstream page lists it. */
export interface LinkedSystemCsvRow {
	id: number;
	name: string;
	supplier: string;
	reviewStatus: string;
	note: string;
}

/** The same system's catalogue details, from the systems export. */
export interface LinkedSystemDetail {
	id: number;
	externalRef: string | null;
	product: string;
	directorateName: string;
	serviceAreaName: string | null;
	criticality: string;
	annualRunCostPence: number | null;
	contractEnd: string | null;
	outcomes: Outcome[];
}

/**
 * The systems linked to one workstream. The rows are exactly the page's list (so the count matches);
 * each is filled in from its catalogue details, left blank if the system changed in between.
 */
export function workstreamSystemsCsv(
	linked: readonly LinkedSystemCsvRow[],
	details: readonly LinkedSystemDetail[]
): string {
	const byId = new Map(details.map((d) => [d.id, d]));
	return toCsv(
		LINKED_SYSTEM_CSV_HEADER,
		linked.map((s) => {
			const d = byId.get(s.id);
			return [
				s.name,
				d?.externalRef,
				s.supplier,
				d?.product,
				d?.directorateName,
				d?.serviceAreaName,
				labelOf(CRITICALITY_LABEL, d?.criticality),
				d?.annualRunCostPence == null ? null : penceToInput(d.annualRunCostPence),
				d?.contractEnd,
				labelOf(REVIEW_STATUS_LABEL, s.reviewStatus),
				d?.outcomes.map((o) => OUTCOME_LABEL[o]).join('; '),
				s.note
			];
		})
	);
}
