/**
 * The dashboard's recovery guard as one query: systems in use that support a statutory duty whose
 * recovery has never been tested, or whose last test (by date, then the later recorded) did not
 * prove it: recorded as failed, over the system's RTO, or with no RTO to meet. The same rule as
 * `untestedStatutory` in domain/governance/scrutiny.ts, which reads the scrutiny view's rows; this
 * one reads a page of them in SQL so the dashboard does not load every system of a large portfolio.
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { recoveryTest, recoveryTestSystem, system } from '../db/schema';
import type { Executor } from '../db';
import { UNPROVEN_WHY } from '$lib/domain/governance/scrutiny';
import { RUNNING_LIFECYCLES } from '$lib/domain/systems';

export interface UnprovenRecovery {
	systemId: number;
	name: string;
	/** The last test's date; null when never tested. */
	lastTestedOn: string | null;
	why: (typeof UNPROVEN_WHY)[keyof typeof UNPROVEN_WHY];
}

/** The first `limit` such systems by name, and how many there are in all, as at `today`. */
export async function listUnprovenRecovery(
	ex: Executor,
	organisationId: number,
	today: string,
	limit: number
): Promise<{ rows: UnprovenRecovery[]; total: number }> {
	const last = ex.$with('last_test').as(
		ex
			.select({
				systemId: recoveryTestSystem.systemId,
				testedOn: recoveryTest.testedOn,
				proven:
					sql<number>`(${recoveryTest.result} <> 'failed' AND coalesce(${recoveryTestSystem.withinRto}, 0) = 1)`.as(
						'proven'
					),
				n: sql<number>`row_number() OVER (PARTITION BY ${recoveryTestSystem.systemId} ORDER BY ${recoveryTest.testedOn} DESC, ${recoveryTest.id} DESC)`.as(
					'n'
				)
			})
			.from(recoveryTestSystem)
			.innerJoin(recoveryTest, eq(recoveryTest.id, recoveryTestSystem.testId))
			.where(
				and(
					eq(recoveryTestSystem.organisationId, organisationId),
					lte(recoveryTest.testedOn, today)
				)
			)
	);
	const rows = await ex
		.with(last)
		.select({
			systemId: system.id,
			name: system.name,
			lastTestedOn: last.testedOn,
			total: sql<number>`count(*) OVER ()`
		})
		.from(system)
		.leftJoin(last, and(eq(last.systemId, system.id), eq(last.n, 1)))
		.where(
			and(
				eq(system.organisationId, organisationId),
				inArray(system.lifecycle, [...RUNNING_LIFECYCLES]),
				sql`trim(${system.statutoryDuties}, ' ' || char(9, 10, 13)) <> ''`,
				sql`coalesce(${last.proven}, 0) = 0`
			)
		)
		.orderBy(asc(system.name), asc(system.id))
		.limit(limit);
	return {
		rows: rows.map((r) => ({
			systemId: r.systemId,
			name: r.name,
			lastTestedOn: r.lastTestedOn,
			why: r.lastTestedOn == null ? UNPROVEN_WHY.never : UNPROVEN_WHY.failed
		})),
		total: rows[0]?.total ?? 0
	};
}
