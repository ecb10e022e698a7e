/** The systems list as a CSV download, streamed a batch of rows at a time. */
import type { SystemQuery } from '$lib/domain/systems';
import { SYSTEM_CSV_HEADER, systemCsvCells } from '$lib/domain/csv/systems';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';
import { snapshotRead } from '../db/database';
import * as systems from '../repos/systems';
import { csvProducedResponse } from './csv-response';

/**
 * Every system matching `query` as CSV, byte for byte what `systemsCsv` makes of the same rows, but
 * read and written a batch at a time (repos/system-export.ts) and sent as it is made: 100,000
 * systems never sit in memory as one 21 MB string, and no batch holds the event loop for long.
 */
export function systemsCsvResponse(
	organisationId: number,
	query: SystemQuery,
	options: { batchRows?: number } = {}
): Response {
	return csvProducedResponse(
		SYSTEM_CSV_HEADER,
		csvFileName('systems', todayInUk()),
		// One snapshot for the whole file: a system edited while it downloads appears once, as it was
		// when the download began, even when the edit moves it across a batch's boundary.
		(emit) =>
			snapshotRead(async (ex) => {
				for await (const batch of systems.exportSystemBatches(ex, organisationId, query, options))
					await emit(batch.map(systemCsvCells));
			})
	);
}
