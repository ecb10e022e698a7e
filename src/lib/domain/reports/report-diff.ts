/**
 * 'Since last quarter': what changed between two issued reports, read from the reports themselves
 * (what was reported then against what is reported now), never from the live data, so the
 * comparison stays the same however the data moves afterwards. Works on the public or the full
 * version alike: it reads nothing from the exempt annex.
 */
import { OUTCOMES, type Outcome } from '../systems/review';
import type { SpendType } from '../costs/cost';
import type { ReportContent } from './report-content';
import type { Rag } from './report-draft';
import { milestoneKey, type ReportMilestone } from './report-milestones';

export interface ReportDiff {
	from: string;
	to: string;
	/** Workstreams whose RAG differs (from null: not in the previous report). */
	ragChanges: { workstreamId: number; name: string; from: Rag | null; to: Rag }[];
	/** Achieved now, and not achieved (or not reported) before. */
	newlyAchieved: ReportMilestone[];
	/** Slipped now, and not slipped (or not reported) before. */
	newlySlipped: ReportMilestone[];
	/** Slipped in both, and further now. */
	slippedFurther: (ReportMilestone & { previousSlipDays: number })[];
	/** Movement in budget and spend to date, capital and revenue apart (now less then). */
	spend: { spendType: SpendType; budgetPence: number; actualPence: number }[];
	/** Movement in the review figures (now less then). */
	reviews: {
		outcomes: Record<Outcome, number>;
		notReviewed: number;
		decommissioned: number;
		replaced: number;
	};
	/** Business cases decided, and recommendations made, that the previous report did not have. */
	newDecisions: ReportContent['businessCasesDecided'];
	newRecommendations: ReportContent['recommendations'];
}

/** What changed from `previous` to `current`; pure, so the same two reports always give the same answer. */
export function diffReports(previous: ReportContent, current: ReportContent): ReportDiff {
	const was = new Map(previous.workstreams.map((w) => [w.id, w.rag]));
	const ragChanges = current.workstreams
		.filter((w) => was.get(w.id) !== w.rag)
		.map((w) => ({ workstreamId: w.id, name: w.name, from: was.get(w.id) ?? null, to: w.rag }));
	const before = new Map(previous.milestones.map((m) => [milestoneKey(m), m]));
	const newlyAchieved = current.milestones.filter(
		(m) => m.status === 'achieved' && before.get(milestoneKey(m))?.status !== 'achieved'
	);
	const newlySlipped = current.milestones.filter(
		(m) => m.status === 'slipped' && before.get(milestoneKey(m))?.status !== 'slipped'
	);
	const slippedFurther = current.milestones.flatMap((m) => {
		const b = before.get(milestoneKey(m));
		return m.status === 'slipped' && b?.status === 'slipped' && m.slipDays > b.slipDays
			? [{ ...m, previousSlipDays: b.slipDays }]
			: [];
	});
	const spend = current.spend.rows.map((r) => {
		const p = previous.spend.rows.find((x) => x.spendType === r.spendType);
		return {
			spendType: r.spendType,
			budgetPence: r.budgetPence - (p?.budgetPence ?? 0),
			actualPence: r.actualPence - (p?.actualPence ?? 0)
		};
	});
	const [n, p] = [current.reviews.now, previous.reviews.now];
	const decided = new Set(
		previous.businessCasesDecided.map((d) => `${d.businessCaseId}|${d.versionNumber}`)
	);
	const recommended = new Set(previous.recommendations.map((r) => r.text.trim().toLowerCase()));
	return {
		from: previous.quarter.label,
		to: current.quarter.label,
		ragChanges,
		newlyAchieved,
		newlySlipped,
		slippedFurther,
		spend,
		reviews: {
			outcomes: Object.fromEntries(
				OUTCOMES.map((o) => [o, n.outcomes[o] - p.outcomes[o]])
			) as Record<Outcome, number>,
			notReviewed: n.notReviewed - p.notReviewed,
			decommissioned: n.decommissioned - p.decommissioned,
			replaced: n.replaced - p.replaced
		},
		newDecisions: current.businessCasesDecided.filter(
			(d) => !decided.has(`${d.businessCaseId}|${d.versionNumber}`)
		),
		newRecommendations: current.recommendations.filter(
			(r) => !recommended.has(r.text.trim().toLowerCase())
		)
	};
}
