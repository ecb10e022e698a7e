/** The review summary the strategy group reports: counts by outcome, overall and by grouping. */
import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import { system, reviewOutcome, directorate, serviceArea } from '../db/schema';
import { currentOutcome } from './current-outcome';
import type { Executor } from '../db';
import { letOthersRun } from '../db/bulk';
import { OUTCOMES, type Outcome } from '$lib/domain/systems';

export interface ReviewCounts {
	systems: number;
	reviewed: number;
	notReviewed: number;
	multiple: number;
	outcomes: Record<Outcome, number>;
	/** Outcomes recorded in all: more than `reviewed` when systems have several. */
	outcomeTotal: number;
}

export interface GroupCounts extends ReviewCounts {
	id: number | null;
	name: string;
}

function emptyOutcomes(): Record<Outcome, number> {
	return { maintain: 0, develop: 0, decommission: 0, replace: 0 };
}

async function countBy(
	ex: Executor,
	organisationId: number,
	key: SQL<number | null> | undefined
): Promise<Map<number | null, ReviewCounts>> {
	const group = key ?? sql<null>`NULL`;
	const live = and(eq(system.organisationId, organisationId), ne(system.lifecycle, 'archived'));
	const query = ex
		.select({
			key: group,
			systems: sql<number>`count(*)`,
			reviewed: sql<number>`coalesce(sum(${system.reviewStatus} <> 'not_reviewed'), 0)`,
			multiple: sql<number>`coalesce(sum(${system.outcomeCount} > 1), 0)`
		})
		.from(system)
		.where(live);
	// Read from system_org_review_summary_idx alone; with no key, one row without a grouping step.
	const base = key ? await query.groupBy(group) : await query;
	// One query per outcome, with other requests let in between: at 100,000 systems, a single count of
	// every current outcome (joined to its system for the grouping) held the event loop for over 100 ms.
	const outcomes: { key: number | null; outcome: Outcome; n: number }[] = [];
	for (const outcome of OUTCOMES) {
		await letOthersRun();
		const rows = await ex
			.select({ key: group, n: sql<number>`count(*)` })
			.from(reviewOutcome)
			.innerJoin(system, eq(system.id, reviewOutcome.systemId))
			// Unary + keeps the planner going from this outcome's rows to their systems, not through every system.
			.where(
				and(
					eq(reviewOutcome.organisationId, organisationId),
					currentOutcome(outcome),
					sql`+${system.organisationId} = ${organisationId}`,
					ne(system.lifecycle, 'archived')
				)
			)
			.groupBy(group);
		for (const r of rows) outcomes.push({ key: r.key, outcome, n: r.n });
	}
	const result = new Map<number | null, ReviewCounts>();
	for (const b of base) {
		result.set(b.key, {
			systems: b.systems,
			reviewed: b.reviewed,
			notReviewed: b.systems - b.reviewed,
			multiple: b.multiple,
			outcomes: emptyOutcomes(),
			outcomeTotal: 0
		});
	}
	for (const o of outcomes) {
		const counts = result.get(o.key);
		if (!counts) continue;
		counts.outcomes[o.outcome] = o.n;
		counts.outcomeTotal += o.n;
	}
	return result;
}

/** The organisation's headline figures. */
export async function reviewTotals(ex: Executor, organisationId: number): Promise<ReviewCounts> {
	const all = await countBy(ex, organisationId, undefined);
	return (
		all.get(null) ?? {
			systems: 0,
			reviewed: 0,
			notReviewed: 0,
			multiple: 0,
			outcomes: emptyOutcomes(),
			outcomeTotal: 0
		}
	);
}

/** The same figures per directorate, including systems with none recorded. */
export async function reviewCountsByDirectorate(
	ex: Executor,
	organisationId: number
): Promise<GroupCounts[]> {
	const counts = await countBy(ex, organisationId, sql<number | null>`${system.directorateId}`);
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
	const counts = await countBy(ex, organisationId, sql<number | null>`${system.serviceAreaId}`);
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
