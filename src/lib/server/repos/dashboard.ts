/**
 * The review summary the strategy group reports: counts by outcome, overall and by grouping, read
 * from the kept counts (repos/review-counts.ts), so the dashboard costs the same at 100 systems or 100,000.
 */
import { eq } from 'drizzle-orm';
import { directorate, serviceArea } from '../db/schema';
import type { Executor } from '../db';
import { keptByGroup, keptTotals, type ReviewCounts } from './review-counts';

export type { ReviewCounts };

export interface GroupCounts extends ReviewCounts {
	id: number | null;
	name: string;
}

/** The organisation's headline figures. */
export async function reviewTotals(ex: Executor, organisationId: number): Promise<ReviewCounts> {
	return keptTotals(ex, organisationId);
}

/** The same figures per directorate, including systems with none recorded. */
export async function reviewCountsByDirectorate(
	ex: Executor,
	organisationId: number
): Promise<GroupCounts[]> {
	const counts = await keptByGroup(ex, organisationId, 'directorate');
	const names = await ex
		.select({ id: directorate.id, name: directorate.name })
		.from(directorate)
		.where(eq(directorate.organisationId, organisationId));
	return named(counts, names, 'No directorate recorded');
}

/** The same figures per service area (for example 'Children and Families'). */
export async function reviewCountsByServiceArea(
	ex: Executor,
	organisationId: number
): Promise<GroupCounts[]> {
	const counts = await keptByGroup(ex, organisationId, 'serviceArea');
	const names = await ex
		.select({ id: serviceArea.id, name: serviceArea.name })
		.from(serviceArea)
		.where(eq(serviceArea.organisationId, organisationId));
	return named(counts, names, 'No service area recorded');
}

function named(
	counts: Map<number | null, ReviewCounts>,
	names: { id: number; name: string }[],
	noneLabel: string
): GroupCounts[] {
	const rows: GroupCounts[] = [];
	for (const { id, name } of names) {
		const c = counts.get(id);
		if (c) rows.push({ id, name, ...c });
	}
	rows.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
	const none = counts.get(null);
	if (none) rows.push({ id: null, name: noneLabel, ...none });
	return rows;
}
