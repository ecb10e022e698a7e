/**
 * What the cost model says about a business case's scope, read with the caller's executor so a
 * freeze reads the figures inside the transaction that stores them: the cost lines in scope, the
 * funding they draw on, the run cost saved and outage risk avoided as scoped systems are switched
 * off, and the timeline. The arithmetic is the domain's (rollup.ts, outage.ts, milestone.ts).
 */
import type { Executor } from '../db';
import * as scope from '../repos/business-case-scope';
import * as funding from '../repos/funding';
import * as milestones from '../repos/milestones';
import * as outage from '../repos/outage';
import * as rollups from '../repos/rollups';
import * as settingsRepo from '../repos/appraisal-settings';
import { optionSharesOf } from './business-case-partners';
import type * as cases from '../repos/business-cases';
import { runCostSavedInYear, sumPence } from '$lib/domain/rollups';
import { fullyOperational, latestBy, switchOffDates } from '$lib/domain/milestones';
import { annualOutageRiskPence } from '$lib/domain/systems';
import {
	appraisalYears,
	buildSnapshot,
	type BusinessCaseSnapshot,
	type CaseFigureInputs,
	type FundingStatementRow,
	type ScopedCost
} from '$lib/domain/business-cases';
import type { BusinessCaseContent, OptionBenefit, OptionCost } from '$lib/domain/business-cases';
import type { FinancialYear } from '$lib/domain/fiscal';

interface SwitchedOff {
	systemId: number;
	systemName: string;
	annualRunCostPence: number | null;
	decommissionDate: string;
}

/**
 * The running systems the case switches off: those named in its scope, and those whose current
 * decommission or replace outcome is delivered by a workstream in scope. Each stops on its
 * decommission milestone (actual, else forecast, else planned) when it has one, else on the
 * earliest target date of those outcomes: the same rule as the run-cost roll-up (services/rollups.ts).
 */
async function switchedOffSystems(
	ex: Executor,
	organisationId: number,
	content: BusinessCaseContent
): Promise<SwitchedOff[]> {
	const systemIds = new Set(content.scope.systemIds);
	const workstreamIds = new Set(content.scope.workstreamIds);
	const outcomes = (await rollups.switchingOffOutcomes(ex, organisationId)).filter(
		(o) =>
			(rollups.RUNNING_LIFECYCLES as readonly string[]).includes(o.lifecycle) &&
			(systemIds.has(o.systemId) || (o.workstreamId != null && workstreamIds.has(o.workstreamId)))
	);
	const dates = switchOffDates(
		outcomes,
		await milestones.systemMilestonesOfKind(ex, organisationId, 'decommission')
	);
	const found = new Map<number, SwitchedOff>();
	for (const o of outcomes) {
		const date = dates.get(o.systemId);
		if (date && !found.has(o.systemId))
			found.set(o.systemId, {
				systemId: o.systemId,
				systemName: o.systemName,
				annualRunCostPence: o.annualRunCostPence,
				decommissionDate: date
			});
	}
	return [...found.values()].sort((a, b) => a.systemName.localeCompare(b.systemName, 'en-GB'));
}

/** A cost group's row label: the workstream in scope it is attributed to, else its system. */
function costsInScope(
	groups: readonly scope.ScopedCostGroup[],
	workstreamIds: ReadonlySet<number>
): (ScopedCost & { fundingSourceId: number | null })[] {
	return groups.map((g) => ({
		label:
			g.workstreamId != null && workstreamIds.has(g.workstreamId)
				? g.workstreamName!
				: (g.systemName ?? g.workstreamName ?? 'Unattributed'),
		financialYear: g.financialYear,
		spendType: g.spendType,
		amountPence: g.amountPence,
		fundingSourceId: g.fundingSourceId
	}));
}

/**
 * The funding statement: each source the scope's cost lines are charged to, with its allocation
 * in each year counted only up to what the scope charges it, because a source's allocation may
 * also pay for work outside this case. A year's cost charged to no source is a shortfall.
 */
async function fundingStatementOf(
	ex: Executor,
	organisationId: number,
	costs: readonly (ScopedCost & { fundingSourceId: number | null })[]
): Promise<FundingStatementRow[]> {
	const sources = await funding.listFundingSources(ex, organisationId);
	return sources.flatMap((source) => {
		const charged = costs.filter((c) => c.fundingSourceId === source.id);
		if (charged.length === 0) return [];
		const years = [
			...new Set([
				...charged.map((c) => c.financialYear),
				...source.allocations.map((a) => a.financialYear)
			])
		].sort();
		const byYear = years.map((financialYear) => {
			const allocationPence =
				source.allocations.find((a) => a.financialYear === financialYear)?.amountPence ?? 0;
			const chargedPence = sumPence(
				charged.filter((c) => c.financialYear === financialYear).map((c) => c.amountPence)
			);
			return {
				financialYear,
				allocationPence,
				chargedPence,
				countedPence: Math.min(allocationPence, chargedPence)
			};
		});
		return [{ name: source.name, spendType: source.spendType, byYear }];
	});
}

/** Everything the snapshot needs from the cost model and catalogue for `content`'s scope, now. */
export async function gatherCaseFigures(
	ex: Executor,
	organisationId: number,
	content: BusinessCaseContent
): Promise<CaseFigureInputs> {
	const workstreamIds = new Set(content.scope.workstreamIds);
	const names = await scope.scopeNames(
		ex,
		organisationId,
		content.scope.workstreamIds,
		content.scope.systemIds
	);
	const costs = costsInScope(
		await scope.costLinesInScope(
			ex,
			organisationId,
			content.scope.workstreamIds,
			content.scope.systemIds
		),
		workstreamIds
	);
	const switchedOff = await switchedOffSystems(ex, organisationId, content);
	const systemsInPlay = new Set([
		...content.scope.systemIds,
		...switchedOff.map((s) => s.systemId)
	]);
	const timeline = (await milestones.listMilestones(ex, organisationId))
		.filter(
			(m) =>
				(m.workstreamId != null && workstreamIds.has(m.workstreamId)) ||
				(m.systemId != null && systemsInPlay.has(m.systemId))
		)
		.map((m) => ({
			of: m.workstreamName ?? m.systemName ?? '',
			kind: m.kind,
			plannedDate: m.plannedDate,
			forecastDate: m.forecastDate,
			actualDate: m.actualDate
		}));
	const goLives = latestBy(
		(await milestones.workstreamMilestonesOfKind(ex, organisationId, 'go_live')).map((m) => ({
			...m,
			key: m.workstreamId!
		}))
	);
	return {
		scope: names,
		costs: costs.map(({ fundingSourceId: _f, ...c }) => c),
		fundingStatement: await fundingStatementOf(ex, organisationId, costs),
		milestones: timeline,
		fullyOperational: fullyOperational(
			names.workstreams.map((w) => ({
				workstreamId: w.id,
				workstreamName: w.name,
				goLive: goLives.get(w.id) ?? null
			}))
		),
		partnerShares: await optionSharesOf(ex, organisationId, content)
	};
}

/**
 * An option's flows from the cost model: the scope's cost lines by year and spend type (one row
 * per workstream or system), and as benefits over the appraisal period the run cost saved as scoped
 * systems are switched off (cashable) and the outage risk they no longer carry (non-cashable),
 * each apportioned by the days left in the year of switch-off exactly as the run cost is.
 */
export async function costModelFlows(
	ex: Executor,
	organisationId: number,
	content: BusinessCaseContent
): Promise<{ costs: OptionCost[]; benefits: OptionBenefit[] }> {
	const workstreamIds = new Set(content.scope.workstreamIds);
	const grouped = new Map<string, OptionCost>();
	for (const c of costsInScope(
		await scope.costLinesInScope(
			ex,
			organisationId,
			content.scope.workstreamIds,
			content.scope.systemIds
		),
		workstreamIds
	)) {
		const key = `${c.label}|${c.financialYear}|${c.spendType}`;
		const seen = grouped.get(key);
		grouped.set(key, {
			financialYear: c.financialYear,
			spendType: c.spendType,
			amountPence: sumPence([seen?.amountPence ?? 0, c.amountPence]),
			description: `Cost model: ${c.label}`,
			source: 'cost_model'
		});
	}
	const years: FinancialYear[] = appraisalYears(content.appraisalPeriod);
	const switchedOff = await switchedOffSystems(ex, organisationId, content);
	const fallback = (await outage.getOutageDefault(ex, organisationId)).costPerUserHourPence;
	const outageBySystem = new Map(
		(await outage.listOutageSystems(ex, organisationId)).map((s) => [s.id, s])
	);
	const benefits: OptionBenefit[] = [];
	for (const s of switchedOff) {
		const o = outageBySystem.get(s.systemId);
		const risk = o
			? annualOutageRiskPence({
					concurrentUsers: o.concurrentUsers,
					outageMinutesPerYear: o.outageMinutesPerYear,
					costPerUserHourPence: o.costPerUserHourPence ?? fallback
				})
			: 0;
		for (const financialYear of years) {
			const saved = runCostSavedInYear(s, financialYear);
			if (saved > 0)
				benefits.push({
					financialYear,
					kind: 'cashable',
					type: 'run_cost_saved',
					amountPence: saved,
					description: `Run cost of ${s.systemName} saved`,
					source: 'cost_model'
				});
			const avoided = runCostSavedInYear(
				{ annualRunCostPence: risk, decommissionDate: s.decommissionDate },
				financialYear
			);
			if (avoided > 0)
				benefits.push({
					financialYear,
					kind: 'non_cashable',
					type: 'outage_risk_avoided',
					amountPence: avoided,
					description: `Outage risk of ${s.systemName} avoided`,
					source: 'cost_model'
				});
		}
	}
	const costs = [...grouped.values()].sort((a, b) =>
		a.financialYear < b.financialYear
			? -1
			: a.financialYear > b.financialYear
				? 1
				: a.description.localeCompare(b.description, 'en-GB')
	);
	return { costs, benefits };
}

/**
 * A version's snapshot as it stands now, with no decision in it: what the case page and the
 * decision page show, and (inside the decision's transaction) what the decider's fingerprint is
 * checked against. One builder, so what is shown is exactly what would be frozen.
 */
export async function previewSnapshot(
	ex: Executor,
	organisationId: number,
	row: cases.BusinessCaseRow,
	version: cases.VersionRow
): Promise<BusinessCaseSnapshot> {
	const settings = (await settingsRepo.getAppraisalSetting(ex, version.appraisalSettingId))!;
	const header = {
		id: row.id,
		title: row.title,
		stage: row.stage,
		versionNumber: version.number,
		decision: null,
		settings: settings.settings
	};
	return buildSnapshot(
		header,
		version.content,
		await gatherCaseFigures(ex, organisationId, version.content)
	);
}
