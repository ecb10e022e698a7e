/**
 * The check behind `npm run costs:rebuild` for the dashboard's kept figures: the review counts and
 * the continuity outcomes (kept by triggers) against the same figures worked out from scratch, for
 * one organisation in one transaction; any difference is repaired and audited.
 */
import { transaction } from '../db/database';
import * as reviewCounts from '../repos/review-counts';
import * as continuity from '../repos/continuity';
import { recordAudit } from '../repos/audit';
import type { Actor } from './actor';

export interface DashboardCountDifference {
	table: 'review_count' | 'workstream_review_count' | 'continuity_outcome';
	key: string;
	kept: string;
	rebuilt: string;
}

const text = (v: unknown) => (v == null ? 'none' : JSON.stringify(v));

export async function rebuildDashboardCounts(actor: Actor): Promise<DashboardCountDifference[]> {
	const organisationId = actor.organisationId;
	return transaction(async (tx) => {
		const counts = await reviewCounts.reviewCountDifferences(tx, organisationId);
		const outcomes = await continuity.continuityDifferences(tx, organisationId);
		const differences: DashboardCountDifference[] = [
			...counts.map((d) => ({
				table: d.table,
				key: d.key,
				kept: text(d.kept),
				rebuilt: text(d.rebuilt)
			})),
			...outcomes.map((d) => ({
				table: 'continuity_outcome' as const,
				key: `outcome ${d.outcomeId}`,
				kept: text(d.kept),
				rebuilt: text(d.rebuilt)
			}))
		];
		if (counts.length > 0) await reviewCounts.rebuildReviewCounts(tx, organisationId);
		if (outcomes.length > 0) await continuity.rebuildContinuity(tx, organisationId);
		await recordAudit(tx, actor, {
			entity: 'dashboard_count',
			action: 'rebuild',
			after: { differences: differences.length },
			detail: differences
				.slice(0, 20)
				.map((d) => `${d.table} ${d.key}: kept ${d.kept}, rebuilt ${d.rebuilt}`)
				.join('; ')
		});
		return differences;
	});
}
