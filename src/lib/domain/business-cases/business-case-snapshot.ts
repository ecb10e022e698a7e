/**
 * The snapshot of a business case version: every figure the decision-makers saw, built from the
 * version's content and the cost model as it stood, so an approved version reads the same for ever
 * whatever later happens to the cost lines, milestones or settings. The same builder gives a draft's
 * live preview, so what is previewed is exactly what would be frozen.
 */
import type { AppraisalSettings } from './appraisal';
import type { SpendType } from '../costs/cost';
import type { FinancialYear } from '../fiscal';
import type { FullyOperational, MilestoneKind } from '../milestones/milestone';
import { pivot, sumPence, type SpendRow } from '../rollups/rollup';
import type { OptionPartnerShares } from '../recharges/option-shares';
import {
	STAGE_LABEL,
	type BusinessCaseContent,
	type CaseBenefit,
	type DecisionInput,
	type Stage
} from './business-case';
import {
	appraiseOptions,
	appraisalYears,
	financialCase,
	riskMatrix,
	scoreRisks,
	type FinancialCase,
	type OptionAppraisal,
	type ScoredRisk
} from './business-case-figures';

/**
 * Bumped if the shape changes, so a reader knows how to read an old snapshot. Format 2 added
 * `partnerShares` (a shared service's option costs by partner): a format 1 snapshot has none.
 */
export const SNAPSHOT_FORMAT = 2;

/** One group of cost lines in scope: a workstream's, or a system's not attributed to a workstream in scope. */
export interface ScopedCost {
	label: string;
	financialYear: FinancialYear;
	spendType: SpendType;
	amountPence: number;
}

export interface CostTable {
	columns: { financialYear: FinancialYear; spendType: SpendType; totalPence: number }[];
	rows: { label: string; cells: number[]; totalPence: number }[];
	grandTotalPence: number;
}

export interface SnapshotMilestone {
	/** The workstream's or system's name. */
	of: string;
	kind: MilestoneKind;
	plannedDate: string;
	forecastDate: string | null;
	actualDate: string | null;
}

export interface FundingStatementRow {
	name: string;
	spendType: SpendType;
	/** What the source provides to this case each year: its allocation, up to what the scope charges to it. */
	byYear: {
		financialYear: FinancialYear;
		allocationPence: number;
		chargedPence: number;
		countedPence: number;
	}[];
}

/** What the server gathers from the cost model and the catalogue for a version at one moment. */
export interface CaseFigureInputs {
	scope: { workstreams: { id: number; name: string }[]; systems: { id: number; name: string }[] };
	costs: ScopedCost[];
	fundingStatement: FundingStatementRow[];
	milestones: SnapshotMilestone[];
	fullyOperational: FullyOperational;
	/** A shared service's options by partner (today's default keys); null for a council's own case. */
	partnerShares?: OptionPartnerShares[] | null;
}

export interface BusinessCaseSnapshot {
	format: number;
	businessCase: {
		id: number;
		title: string;
		stage: Stage;
		stageLabel: string;
		versionNumber: number;
	};
	/** Null in a preview; set in a frozen version, so the hash covers the decision as recorded. */
	decision: (DecisionInput & { decidedBy: string; decidedAt: string }) | null;
	settings: AppraisalSettings;
	content: BusinessCaseContent;
	scope: CaseFigureInputs['scope'];
	costTable: CostTable;
	appraisal: OptionAppraisal[];
	financialCases: { optionId: string; title: string; financial: FinancialCase }[];
	fundingStatement: FundingStatementRow[];
	risks: ScoredRisk[];
	riskMatrix: { inherent: number[][]; residual: number[][] };
	benefits: (CaseBenefit & { totalPence: number })[];
	benefitsByYear: {
		financialYear: FinancialYear;
		cashablePence: number;
		nonCashablePence: number;
	}[];
	timeline: { milestones: SnapshotMilestone[]; fullyOperational: FullyOperational };
	/**
	 * Each option's cost by partner, by the keys as they stood when the snapshot was built (frozen
	 * with an approval); null for a council's own case; absent from a format 1 snapshot.
	 */
	partnerShares?: OptionPartnerShares[] | null;
}

/** The cost lines in scope as a table: a row per workstream or system, a column per year and spend type. */
export function costTableOf(
	costs: readonly ScopedCost[],
	years: readonly FinancialYear[]
): CostTable {
	const spendTypes: SpendType[] = ['capital', 'revenue'];
	const columns = years.flatMap((y) => spendTypes.map((s) => `${y}|${s}`));
	const labels = [...new Set(costs.map((c) => c.label))].sort((a, b) =>
		a.localeCompare(b, 'en-GB')
	);
	const p = pivot(
		costs,
		(c) => c.label,
		(c) => `${c.financialYear}|${c.spendType}`,
		{ rows: labels, columns }
	);
	return {
		columns: p.columns.map((c) => {
			const [financialYear, spendType] = c.key.split('|') as [FinancialYear, SpendType];
			return { financialYear, spendType, totalPence: c.total };
		}),
		rows: p.rows.map((r) => ({ label: r.key, cells: [...r.cells.values()], totalPence: r.total })),
		grandTotalPence: p.grandTotal
	};
}

export interface SnapshotHeader {
	id: number;
	title: string;
	stage: Stage;
	versionNumber: number;
	decision: BusinessCaseSnapshot['decision'];
	settings: AppraisalSettings;
}

/** Builds the snapshot of a version from its content and the figures gathered for it. */
export function buildSnapshot(
	header: SnapshotHeader,
	content: BusinessCaseContent,
	inputs: CaseFigureInputs
): BusinessCaseSnapshot {
	const years = appraisalYears(content.appraisalPeriod);
	const funding: SpendRow[] = inputs.fundingStatement.flatMap((s) =>
		s.byYear.map((y) => ({
			financialYear: y.financialYear,
			spendType: s.spendType,
			amountPence: y.countedPence
		}))
	);
	const benefitYears = [
		...new Set(content.benefits.flatMap((b) => b.byYear.map((y) => y.financialYear)))
	].sort();
	const benefitTotal = (kind: CaseBenefit['kind'], fy: FinancialYear) =>
		sumPence(
			content.benefits
				.filter((b) => b.kind === kind)
				.flatMap((b) => b.byYear.filter((y) => y.financialYear === fy).map((y) => y.amountPence))
		);
	return {
		format: SNAPSHOT_FORMAT,
		businessCase: {
			id: header.id,
			title: header.title,
			stage: header.stage,
			stageLabel: STAGE_LABEL[header.stage],
			versionNumber: header.versionNumber
		},
		decision: header.decision,
		settings: header.settings,
		content,
		scope: inputs.scope,
		costTable: costTableOf(inputs.costs, years),
		appraisal: appraiseOptions(content, header.settings),
		financialCases: content.options.map((o) => ({
			optionId: o.id,
			title: o.title,
			financial: financialCase(
				o.costs.map((c) => ({
					financialYear: c.financialYear,
					spendType: c.spendType,
					amountPence: c.amountPence
				})),
				funding,
				years
			)
		})),
		fundingStatement: inputs.fundingStatement,
		risks: scoreRisks(content.risks),
		riskMatrix: {
			inherent: riskMatrix(content.risks, 'inherent'),
			residual: riskMatrix(content.risks, 'residual')
		},
		benefits: content.benefits.map((b) => ({
			...b,
			totalPence: sumPence(b.byYear.map((y) => y.amountPence))
		})),
		benefitsByYear: benefitYears.map((financialYear) => ({
			financialYear,
			cashablePence: benefitTotal('cashable', financialYear),
			nonCashablePence: benefitTotal('non_cashable', financialYear)
		})),
		timeline: { milestones: inputs.milestones, fullyOperational: inputs.fullyOperational },
		partnerShares: inputs.partnerShares ?? null
	};
}
