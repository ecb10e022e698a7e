import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { versionOf } from '$lib/server/web/business-case-page';
import { xlsxFileName, xlsxResponse } from '$lib/server/web/xlsx-response';
import { financialSheet } from '$lib/domain/xlsx/tables';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';

/** The version's financial tables as an Excel workbook: the same figures as financial.csv, money as numbers. */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	const { businessCase, version, figures } = await versionOf(event, organisationId);
	return xlsxResponse(
		[financialSheet(figures)],
		xlsxFileName(
			csvFileName(`business-case-${businessCase.id}-v${version.number}-financial`, todayInUk())
		)
	);
};
