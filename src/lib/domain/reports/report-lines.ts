/**
 * A committee report's content as labelled lines in words and pounds: what the issue form posts
 * back with its fingerprint, so a refusal can say what moved in the report since the page was
 * opened: the officer's words, the RAG, milestones, spend, review counts, decisions, risks and the
 * exempt annex (the issuer is an officer, who reads the annex anyway).
 */
import { formatPence } from '../money';
import { formatDate } from '../dates';
import { SPEND_TYPE_LABEL } from '../costs/cost';
import { OUTCOMES, OUTCOME_LABEL } from '../systems/review';
import { clip, lineBook, type FigureLines } from '../hashing/fingerprint';
import type { ReportContent, SpendTotals } from './report-content';
import { governanceLines } from './report-governance';
import { partnerShareLines } from './report-partners';

const money = (t: SpendTotals) =>
	`budget ${formatPence(t.budgetPence)}, spend ${formatPence(t.actualPence)}, remaining ${formatPence(t.remainingPence)}`;

/** Every part of the report `c` as one line each, in the order the report reads. */
export const reportLines = (c: ReportContent): FigureLines => reportBook(c).lines;

/** The lines of `c` holding a figure too large to show: issuing cannot freeze them (fingerprint.ts tooLargeToFreeze). */
export const reportFiguresTooLarge = (c: ReportContent): string[] => reportBook(c).tooLarge;

function reportBook(c: ReportContent) {
	const book = lineBook();
	const { add, addFigures } = book;
	const spend = (label: string, t: SpendTotals) =>
		addFigures(label, money(t), [t.budgetPence, t.actualPence, t.remainingPence]);
	add('Title', clip(c.title));
	add('Organisation', c.organisation);
	add('Quarter', c.quarter.label);
	add('Position as at', formatDate(c.asAt));
	add('Summary', clip(c.summary) || '(blank)');
	for (const w of c.workstreams) {
		add(
			`RAG: ${w.name}`,
			`${w.rag}${w.override ? ` (suggested ${w.suggested.rag}; changed because: ${clip(w.override.reason)})` : ''}`
		);
		add(`Reasons for the suggested RAG: ${w.name}`, clip(w.suggested.reasons.join('; ')));
		add(`Narrative: ${w.name}`, clip(w.narrative) || '(blank)');
	}
	for (const m of c.milestones)
		add(
			`Milestone: ${m.of}, ${m.kindLabel.toLowerCase()} due ${formatDate(m.baselineDate)}`,
			`${m.status}: ${m.words}`
		);
	for (const r of c.spend.rows)
		spend(`Spend to date, ${SPEND_TYPE_LABEL[r.spendType].toLowerCase()}`, r);
	for (const r of c.spend.reportYear)
		spend(`Spend in ${c.quarter.year}, ${SPEND_TYPE_LABEL[r.spendType].toLowerCase()}`, r);
	spend('Spend to date, total', c.spend.total);
	const now = c.reviews.now;
	add('Systems reviewed', `${now.reviewed} of ${now.systems} (${now.notReviewed} not reviewed)`);
	for (const o of OUTCOMES) add(`Review outcome: ${OUTCOME_LABEL[o]}`, String(now.outcomes[o]));
	add(
		'Systems switched off',
		`${now.decommissioned} (${now.replaced} replaced): ${c.reviews.switchedOff.map((s) => s.systemName).join(', ') || 'none'}`
	);
	for (const d of c.businessCasesDecided) {
		add(
			`Business case decided: ${d.title}, version ${d.versionNumber}`,
			`${d.outcomeLabel} on ${formatDate(d.meetingDate)}, minute ${d.minuteRef}${d.conditions ? `, conditions: ${clip(d.conditions)}` : ''}`
		);
	}
	c.topRisks.forEach((r, i) =>
		add(
			`Top risk ${i + 1}`,
			`${clip(r.title)} (${r.caseTitle}): residual ${r.residualScore} (${r.residualRating}), owner ${r.owner}`
		)
	);
	for (const r of c.recommendations)
		add(`Recommendation ${r.number}`, `${clip(r.text)} Reason: ${clip(r.reason)}`);
	if (c.governance) for (const [label, words] of governanceLines(c.governance)) add(label, words);
	if (c.partnerShares)
		for (const [label, words, figures] of partnerShareLines(c.partnerShares))
			addFigures(label, words, figures);
	if (c.annex) {
		for (const s of c.annex.spendBySystem)
			spend(`Annex A: ${s.label} (${s.supplier || 'no supplier'}), ${s.spendType}`, s);
		for (const t of c.annex.approvedCostTables)
			addFigures(
				`Annex A: approved costs of ${t.caseTitle}, version ${t.versionNumber}`,
				formatPence(t.costTable.grandTotalPence),
				[t.costTable.grandTotalPence]
			);
		add('Annex A: suppliers', c.annex.suppliers.join(', ') || 'none');
	}
	return book;
}
