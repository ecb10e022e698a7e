import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { csvResponse } from '$lib/server/web/csv-response';
import {
	ROLLUP_TABLE,
	parseRollupTable,
	reviewTotalsCsv,
	rollupCsv,
	type RollupRow
} from '$lib/domain/csv/rollups';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';
import * as dashboard from '$lib/server/repos/dashboard';
import * as workstreams from '$lib/server/repos/workstreams';

/** The dashboard's roll-ups as CSV: the totals, or `?by=directorate|service-area|workstream` for one table. */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	const table = parseRollupTable(event.url.searchParams.get('by'));
	if (table == null) error(400, 'Choose a table: by=directorate, by=service-area or by=workstream');
	if (table === 'totals') {
		return csvResponse(
			reviewTotalsCsv(await dashboard.reviewTotals(db(), organisationId)),
			csvFileName('review-summary', todayInUk())
		);
	}
	const load: Record<typeof table, () => Promise<RollupRow[]>> = {
		directorate: () => dashboard.reviewCountsByDirectorate(db(), organisationId),
		'service-area': () => dashboard.reviewCountsByServiceArea(db(), organisationId),
		workstream: () => workstreams.summariseWorkstreams(db(), organisationId)
	};
	const { groupLabel, fileStem } = ROLLUP_TABLE[table];
	return csvResponse(
		rollupCsv(groupLabel, await load[table]()),
		csvFileName(fileStem, todayInUk())
	);
};
