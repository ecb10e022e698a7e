/**
 * A spreadsheet's totals row under its list ('Total', 'Totals:', 'Grand total', 'Sub-total'): not a
 * system or a cost line. Read as one, it would become a system called 'Total'; so each import
 * refuses it with its own words, by the cell that names what the row is for.
 */
const TOTALS_ROW = /^(?:grand\s+|sub[-\s]?)?totals?\s*:?$/i;

export const isTotalsRow = (name: string) => TOTALS_ROW.test(name.trim());

/** The reason given for such a row; `what` is what a row of the file is ('system', 'cost line'). */
export const totalsRowReason = (what: string) =>
	`This looks like a totals row, not a ${what}: it is left out`;
