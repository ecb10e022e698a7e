/**
 * The dashboard's figures: the review summary overall, by directorate and by service area, the
 * workstreams, every continuity breach, and the data-quality gaps. Each reads the whole portfolio, so they run one per turn
 * of the event loop (a query on a local file runs synchronously) and other requests go between.
 */
import { db } from '../db/database';
import { inTurns } from '../db/bulk';
import * as dashboard from '../repos/dashboard';
import * as dataQuality from '../repos/data-quality';
import * as workstreams from '../repos/workstreams';
import { continuityBreachesOf } from './rollups';

export async function dashboardFigures(organisationId: number) {
	const [totals, byDirectorate, byServiceArea, byWorkstream, continuityBreaches, dataQualityGaps] =
		await inTurns(
			() => dashboard.reviewTotals(db(), organisationId),
			() => dashboard.reviewCountsByDirectorate(db(), organisationId),
			() => dashboard.reviewCountsByServiceArea(db(), organisationId),
			() => workstreams.summariseWorkstreams(db(), organisationId),
			() => continuityBreachesOf(organisationId),
			() => dataQuality.countDataQualityGaps(db(), organisationId)
		);
	return {
		totals,
		byDirectorate,
		byServiceArea,
		byWorkstream,
		continuityBreaches,
		dataQualityGaps
	};
}
