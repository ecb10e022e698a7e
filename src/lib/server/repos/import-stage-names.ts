/**
 * The names an import creates stand in its staged rows as placeholders (negative ids, never a real
 * row's): inside the commit's write transaction, once the records exist, each placeholder is
 * swapped for the record's id, in the staged systems, links, outcomes and audit rows, before they
 * are copied into the real tables.
 */
import type { InValue } from '@libsql/client';
import type { Executor } from '../db';
import { execute } from '../db/bulk';

/** `CASE <expr> WHEN -1 THEN 12 ... END` over the swaps, with its arguments. */
function swapCase(expr: string, swaps: ReadonlyMap<number, number>): [string, InValue[]] {
	const args: InValue[] = [];
	for (const [placeholder, id] of swaps) args.push(placeholder, id);
	return [
		`CASE CAST(${expr} AS INTEGER) ${[...swaps].map(() => 'WHEN ? THEN CAST(? AS INTEGER)').join(' ')} END`,
		args
	];
}

/** Swaps the placeholders of new directorates and service areas (placeholder -> id) in a run's staged systems and their audit rows. */
export async function swapPlaceholderPlaces(
	ex: Executor,
	runId: number,
	column: 'directorate_id' | 'service_area_id',
	swaps: ReadonlyMap<number, number>
): Promise<void> {
	if (swaps.size === 0) return;
	const [change, changeArgs] = swapCase(column, swaps);
	await execute(
		ex,
		`UPDATE import_stage_change SET ${column} = ${change} WHERE run_id = ? AND ${column} < 0`,
		[...changeArgs, runId]
	);
	// The audit rows staged for a new or updated system name the field as the form does.
	const path = column === 'directorate_id' ? '$.directorateId' : '$.serviceAreaId';
	const [audit, auditArgs] = swapCase(`json_extract(after, '${path}')`, swaps);
	await execute(
		ex,
		`UPDATE import_stage_audit SET after = json_set(after, '${path}', ${audit}) WHERE run_id = ? AND json_extract(after, '${path}') < 0`,
		[...auditArgs, runId]
	);
}

/** Swaps the placeholders of new workstreams in a run's staged links and review outcomes. */
export async function swapPlaceholderWorkstreams(
	ex: Executor,
	runId: number,
	swaps: ReadonlyMap<number, number>
): Promise<void> {
	if (swaps.size === 0) return;
	const [expr, args] = swapCase('workstream_id', swaps);
	await execute(
		ex,
		`UPDATE import_stage_link SET workstream_id = ${expr} WHERE run_id = ? AND workstream_id < 0`,
		[...args, runId]
	);
	await execute(
		ex,
		`UPDATE import_stage_outcome SET workstream_id = ${expr} WHERE run_id = ? AND workstream_id < 0`,
		[...args, runId]
	);
}
