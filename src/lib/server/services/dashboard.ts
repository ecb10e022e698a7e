/**
 * The dashboard's figures: the review summary overall, by directorate and by service area, the
 * workstreams, the continuity breaches (how many, and the first `continuityShown`), and the
 * data-quality gaps. Each reads kept counts or a bounded index range, so the page costs about the
 * same at 100 systems or 100,000; they still run one per turn of the event loop (a query on a local
 * file runs synchronously), so other requests go between.
 */
import { db } from '../db/database';
import { inTurns } from '../db/bulk';
import * as dashboard from '../repos/dashboard';
import * as dataQuality from '../repos/data-quality';
import * as workstreams from '../repos/workstreams';
import { continuitySummary } from './continuity-summary';

export async function dashboardFigures(organisationId: number, continuityShown: number) {
	const [totals, byDirectorate, byServiceArea, byWorkstream, continuity, dataQualityGaps] =
		await inTurns(
			() => dashboard.reviewTotals(db(), organisationId),
			() => dashboard.reviewCountsByDirectorate(db(), organisationId),
			() => dashboard.reviewCountsByServiceArea(db(), organisationId),
			() => workstreams.summariseWorkstreams(db(), organisationId),
			() => continuitySummary(organisationId, continuityShown),
			() => dataQuality.countDataQualityGaps(db(), organisationId)
		);
	return { totals, byDirectorate, byServiceArea, byWorkstream, continuity, dataQualityGaps };
}
