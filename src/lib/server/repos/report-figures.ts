/**
 * What a committee report reads from the rest of the data, that no other module already asks:
 * spend by year to date (from the kept totals), spend by system with its supplier (the exempt
 * annex), switched-off systems, decisions minuted in a quarter, approved snapshots and current risks.
 * Each function takes the caller's organisation id and filters by it. Sums of pence go through
 * money-sql.ts, so a total past 2^53 pence reads as too large to show instead of failing the report.
 */
import { and, asc, desc, eq, gte, isNotNull, isNull, lte, ne, sql } from 'drizzle-orm';
import {
	businessCase,
	businessCaseDecision,
	businessCaseVersion,
	costLine,
	costTotal,
	milestone,
	reviewOutcome,
	system,
	workstream
} from '../db/schema';
import { currentOutcome } from './current-outcome';
import type { Executor } from '../db';
import { totalPence } from './money-sql';
import type { SpendType } from '$lib/domain/costs';
import type { BusinessCaseContent, BusinessCaseSnapshot } from '$lib/domain/business-cases';
import type { Outcome } from '$lib/domain/systems';

/** Budget (every live line) and actual spend by financial year and spend type, for years up to `lastYear`. */
export async function spendByYear(ex: Executor, organisationId: number, lastYear: string) {
	return ex
		.select({
			financialYear: costTotal.financialYear,
			spendType: costTotal.spendType,
			budgetPence: totalPence(costTotal.amountPence),
			actualPence: totalPence(
				sql`CASE WHEN ${costTotal.confidence} = 'actual' THEN ${costTotal.amountPence} ELSE 0 END`
			)
		})
		.from(costTotal)
		.where(
			and(eq(costTotal.organisationId, organisationId), lte(costTotal.financialYear, lastYear))
		)
		.groupBy(costTotal.financialYear, costTotal.spendType)
		.orderBy(asc(costTotal.financialYear), asc(costTotal.spendType));
}

/** The same by system (or, for a line with no system, its workstream) with the system's supplier: commercially sensitive. */
export async function spendBySystem(ex: Executor, organisationId: number, lastYear: string) {
	const rows = await ex
		.select({
			systemName: system.name,
			supplier: system.supplier,
			workstreamName: workstream.name,
			financialYear: costLine.financialYear,
			spendType: costLine.spendType,
			budgetPence: totalPence(costLine.amountPence),
			actualPence: totalPence(
				sql`CASE WHEN ${costLine.confidence} = 'actual' THEN ${costLine.amountPence} ELSE 0 END`
			)
		})
		.from(costLine)
		.leftJoin(system, eq(system.id, costLine.systemId))
		.leftJoin(workstream, eq(workstream.id, costLine.workstreamId))
		.where(
			and(
				eq(costLine.organisationId, organisationId),
				isNull(costLine.archivedAt),
				lte(costLine.financialYear, lastYear)
			)
		)
		.groupBy(
			costLine.systemId,
			sql`CASE WHEN ${costLine.systemId} IS NULL THEN ${costLine.workstreamId} END`,
			costLine.financialYear,
			costLine.spendType
		);
	return rows.map((r) => ({
		label: r.systemName ?? r.workstreamName ?? 'Unattributed',
		supplier: r.supplier ?? '',
		financialYear: r.financialYear,
		spendType: r.spendType as SpendType,
		budgetPence: r.budgetPence,
		actualPence: r.actualPence
	}));
}

/** Every supplier name in the catalogue (archived systems too): what the public version must not contain. */
export async function supplierNames(ex: Executor, organisationId: number): Promise<string[]> {
	const rows = await ex
		.selectDistinct({ supplier: system.supplier })
		.from(system)
		.where(and(eq(system.organisationId, organisationId), ne(system.supplier, '')));
	return rows.map((r) => r.supplier);
}

/**
 * Systems switched off by `asAt`: lifecycle 'decommissioned', or a live decommission milestone with
 * an actual date on or before it. Archived systems are left out, as they are from every count.
 */
export async function switchedOffSystems(
	ex: Executor,
	organisationId: number,
	asAt: string
): Promise<
	{ systemId: number; systemName: string; outcomes: Outcome[]; how: 'lifecycle' | 'milestone' }[]
> {
	const decommissioned = await ex
		.select({ id: system.id, name: system.name })
		.from(system)
		.where(and(eq(system.organisationId, organisationId), eq(system.lifecycle, 'decommissioned')));
	const achieved = await ex
		.selectDistinct({ id: system.id, name: system.name })
		.from(milestone)
		.innerJoin(system, eq(system.id, milestone.systemId))
		.where(
			and(
				eq(milestone.organisationId, organisationId),
				isNull(milestone.archivedAt),
				eq(milestone.kind, 'decommission'),
				isNotNull(milestone.actualDate),
				lte(milestone.actualDate, asAt),
				ne(system.lifecycle, 'archived')
			)
		);
	const found = new Map<
		number,
		{ systemId: number; systemName: string; outcomes: Outcome[]; how: 'lifecycle' | 'milestone' }
	>();
	for (const s of decommissioned)
		found.set(s.id, { systemId: s.id, systemName: s.name, outcomes: [], how: 'lifecycle' });
	for (const s of achieved)
		if (!found.has(s.id))
			found.set(s.id, { systemId: s.id, systemName: s.name, outcomes: [], how: 'milestone' });
	if (found.size === 0) return [];
	const outcomes = await ex
		.select({ systemId: reviewOutcome.systemId, outcome: reviewOutcome.outcome })
		.from(reviewOutcome)
		.where(and(eq(reviewOutcome.organisationId, organisationId), currentOutcome()));
	for (const o of outcomes) found.get(o.systemId)?.outcomes.push(o.outcome);
	return [...found.values()];
}

/** Decisions on business cases whose meeting fell between `from` and `to` (ISO dates, inclusive). */
export async function decisionsBetween(
	ex: Executor,
	organisationId: number,
	from: string,
	to: string
) {
	return ex
		.select({
			businessCaseId: businessCase.id,
			title: businessCase.title,
			versionNumber: businessCaseVersion.number,
			outcome: businessCaseDecision.outcome,
			decisionMaker: businessCaseDecision.decisionMaker,
			meetingDate: businessCaseDecision.meetingDate,
			minuteRef: businessCaseDecision.minuteRef,
			conditions: businessCaseDecision.conditions
		})
		.from(businessCaseDecision)
		.innerJoin(businessCase, eq(businessCase.id, businessCaseDecision.businessCaseId))
		.innerJoin(businessCaseVersion, eq(businessCaseVersion.id, businessCaseDecision.versionId))
		.where(
			and(
				eq(businessCaseDecision.organisationId, organisationId),
				gte(businessCaseDecision.meetingDate, from),
				lte(businessCaseDecision.meetingDate, to)
			)
		)
		.orderBy(asc(businessCaseDecision.meetingDate), asc(businessCase.title));
}

/** Each case's latest approved (frozen) snapshot, frozen on or before `asOf` (an ISO timestamp), latest approval first. */
export async function approvedSnapshots(
	ex: Executor,
	organisationId: number,
	asOf: string
): Promise<
	{
		caseTitle: string;
		versionNumber: number;
		contentHash: string;
		snapshot: BusinessCaseSnapshot;
	}[]
> {
	const rows = await ex
		.select({
			caseId: businessCaseVersion.businessCaseId,
			caseTitle: businessCase.title,
			number: businessCaseVersion.number,
			contentHash: businessCaseVersion.contentHash,
			snapshot: businessCaseVersion.snapshot
		})
		.from(businessCaseVersion)
		.innerJoin(businessCase, eq(businessCase.id, businessCaseVersion.businessCaseId))
		.where(
			and(
				eq(businessCaseVersion.organisationId, organisationId),
				isNotNull(businessCaseVersion.frozenAt),
				lte(businessCaseVersion.frozenAt, asOf)
			)
		)
		.orderBy(desc(businessCaseVersion.frozenAt), desc(businessCaseVersion.number));
	const seen = new Set<number>();
	return rows
		.filter((r) => !seen.has(r.caseId) && seen.add(r.caseId))
		.map((r) => ({
			caseTitle: r.caseTitle,
			versionNumber: r.number,
			contentHash: r.contentHash!,
			snapshot: JSON.parse(r.snapshot!) as BusinessCaseSnapshot
		}));
}

/** The risk registers of each case's current version, except rejected cases (their risks are no longer the programme's). */
export async function currentCaseRisks(ex: Executor, organisationId: number) {
	const rows = await ex
		.select({ title: businessCase.title, content: businessCaseVersion.content })
		.from(businessCase)
		.innerJoin(
			businessCaseVersion,
			and(
				eq(businessCaseVersion.businessCaseId, businessCase.id),
				eq(businessCaseVersion.number, businessCase.currentVersionNumber)
			)
		)
		.where(
			and(eq(businessCase.organisationId, organisationId), ne(businessCase.status, 'rejected'))
		);
	return rows.flatMap((r) =>
		(JSON.parse(r.content) as BusinessCaseContent).risks.map((risk) => ({
			caseTitle: r.title,
			...risk
		}))
	);
}
