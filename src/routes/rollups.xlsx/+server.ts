import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { xlsxFileName, xlsxResponse } from '$lib/server/web/xlsx-response';
import { todayInUk } from '$lib/domain/dates';
import { readRollupDownload, rollupFileName } from '$lib/domain/rollups';
import { rollupTableSheet } from '$lib/domain/xlsx/tables';
import * as report from '$lib/server/services/rollup-report';

/** One `/rollups` table as an Excel workbook: the same parameters and figures as /rollups.csv, with number and date cells. */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	const asked = readRollupDownload(event.url.searchParams);
	if (!asked.ok) error(400, asked.error);
	const today = todayInUk();
	const model = await report.rollupTable(organisationId, asked.table, {
		today,
		years: asked.years
	});
	return xlsxResponse([rollupTableSheet(model)], xlsxFileName(rollupFileName(asked, today)));
};
