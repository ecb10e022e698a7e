/**
 * Gathers everything a committee report is assembled from, read with the caller's executor so an
 * issue reads the figures inside the transaction that freezes them. The arithmetic is the domain's
 * (report.ts); this only collects plain rows.
 */
import type { Executor } from '../db';
import * as figures from '../repos/report-figures';
import * as dashboard from '../repos/dashboard';
import * as milestones from '../repos/milestones';
import * as organisations from '../repos/organisations';
import * as rollups from '../repos/rollups';
import * as workstreams from '../repos/workstreams';
import { continuityBreachesOf } from './rollups';
import { scrutiny } from './governance-register';
import { partnerShareFacts } from './partner-budgets';
import { CASE_STATUS_LABEL, type CaseStatus } from '$lib/domain/business-cases';
import { quarterEnd, quarterLabel, quarterStart, type Quarter } from '$lib/domain/fiscal';
import type { ReportContent, ReportInputs } from '$lib/domain/reports';
import { nowIso } from '$lib/domain/dates';

/** The day a report's position is taken: the quarter's end, or today while the quarter is still running. */
export function asAtOf(quarter: Quarter, today: string): string {
	const end = quarterEnd(quarter);
	return today < end ? today : end;
}

/**
 * The inputs of a report for `quarter` as the data stands now. `previous` is the last issued report
 * before it, whose review figures are 'last quarter'.
 */
export async function gatherReportInputs(
	ex: Executor,
	organisationId: number,
	quarter: Quarter,
	today: string,
	previous: ReportContent | null
): Promise<ReportInputs> {
	const asAt = asAtOf(quarter, today);
	const organisation = await organisations.getOrganisation(ex, organisationId);
	const wsList = (await workstreams.listWorkstreams(ex, organisationId)).map((w) => ({
		id: w.id,
		name: w.name
	}));
	// A system's milestone counts towards the workstream replacing it (else the one delivering its decommission).
	const switching = await rollups.switchingOffOutcomes(ex, organisationId);
	const replacedBy = new Map<number, number>();
	for (const o of [...switching].sort(
		(a, b) => (a.outcome === 'replace' ? -1 : 0) - (b.outcome === 'replace' ? -1 : 0)
	)) {
		if (o.workstreamId != null && !replacedBy.has(o.systemId))
			replacedBy.set(o.systemId, o.workstreamId);
	}
	const milestoneFacts = (await milestones.listMilestones(ex, organisationId)).map((m) => ({
		workstreamId:
			m.workstreamId ?? (m.systemId != null ? (replacedBy.get(m.systemId) ?? null) : null),
		of: m.workstreamName ?? m.systemName ?? '',
		kind: m.kind,
		plannedDate: m.plannedDate,
		forecastDate: m.forecastDate,
		actualDate: m.actualDate
	}));
	const approved = await figures.approvedSnapshots(ex, organisationId, nowIso());
	const breaches = (await continuityBreachesOf(organisationId)).map((b) => ({
		workstreamId: b.workstreamId,
		explanation: b.explanation
	}));
	const totals = await dashboard.reviewTotals(ex, organisationId);
	return {
		organisationName: organisation?.name ?? '',
		quarter,
		asAt,
		workstreams: wsList,
		milestones: milestoneFacts,
		baselines: approved.flatMap((a) =>
			a.snapshot.timeline.milestones.map((m) => ({
				of: m.of,
				kind: m.kind,
				plannedDate: m.plannedDate,
				caseTitle: a.caseTitle,
				versionNumber: a.versionNumber
			}))
		),
		breaches,
		spend: await figures.spendByYear(ex, organisationId, quarter.year),
		spendBySystem: await figures.spendBySystem(ex, organisationId, quarter.year),
		approvedCostTables: approved.map((a) => ({
			caseTitle: a.caseTitle,
			versionNumber: a.versionNumber,
			contentHash: a.contentHash,
			costTable: a.snapshot.costTable
		})),
		reviews: {
			systems: totals.systems,
			reviewed: totals.reviewed,
			notReviewed: totals.notReviewed,
			outcomes: totals.outcomes
		},
		switchedOff: (await figures.switchedOffSystems(ex, organisationId, asAt)).map(
			({ systemName, outcomes, how }) => ({ systemName, outcomes, how })
		),
		decisions: (
			await figures.decisionsBetween(ex, organisationId, quarterStart(quarter), quarterEnd(quarter))
		).map((d) => ({
			...d,
			outcomeLabel: CASE_STATUS_LABEL[d.outcome as CaseStatus]
		})),
		risks: (await figures.currentCaseRisks(ex, organisationId)).map((r) => ({
			caseTitle: r.caseTitle,
			title: r.title,
			owner: r.owner,
			mitigation: r.mitigation,
			inherent: r.inherent,
			residual: r.residual
		})),
		// The scrutiny view as at the position date, so a report on a past quarter shows that quarter's answers.
		governance: await scrutiny(ex, organisationId, asAt),
		// A shared service's partners against their budgets for the report's year, from the kept recharges.
		partnerShares: await partnerFacts(ex, organisationId, quarter.year),
		previous: previous
			? {
					quarterLabel: quarterLabel({
						year: previous.quarter.year,
						quarter: previous.quarter.quarter as Quarter['quarter']
					}),
					reviews: previous.reviews.now
				}
			: null
	};
}

/** The partner shares section's facts without the saved rows (only plain figures are frozen). */
async function partnerFacts(ex: Executor, organisationId: number, year: string) {
	const facts = await partnerShareFacts(ex, organisationId, year);
	return facts && { partners: facts.partners, shares: facts.shares, budgets: facts.budgets };
}
