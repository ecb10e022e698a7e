/**
 * The queries behind the cost lines spreadsheet: the export's rows, and what an import matches rows
 * against (systems, current outcomes, lines by reference). Every function filters by organisation.
 */
import { and, asc, eq, gt, inArray, isNull, ne, or, type SQL } from 'drizzle-orm';
import { costLine, fundingSource, reviewOutcome, system, workstream } from '../db/schema';
import { currentOutcome } from './current-outcome';
import type { Executor } from '../db';
import type {
	CostImportSystem,
	CostLineCsvRow,
	ExistingCostLine
} from '$lib/domain/csv/cost-lines';
import type { Outcome } from '$lib/domain/systems';
import type { CostLineRow } from './cost-lines';

export interface CostLineCsvFilter {
	systemId?: number;
	workstreamId?: number;
}

/**
 * The organisation's live cost lines for the spreadsheet, in line order, optionally for one system or
 * one workstream (its own lines and systems' lines attributed to it, as its costs page lists them).
 * Lines of archived systems are left out: they cannot be imported back.
 */
export async function exportCostLines(
	ex: Executor,
	organisationId: number,
	filter: CostLineCsvFilter = {}
): Promise<CostLineCsvRow[]> {
	const conditions = [
		eq(costLine.organisationId, organisationId),
		isNull(costLine.archivedAt),
		or(isNull(costLine.systemId), ne(system.lifecycle, 'archived'))
	];
	if (filter.systemId != null) conditions.push(eq(costLine.systemId, filter.systemId));
	if (filter.workstreamId != null) conditions.push(eq(costLine.workstreamId, filter.workstreamId));
	return ex
		.select({
			id: costLine.id,
			systemExternalRef: system.externalRef,
			systemName: system.name,
			workstreamName: workstream.name,
			outcome: costLine.outcome,
			financialYear: costLine.financialYear,
			spendType: costLine.spendType,
			category: costLine.category,
			amountPence: costLine.amountPence,
			confidence: costLine.confidence,
			fundingSourceName: fundingSource.name,
			description: costLine.description
		})
		.from(costLine)
		.leftJoin(system, eq(system.id, costLine.systemId))
		.leftJoin(workstream, eq(workstream.id, costLine.workstreamId))
		.leftJoin(fundingSource, eq(fundingSource.id, costLine.fundingSourceId))
		.where(and(...conditions))
		.orderBy(asc(costLine.id));
}

/** The organisation's live systems with ids above `afterId`, at most `limit`, for matching rows by reference or name. */
export async function systemsForMatching(
	ex: Executor,
	organisationId: number,
	afterId = 0,
	limit = 10_000
): Promise<CostImportSystem[]> {
	return ex
		.select({
			id: system.id,
			name: system.name,
			externalRef: system.externalRef,
			directorateId: system.directorateId
		})
		.from(system)
		.where(
			and(
				eq(system.organisationId, organisationId),
				gt(system.id, afterId),
				ne(system.lifecycle, 'archived')
			)
		)
		.orderBy(asc(system.id))
		.limit(limit);
}

/** The current review outcomes of these systems. */
export async function currentOutcomesOfSystems(
	ex: Executor,
	organisationId: number,
	systemIds: readonly number[]
): Promise<Map<number, Outcome[]>> {
	const out = new Map<number, Outcome[]>();
	for (let i = 0; i < systemIds.length; i += 500) {
		const rows = await ex
			.select({ systemId: reviewOutcome.systemId, outcome: reviewOutcome.outcome })
			.from(reviewOutcome)
			.where(
				and(
					eq(reviewOutcome.organisationId, organisationId),
					currentOutcome(),
					inArray(reviewOutcome.systemId, systemIds.slice(i, i + 500))
				)
			);
		for (const r of rows) out.set(r.systemId, [...(out.get(r.systemId) ?? []), r.outcome]);
	}
	return out;
}

const comparedColumns = {
	id: costLine.id,
	version: costLine.version,
	systemId: costLine.systemId,
	outcome: costLine.outcome,
	workstreamId: costLine.workstreamId,
	financialYear: costLine.financialYear,
	spendType: costLine.spendType,
	category: costLine.category,
	amountPence: costLine.amountPence,
	confidence: costLine.confidence,
	fundingSourceId: costLine.fundingSourceId,
	description: costLine.description
};

/** Live lines matching `column IN ids`, 500 ids a query, as an import compares them. */
async function liveLinesWhere(
	ex: Executor,
	organisationId: number,
	ids: readonly number[],
	condition: (chunk: number[]) => SQL | undefined
): Promise<ExistingCostLine[]> {
	const out: ExistingCostLine[] = [];
	for (let i = 0; i < ids.length; i += 500) {
		const rows = await ex
			.select(comparedColumns)
			.from(costLine)
			.where(
				and(
					eq(costLine.organisationId, organisationId),
					isNull(costLine.archivedAt),
					condition(ids.slice(i, i + 500))
				)
			);
		out.push(...rows);
	}
	return out;
}

/** The live lines with these ids. */
export function liveLinesByIds(
	ex: Executor,
	organisationId: number,
	ids: readonly number[]
): Promise<ExistingCostLine[]> {
	return liveLinesWhere(ex, organisationId, ids, (chunk) => inArray(costLine.id, chunk));
}

/** The live lines of these systems, and the workstreams' own lines (no system) of these workstreams. */
export async function liveLinesOf(
	ex: Executor,
	organisationId: number,
	systemIds: readonly number[],
	workstreamIds: readonly number[]
): Promise<ExistingCostLine[]> {
	return [
		...(await liveLinesWhere(ex, organisationId, systemIds, (chunk) =>
			inArray(costLine.systemId, chunk)
		)),
		...(await liveLinesWhere(ex, organisationId, workstreamIds, (chunk) =>
			and(isNull(costLine.systemId), inArray(costLine.workstreamId, chunk))
		))
	];
}

/** The lines with these ids as stored (archived ones too), 500 ids a query: what an import's update audits as 'before'. */
export async function linesByIds(
	ex: Executor,
	organisationId: number,
	ids: readonly number[]
): Promise<CostLineRow[]> {
	const out: CostLineRow[] = [];
	for (let i = 0; i < ids.length; i += 500) {
		out.push(
			...(await ex
				.select()
				.from(costLine)
				.where(
					and(
						eq(costLine.organisationId, organisationId),
						inArray(costLine.id, ids.slice(i, i + 500))
					)
				))
		);
	}
	return out;
}
