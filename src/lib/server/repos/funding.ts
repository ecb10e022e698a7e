/** Funding sources and their allocations by financial year. Small tables: read with plain queries. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { fundingAllocation, fundingSource, nowUtc } from '../db/schema';
import type { Executor } from '../db';
import { totalPence } from './money-sql';
import type { FundingAllocationInput, FundingKind, SpendType } from '$lib/domain/costs';

export type FundingSourceRow = typeof fundingSource.$inferSelect;
export type FundingAllocationRow = typeof fundingAllocation.$inferSelect;
export type FundingSourceWithAllocations = FundingSourceRow & {
	allocations: FundingAllocationInput[];
};

export interface FundingSourceFields {
	name: string;
	kind: FundingKind;
	spendType: SpendType;
	notes: string;
}

export async function getFundingSource(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<FundingSourceRow | undefined> {
	const [row] = await ex
		.select()
		.from(fundingSource)
		.where(and(eq(fundingSource.organisationId, organisationId), eq(fundingSource.id, id)));
	return row;
}

export async function getFundingSourceByName(
	ex: Executor,
	organisationId: number,
	name: string
): Promise<FundingSourceRow | undefined> {
	const [row] = await ex
		.select()
		.from(fundingSource)
		.where(and(eq(fundingSource.organisationId, organisationId), eq(fundingSource.name, name)));
	return row;
}

/** Every funding source by name, each with its allocations in year order. */
export async function listFundingSources(
	ex: Executor,
	organisationId: number
): Promise<FundingSourceWithAllocations[]> {
	const sources = await ex
		.select()
		.from(fundingSource)
		.where(eq(fundingSource.organisationId, organisationId))
		.orderBy(asc(fundingSource.name));
	const allocations = await listAllocations(ex, organisationId);
	return sources.map((s) => ({
		...s,
		allocations: allocations
			.filter((a) => a.fundingSourceId === s.id)
			.map(({ financialYear, amountPence }) => ({ financialYear, amountPence }))
	}));
}

/** The ids of the organisation's funding sources, for the cost line form's check. */
export async function fundingSourceIds(ex: Executor, organisationId: number): Promise<Set<number>> {
	const rows = await ex
		.select({ id: fundingSource.id })
		.from(fundingSource)
		.where(eq(fundingSource.organisationId, organisationId));
	return new Set(rows.map((r) => r.id));
}

/** Every allocation of the organisation, in year order. */
export async function listAllocations(
	ex: Executor,
	organisationId: number
): Promise<FundingAllocationRow[]> {
	return ex
		.select()
		.from(fundingAllocation)
		.where(eq(fundingAllocation.organisationId, organisationId))
		.orderBy(asc(fundingAllocation.financialYear), asc(fundingAllocation.fundingSourceId));
}

export async function insertFundingSource(
	ex: Executor,
	organisationId: number,
	fields: FundingSourceFields
): Promise<FundingSourceRow> {
	const [row] = await ex
		.insert(fundingSource)
		.values({ ...fields, organisationId })
		.returning();
	return row!;
}

/** Saves an edit only if the source is still at `expectedVersion`; undefined otherwise. */
export async function updateFundingSource(
	ex: Executor,
	organisationId: number,
	id: number,
	expectedVersion: number,
	fields: FundingSourceFields
): Promise<FundingSourceRow | undefined> {
	const [row] = await ex
		.update(fundingSource)
		.set({ ...fields, version: sql`${fundingSource.version} + 1`, updatedAt: nowUtc })
		.where(
			and(
				eq(fundingSource.organisationId, organisationId),
				eq(fundingSource.id, id),
				eq(fundingSource.version, expectedVersion)
			)
		)
		.returning();
	return row;
}

/** Bumps a source's version when only its allocations change, so concurrent editors of it conflict. */
export async function touchFundingSource(
	ex: Executor,
	organisationId: number,
	id: number,
	expectedVersion: number
): Promise<FundingSourceRow | undefined> {
	const [row] = await ex
		.update(fundingSource)
		.set({ version: sql`${fundingSource.version} + 1`, updatedAt: nowUtc })
		.where(
			and(
				eq(fundingSource.organisationId, organisationId),
				eq(fundingSource.id, id),
				eq(fundingSource.version, expectedVersion)
			)
		)
		.returning();
	return row;
}

/** Replaces a source's allocations with `allocations` (one per year; a year left out has none). */
export async function replaceAllocations(
	ex: Executor,
	organisationId: number,
	fundingSourceId: number,
	allocations: readonly FundingAllocationInput[]
): Promise<void> {
	await ex
		.delete(fundingAllocation)
		.where(
			and(
				eq(fundingAllocation.organisationId, organisationId),
				eq(fundingAllocation.fundingSourceId, fundingSourceId)
			)
		);
	if (allocations.length > 0) {
		await ex.insert(fundingAllocation).values(
			allocations.map((a) => ({
				organisationId,
				fundingSourceId,
				financialYear: a.financialYear,
				amountPence: a.amountPence
			}))
		);
	}
}

/** Funding by year and spend type (a source's spend type), for the gap against cost. */
export async function fundingByYearAndSpendType(
	ex: Executor,
	organisationId: number
): Promise<{ financialYear: string; spendType: SpendType; amountPence: number }[]> {
	return ex
		.select({
			financialYear: fundingAllocation.financialYear,
			spendType: fundingSource.spendType,
			amountPence: totalPence(fundingAllocation.amountPence)
		})
		.from(fundingAllocation)
		.innerJoin(fundingSource, eq(fundingSource.id, fundingAllocation.fundingSourceId))
		.where(eq(fundingAllocation.organisationId, organisationId))
		.groupBy(fundingAllocation.financialYear, fundingSource.spendType);
}
