/**
 * The shapes of a committee report: the plain rows the server gathers (ReportInputs) and the content
 * `assembleReport` (./report) makes of them, which is previewed while a draft and frozen when issued.
 */
import type { FinancialYear, Quarter } from '../fiscal';
import type { RiskRating } from '../risk/score';
import type { CostTable } from '../business-cases/business-case-snapshot';
import type { SpendType } from '../costs/cost';
import type { BaselineFact, MilestoneFact, ReportMilestone } from './report-milestones';
import type { Outcome } from '../systems/review';
import type { Rag, Recommendation } from './report-draft';
import type { GovernanceFacts, ReportGovernance } from './report-governance';
import type { PartnerShareFacts, ReportPartnerShares } from './report-partners';

/** Bumped if the shape changes, so a reader knows how to read an old issued report. */
export const REPORT_FORMAT = 3;
// Format 2 added the governance section (9), format 3 the partner shares section (10): a report
// issued in an earlier format is re-read as issued and says it has no such section.

// ---------------------------------------------------------------------------------------------
// What the server gathers, and the assembled report

export interface SpendFact {
	financialYear: FinancialYear;
	spendType: SpendType;
	/** All live lines, any confidence (the budget) and the 'actual' lines among them (spend). */
	budgetPence: number;
	actualPence: number;
}
/** Exempt: spend by system (or workstream, for lines with no system) with its supplier. */
export interface SpendBySystemFact extends SpendFact {
	label: string;
	supplier: string;
}
export interface ReviewCountsFact {
	systems: number;
	reviewed: number;
	notReviewed: number;
	outcomes: Record<Outcome, number>;
}
export interface SwitchedOffFact {
	systemName: string;
	/** Current outcomes of the system, to tell replaced from decommissioned. */
	outcomes: Outcome[];
	how: 'lifecycle' | 'milestone';
}
export interface DecisionFact {
	businessCaseId: number;
	title: string;
	versionNumber: number;
	outcome: string;
	outcomeLabel: string;
	decisionMaker: string;
	meetingDate: string;
	minuteRef: string;
	conditions: string;
}
export interface RiskFact {
	caseTitle: string;
	title: string;
	owner: string;
	mitigation: string;
	inherent: { likelihood: number; impact: number };
	residual: { likelihood: number; impact: number };
}

export interface ReportInputs {
	organisationName: string;
	quarter: Quarter;
	/** The position is as at this date: the quarter's end, or today while the quarter runs. */
	asAt: string;
	workstreams: { id: number; name: string }[];
	milestones: MilestoneFact[];
	baselines: BaselineFact[];
	breaches: { workstreamId: number | null; explanation: string }[];
	spend: SpendFact[];
	spendBySystem: SpendBySystemFact[];
	approvedCostTables: {
		caseTitle: string;
		versionNumber: number;
		contentHash: string;
		costTable: CostTable;
	}[];
	reviews: ReviewCountsFact;
	switchedOff: SwitchedOffFact[];
	decisions: DecisionFact[];
	risks: RiskFact[];
	/** The scrutiny view as at `asAt` (format 2 on). */
	governance: GovernanceFacts;
	/** A shared service's partners, their recharges and budgets for the report's year (format 3 on); null for any other organisation. */
	partnerShares: PartnerShareFacts | null;
	/** What the previous issued report said, for 'now against last quarter'; null when there is none. */
	previous: { quarterLabel: string; reviews: ReportContent['reviews']['now'] } | null;
}

export interface ReportWorkstream {
	id: number;
	name: string;
	suggested: { rag: Rag; reasons: string[] };
	rag: Rag;
	override: { rag: Rag; reason: string } | null;
	narrative: string;
}
export interface SpendTotals {
	budgetPence: number;
	actualPence: number;
	/** Budget less spend: what is left of the budget to date (negative = overspent). */
	remainingPence: number;
}
export interface SpendRow extends SpendTotals {
	spendType: SpendType;
}
export interface ReviewSummary {
	systems: number;
	reviewed: number;
	notReviewed: number;
	outcomes: Record<Outcome, number>;
	decommissioned: number;
	replaced: number;
}
export interface ExemptAnnex {
	words: string;
	spendBySystem: (SpendRow & { label: string; supplier: string })[];
	approvedCostTables: ReportInputs['approvedCostTables'];
	suppliers: string[];
}

export interface ReportContent {
	format: number;
	organisation: string;
	title: string;
	quarter: { year: FinancialYear; quarter: number; label: string; start: string; end: string };
	asAt: string;
	summary: string;
	ragRule: string;
	workstreams: ReportWorkstream[];
	milestones: ReportMilestone[];
	spend: {
		basis: string;
		years: FinancialYear[];
		rows: SpendRow[];
		reportYear: SpendRow[];
		total: SpendTotals;
	};
	reviews: {
		now: ReviewSummary;
		lastQuarter: ReviewSummary | null;
		lastQuarterLabel: string | null;
		switchedOff: SwitchedOffFact[];
	};
	businessCasesDecided: DecisionFact[];
	topRisks: (RiskFact & {
		residualScore: number;
		residualRating: RiskRating;
		inherentScore: number;
	})[];
	recommendations: (Recommendation & { number: number })[];
	/** Continuity and recovery governance as at `asAt`; absent from reports issued in format 1, before it existed. */
	governance?: ReportGovernance;
	/**
	 * Each partner's share against its budget; absent from reports issued before format 3, null for
	 * an organisation that runs no shared service.
	 */
	partnerShares?: ReportPartnerShares | null;
	/** The exempt annex; null in the public version, whose `exemptAnnexWithheld` then says so. */
	annex: ExemptAnnex | null;
	exemptAnnexWithheld: boolean;
}
