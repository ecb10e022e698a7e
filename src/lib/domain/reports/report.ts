/**
 * Quarterly progress reports to committee: RAG per workstream, milestones due in the quarter against
 * the approved baseline, spend against budget, review outcomes, business cases decided, top risks and
 * numbered recommendations. Pure: the server gathers plain rows (ReportInputs), the officer writes
 * their parts (ReportDraft), and `assembleReport` makes the content that is previewed while a draft
 * and frozen (with its SHA-256) when issued. The exempt annex (commercially sensitive costs and
 * supplier names, Local Government Act 1972 Sch. 12A para. 3) is kept apart so `publicVersion` can
 * leave it out of the public version's bytes altogether.
 */
import { canonicalJson, contentHash } from '../hashing/canonical';
import { riskRating, type RiskRating } from '../risk/score';
import type { CostTable } from '../business-cases/business-case-snapshot';
import type { SpendType } from '../costs/cost';
import {
	quarterEnd,
	quarterLabel,
	quarterStart,
	type FinancialYear,
	type Quarter
} from '../fiscal';
import {
	milestonesDue,
	type BaselineFact,
	type MilestoneFact,
	type ReportMilestone
} from './report-milestones';
import { OUTCOMES, type Outcome } from '../systems/review';
import { subtractPence, sumPence } from '../rollups/rollup';
import {
	RAG_RULE,
	suggestRag,
	type Rag,
	type Recommendation,
	type ReportDraft
} from './report-draft';
import { reportGovernance, type GovernanceFacts, type ReportGovernance } from './report-governance';

/** Bumped if the shape changes, so a reader knows how to read an old issued report. */
export const REPORT_FORMAT = 2;

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
	/** The exempt annex; null in the public version, whose `exemptAnnexWithheld` then says so. */
	annex: ExemptAnnex | null;
	exemptAnnexWithheld: boolean;
}

export const TOP_RISKS = 5;
export const SPEND_BASIS =
	'Budget: every cost line (estimate, committed and actual) for the financial years to date, the report’s year in full. Spend: the lines recorded as actual for the same years.';

function spendRow(spendType: SpendType, facts: readonly SpendFact[]): SpendRow {
	const budgetPence = sumPence(
		facts.filter((f) => f.spendType === spendType).map((f) => f.budgetPence)
	);
	const actualPence = sumPence(
		facts.filter((f) => f.spendType === spendType).map((f) => f.actualPence)
	);
	return {
		spendType,
		budgetPence,
		actualPence,
		remainingPence: subtractPence(budgetPence, actualPence)
	};
}
function totalRow(rows: readonly SpendRow[]): SpendTotals {
	const budgetPence = sumPence(rows.map((r) => r.budgetPence));
	const actualPence = sumPence(rows.map((r) => r.actualPence));
	return { budgetPence, actualPence, remainingPence: subtractPence(budgetPence, actualPence) };
}

/** Counts of outcomes and switch-offs: a system switched off with a current replace outcome counts as replaced. */
export function reviewSummary(
	counts: ReviewCountsFact,
	switchedOff: readonly SwitchedOffFact[]
): ReviewSummary {
	return {
		...counts,
		outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, counts.outcomes[o] ?? 0])) as Record<
			Outcome,
			number
		>,
		decommissioned: switchedOff.length,
		replaced: switchedOff.filter((s) => s.outcomes.includes('replace')).length
	};
}

/** The report's content from the data and the officer's parts: the same for a preview and for issue. */
export function assembleReport(
	title: string,
	inputs: ReportInputs,
	draft: ReportDraft
): ReportContent {
	const q = inputs.quarter;
	const milestones = milestonesDue(inputs.milestones, inputs.baselines, q, inputs.asAt);
	const narratives = new Map(draft.workstreams.map((w) => [w.workstreamId, w]));
	const workstreams = inputs.workstreams.map((w): ReportWorkstream => {
		const suggested = suggestRag(
			milestones.filter((m) => m.workstreamId === w.id),
			inputs.breaches.filter((b) => b.workstreamId === w.id)
		);
		const n = narratives.get(w.id);
		const override =
			n?.override && n.override.rag !== suggested.rag
				? { rag: n.override.rag, reason: n.override.reason.trim() }
				: null;
		return {
			id: w.id,
			name: w.name,
			suggested,
			rag: override?.rag ?? suggested.rag,
			override,
			narrative: n?.narrative.trim() ?? ''
		};
	});
	const inYear = inputs.spend.filter((s) => s.financialYear === q.year);
	const rows = [spendRow('capital', inputs.spend), spendRow('revenue', inputs.spend)];
	const topRisks = inputs.risks
		.map((r) => ({
			...r,
			residualScore: r.residual.likelihood * r.residual.impact,
			inherentScore: r.inherent.likelihood * r.inherent.impact
		}))
		.map((r) => ({ ...r, residualRating: riskRating(r.residualScore) }))
		.sort(
			(a, b) =>
				b.residualScore - a.residualScore ||
				b.inherentScore - a.inherentScore ||
				a.title.localeCompare(b.title, 'en-GB')
		)
		.slice(0, TOP_RISKS);
	const bySystem = new Map<string, SpendBySystemFact[]>();
	for (const s of inputs.spendBySystem)
		bySystem.set(`${s.label}|${s.supplier}|${s.spendType}`, [
			...(bySystem.get(`${s.label}|${s.supplier}|${s.spendType}`) ?? []),
			s
		]);
	const spendBySystem = [...bySystem.values()]
		.map((facts) => ({
			label: facts[0]!.label,
			supplier: facts[0]!.supplier,
			...spendRow(facts[0]!.spendType, facts)
		}))
		.sort(
			(a, b) => a.label.localeCompare(b.label, 'en-GB') || a.spendType.localeCompare(b.spendType)
		);
	return {
		format: REPORT_FORMAT,
		organisation: inputs.organisationName,
		title,
		quarter: {
			year: q.year,
			quarter: q.quarter,
			label: quarterLabel(q),
			start: quarterStart(q),
			end: quarterEnd(q)
		},
		asAt: inputs.asAt,
		summary: draft.summary.trim(),
		ragRule: RAG_RULE,
		workstreams,
		milestones,
		spend: {
			basis: SPEND_BASIS,
			years: [...new Set(inputs.spend.map((s) => s.financialYear))].sort(),
			rows,
			reportYear: [spendRow('capital', inYear), spendRow('revenue', inYear)],
			total: totalRow(rows)
		},
		reviews: {
			now: reviewSummary(inputs.reviews, inputs.switchedOff),
			lastQuarter: inputs.previous?.reviews ?? null,
			lastQuarterLabel: inputs.previous?.quarterLabel ?? null,
			switchedOff: [...inputs.switchedOff].sort((a, b) =>
				a.systemName.localeCompare(b.systemName, 'en-GB')
			)
		},
		businessCasesDecided: [...inputs.decisions].sort((a, b) =>
			a.meetingDate < b.meetingDate
				? -1
				: a.meetingDate > b.meetingDate
					? 1
					: a.title.localeCompare(b.title, 'en-GB')
		),
		topRisks,
		recommendations: draft.recommendations.map((r, i) => ({
			number: i + 1,
			text: r.text.trim(),
			reason: r.reason.trim()
		})),
		governance: reportGovernance(inputs.governance),
		annex: {
			words:
				'Exempt information (Local Government Act 1972, Schedule 12A, paragraph 3: the financial or business affairs of any particular person). For members in closed session only.',
			spendBySystem,
			approvedCostTables: inputs.approvedCostTables,
			suppliers: [
				...new Set(inputs.spendBySystem.map((s) => s.supplier).filter((s) => s.trim() !== ''))
			].sort((a, b) => a.localeCompare(b, 'en-GB'))
		},
		exemptAnnexWithheld: false
	};
}

/** The bytes stored and hashed: canonical JSON (../hashing/canonical.ts), so the hash can be checked by anyone. */
export const serialiseReport = (content: ReportContent): string => canonicalJson(content);
/** SHA-256 of the canonical JSON, lower-case hex. */
export const reportHash = (content: ReportContent): Promise<string> => contentHash(content);
