/** The systems list as a file: every system matching the list's query, in its order (CSV and Excel). */
import { asc, desc, eq } from 'drizzle-orm';
import { system, serviceArea } from '../db/schema';
import type { Executor } from '../db';
import { outcomesOfFlags, type Outcome, type SystemQuery } from '$lib/domain/systems';
import { todayInUk } from '$lib/domain/dates';
import { SORT_KEY, systemFilter, type SystemListRow } from './system-list';
import { searchReadsIndex } from './system-search';

type SystemRow = typeof system.$inferSelect;

export interface SystemExportRow extends Omit<SystemListRow, 'outcomes'> {
	externalRef: string | null;
	serviceAreaName: string | null;
	contractStart: string | null;
	contractNotice: string | null;
	personalData: SystemRow['personalData'];
	lifecycle: SystemRow['lifecycle'];
	outcomes: Outcome[];
}

/** Every system matching a query, in the list's order, for the CSV export (the same filter as the page). */
export async function exportSystems(
	ex: Executor,
	organisationId: number,
	query: SystemQuery,
	limit = 200_000
): Promise<SystemExportRow[]> {
	const key = SORT_KEY[query.sort];
	const order = query.dir === 'asc' ? [asc(key), asc(system.id)] : [desc(key), desc(system.id)];
	const rows = await ex
		.select({
			id: system.id,
			externalRef: system.externalRef,
			name: system.name,
			supplier: system.supplier,
			product: system.product,
			directorateName: system.directorateName,
			serviceAreaName: serviceArea.name,
			hosting: system.hosting,
			criticality: system.criticality,
			userCount: system.userCount,
			annualRunCostPence: system.annualRunCostPence,
			contractStart: system.contractStart,
			contractEnd: system.contractEnd,
			contractNotice: system.contractNotice,
			personalData: system.personalData,
			lifecycle: system.lifecycle,
			reviewStatus: system.reviewStatus,
			outcomeFlags: system.outcomeFlags
		})
		.from(system)
		.leftJoin(serviceArea, eq(serviceArea.id, system.serviceAreaId))
		.where(
			systemFilter(
				organisationId,
				query,
				todayInUk(),
				await searchReadsIndex(ex, organisationId, query)
			)
		)
		.orderBy(...order)
		.limit(limit);
	return rows.map(({ outcomeFlags, ...r }) => ({ ...r, outcomes: outcomesOfFlags(outcomeFlags) }));
}
