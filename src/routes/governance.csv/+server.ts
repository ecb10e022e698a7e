import type { RequestHandler } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { csvStreamResponse } from '$lib/server/web/csv-response';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';
import { SCRUTINY_CSV_HEADER, scrutinyCsvRows } from '$lib/domain/governance/scrutiny';
import * as register from '$lib/server/services/governance-register';

/** The scrutiny view as CSV: one row per critical or statutory system, the four answers in words. */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'governance:read');
	const today = todayInUk();
	const view = await register.scrutiny(db(), organisationId, today);
	return csvStreamResponse(
		SCRUTINY_CSV_HEADER,
		scrutinyCsvRows(view.rows),
		csvFileName('governance-scrutiny', today)
	);
};
