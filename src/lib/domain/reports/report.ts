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
import { riskRating } from '../risk/score';
import type { SpendType } from '../costs/cost';
import { quarterEnd, quarterLabel, quarterStart } from '../fiscal';
import { milestonesDue } from './report-milestones';
import { OUTCOMES, type Outcome } from '../systems/review';
import { subtractPence, sumPence } from '../rollups/rollup';
import { RAG_RULE, suggestRag, type ReportDraft } from './report-draft';
import { reportGovernance } from './report-governance';
import { reportPartnerShares } from './report-partners';
import {
	REPORT_FORMAT,
	type SpendFact,
	type SpendBySystemFact,
	type ReviewCountsFact,
	type SwitchedOffFact,
	type ReportInputs,
	type ReportWorkstream,
	type SpendTotals,
	type SpendRow,
	type ReviewSummary,
	type ReportContent
} from './report-content';

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
		partnerShares: reportPartnerShares(inputs.partnerShares),
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
