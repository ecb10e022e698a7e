/** Cost lines as a spreadsheet an officer can read, edit and import back (./cost-lines plans such a file). */
import { toCsv } from './write';
import { COST_LINE_CSV_HEADER } from './cost-line-headings';
import {
	CONFIDENCE_LABEL,
	COST_CATEGORY_LABEL,
	SPEND_TYPE_LABEL,
	type CostLineInput,
	type SpendType
} from '../costs/cost';
import { OUTCOME_LABEL, type Outcome } from '../systems/review';
import { penceToInput } from '../money';

export interface CostLineCsvRow {
	id: number;
	systemExternalRef: string | null;
	systemName: string | null;
	workstreamName: string | null;
	outcome: Outcome | null;
	financialYear: string;
	spendType: SpendType;
	category: CostLineInput['category'];
	amountPence: number;
	confidence: CostLineInput['confidence'];
	fundingSourceName: string | null;
	description: string;
}

/** Words, not codes, and amounts in pounds with pence: the file imports back unchanged. */
export function costLinesCsv(rows: readonly CostLineCsvRow[]): string {
	return toCsv(
		COST_LINE_CSV_HEADER,
		rows.map((r) => [
			String(r.id),
			r.systemExternalRef,
			r.systemName,
			r.workstreamName,
			r.outcome ? OUTCOME_LABEL[r.outcome] : null,
			r.financialYear,
			SPEND_TYPE_LABEL[r.spendType],
			COST_CATEGORY_LABEL[r.category],
			penceToInput(r.amountPence),
			CONFIDENCE_LABEL[r.confidence],
			r.fundingSourceName,
			r.description
		])
	);
}
