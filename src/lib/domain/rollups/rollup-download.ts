/**
 * What a `/rollups` table download asks for (`?table=cost-by-workstream&years=10`): the table and the
 * whole-life period, read once for both the CSV and the Excel download so they answer alike.
 */
import { ROLLUP_TABLE_IDS, parseRollupTableId, type RollupTableId } from './rollup-tables';
import { parseWholeLifeYears } from './plan-tables';
import { csvFileName } from '../csv/write';

export type RollupDownload =
	{ ok: true; table: RollupTableId; years: number } | { ok: false; error: string };

/** The table and period asked for, or the refusal (a 400) naming what to send. */
export function readRollupDownload(params: URLSearchParams): RollupDownload {
	const table = parseRollupTableId(params.get('table'));
	if (table == null)
		return { ok: false, error: `Choose a table: table=${ROLLUP_TABLE_IDS.join(', table=')}` };
	const years = parseWholeLifeYears(params.get('years'));
	if (!years.ok) return { ok: false, error: years.error };
	return { ok: true, table, years: years.years };
}

/** The download's file name ('cost-by-workstream-2026-12-06.csv'); whole-life carries its period. */
export function rollupFileName(
	asked: { table: RollupTableId; years: number },
	today: string
): string {
	return csvFileName(
		asked.table === 'whole-life' ? `whole-life-${asked.years}-years` : asked.table,
		today
	);
}
