import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { csvResponse } from '$lib/server/web/csv-response';
import { versionOf } from '$lib/server/web/business-case-page';
import { financialCsv } from '$lib/domain/csv/business-case-financial';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';

/** The version's financial tables as CSV: the same figures as its page (a frozen version's as approved). */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	const { businessCase, version, figures } = await versionOf(event, organisationId);
	return csvResponse(
		financialCsv(figures),
		csvFileName(`business-case-${businessCase.id}-v${version.number}-financial`, todayInUk())
	);
};
