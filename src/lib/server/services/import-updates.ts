/**
 * What the systems import needs to show its updates and record the agreed-review tick: the names the
 * update diff shows instead of ids, and the audit row's account of the agreed reviews.
 */
import * as organisations from '../repos/organisations';
import type { Executor } from '../db';
import { namesForUpdates } from '$lib/domain/csv/update-diff';
import type { AuditNames } from '$lib/domain/audit';
import type { AgreedReviews } from '$lib/domain/csv/agreed-reviews';

/** Directorate and service area names by id, for the updates in words. */
export async function updateNames(ex: Executor, organisationId: number): Promise<AuditNames> {
	const { directorates, serviceAreas } = await organisations.systemFormContext(ex, organisationId);
	return namesForUpdates(directorates, serviceAreas);
}

/** For the import's audit row: how many agreed reviews the officer's tick replaced, or how many rows were left out without it. */
export function agreedCounts(agreed: AgreedReviews): Record<string, number> {
	if (agreed.total === 0) return {};
	return agreed.replace
		? { agreedReviewsReplaced: agreed.total }
		: { leftOutAgreedReview: agreed.total };
}
