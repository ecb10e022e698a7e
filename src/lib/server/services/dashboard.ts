/**
 * The dashboard's figures: the review summary overall, by directorate and by service area, the
 * workstreams, and every continuity breach. Each reads the whole portfolio, so they run one per turn
 * of the event loop (a query on a local file runs synchronously) and other requests go between.
 */
import { db } from '../database';
import { inTurns } from '../db/bulk';
import * as dashboard from '../repos/dashboard';
import * as workstreams from '../repos/workstreams';
import { continuityBreachesOf } from './rollups';

export async function dashboardFigures(organisationId: number) {
	const [totals, byDirectorate, byServiceArea, byWorkstream, continuityBreaches] = await inTurns(
		() => dashboard.reviewTotals(db(), organisationId),
		() => dashboard.reviewCountsByDirectorate(db(), organisationId),
		() => dashboard.reviewCountsByServiceArea(db(), organisationId),
		() => workstreams.summariseWorkstreams(db(), organisationId),
		() => continuityBreachesOf(organisationId)
	);
	return { totals, byDirectorate, byServiceArea, byWorkstream, continuityBreaches };
}
