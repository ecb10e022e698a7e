/**
 * A business case version's figures as labelled lines in words and pounds: what the decision page
 * posts back with its fingerprint, so a refusal can say which figures moved since the page was
 * opened. Every part of the snapshot that can change while the version waits for a decision (the
 * cost lines, funding, milestones and names in scope) has its lines, and the fixed parts a summary.
 */
import { formatPence } from '../money';
import { formatDate } from '../dates';
import { SPEND_TYPE_LABEL } from '../costs/cost';
import { MILESTONE_KIND_LABEL } from '../milestones/milestone';
import { SECTION_LABEL, type Section } from './business-case';
import { clip, lineBook, type FigureLines } from '../hashing/fingerprint';
import type { BusinessCaseSnapshot } from './business-case-snapshot';

const date = (iso: string | null) => (iso ? formatDate(iso) : 'none');

/** Every figure of `s` that a decider reads, one line each, in the order the case page shows them. */
export const caseFigureLines = (s: BusinessCaseSnapshot): FigureLines => caseBook(s).lines;

/** The lines of `s` holding a figure too large to show: an approval cannot freeze them (fingerprint.ts tooLargeToFreeze). */
export const caseFiguresTooLarge = (s: BusinessCaseSnapshot): string[] => caseBook(s).tooLarge;

function caseBook(s: BusinessCaseSnapshot) {
	const book = lineBook();
	const { add, addFigures } = book;
	add(
		'Business case',
		`${s.businessCase.title}, ${s.businessCase.stageLabel}, version ${s.businessCase.versionNumber}`
	);
	add('Workstreams in scope', s.scope.workstreams.map((w) => w.name).join(', ') || 'none');
	add('Systems in scope', s.scope.systems.map((w) => w.name).join(', ') || 'none');
	add('Appraisal settings', s.settings.version);
	for (const section of Object.keys(SECTION_LABEL) as Section[])
		add(SECTION_LABEL[section], clip(s.content.sections[section] ?? '') || '(blank)');

	for (const a of s.appraisal) {
		const e = a.economic;
		addFigures(
			`Economic case: ${a.title}`,
			`PV costs ${formatPence(e.pvCosts)}, PV benefits ${formatPence(e.pvBenefits)}, NPSV ${formatPence(e.npsvPence)}, BCR ${e.bcr == null ? 'none' : e.bcr.toFixed(2)}`,
			[e.pvCosts, e.pvBenefits, e.npsvPence]
		);
	}
	for (const f of s.financialCases) {
		const fc = f.financial;
		addFigures(
			`Financial case: ${f.title}`,
			`capital ${formatPence(fc.capitalPence)}, revenue ${formatPence(fc.revenuePence)}, funding shortfall ${formatPence(fc.shortfallPence.total)}`,
			[fc.capitalPence, fc.revenuePence, fc.totalPence, fc.shortfallPence.total]
		);
	}

	for (const source of s.fundingStatement) {
		for (const y of source.byYear) {
			addFigures(
				`Funding: ${source.name} (${SPEND_TYPE_LABEL[source.spendType].toLowerCase()}), ${y.financialYear}`,
				`allocation ${formatPence(y.allocationPence)}, charged ${formatPence(y.chargedPence)}, counted ${formatPence(y.countedPence)}`,
				[y.allocationPence, y.chargedPence, y.countedPence]
			);
		}
	}

	const columns = s.costTable.columns;
	for (const row of s.costTable.rows) {
		row.cells.forEach((pence, i) => {
			const c = columns[i]!;
			if (pence !== 0)
				addFigures(
					`Cost in scope: ${row.label}, ${c.financialYear} ${c.spendType}`,
					formatPence(pence),
					[pence]
				);
		});
		addFigures(`Cost in scope: ${row.label}, total`, formatPence(row.totalPence), [row.totalPence]);
	}
	addFigures('Cost in scope: total', formatPence(s.costTable.grandTotalPence), [
		s.costTable.grandTotalPence
	]);

	for (const m of s.timeline.milestones) {
		add(
			`Milestone: ${m.of}, ${MILESTONE_KIND_LABEL[m.kind].toLowerCase()}`,
			`planned ${date(m.plannedDate)}, forecast ${date(m.forecastDate)}, actual ${date(m.actualDate)}`
		);
	}
	add('Fully operational', s.timeline.fullyOperational.words);

	for (const r of s.risks)
		add(
			`Risk: ${r.title}`,
			`inherent ${r.inherentScore} (${r.inherentRating}), residual ${r.residualScore} (${r.residualRating})`
		);
	for (const b of s.benefits)
		addFigures(
			`Benefit: ${b.title}`,
			`${b.kind === 'cashable' ? 'cashable' : 'non-cashable'}, ${formatPence(b.totalPence)}`,
			[b.totalPence]
		);
	// Per-year figures not on a line of their own add up into one that is, so a part too large makes its line's total too large.
	return book;
}
