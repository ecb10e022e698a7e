/** The systems list as a CSV download, streamed a batch of rows at a time. */
import type { SystemQuery } from '$lib/domain/systems';
import { SYSTEM_CSV_HEADER, systemCsvCells } from '$lib/domain/csv/systems';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';
import { db } from '../db/database';
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
		async (emit) => {
			for await (const batch of systems.exportSystemBatches(db(), organisationId, query, options))
				await emit(batch.map(systemCsvCells));
		}
	);
}
