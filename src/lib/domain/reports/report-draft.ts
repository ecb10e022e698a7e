/**
 * What the officer writes in a committee report (the summary, each workstream's narrative and any
 * change to its RAG status, the numbered recommendations) and the RAG status the data suggests for
 * them to accept or change. ./report assembles them with the data into the report.
 */
import type { ReportMilestone } from './report-milestones';
import { TEXT_LIMITS, refuseUnsafeField } from '../forms/form-text';

/** A report is a draft until issued; issued, it is frozen. */
export const REPORT_STATUSES = ['draft', 'issued'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const RAGS = ['Red', 'Amber', 'Green'] as const;
export type Rag = (typeof RAGS)[number];

/** A milestone due in the quarter that slipped more than this (a quarter and a bit) makes a workstream Red. */
export const RED_SLIP_DAYS = 90;

// ---------------------------------------------------------------------------------------------
// The officer's parts

export interface WorkstreamNarrative {
	workstreamId: number;
	narrative: string;
	/** The officer's RAG where it differs from the suggested one, with the reason committee will read. */
	override: { rag: Rag; reason: string } | null;
}
export interface Recommendation {
	text: string;
	reason: string;
}
/** What the officer writes; everything else in a report comes from the data. Stored as the draft's JSON. */
export interface ReportDraft {
	summary: string;
	workstreams: WorkstreamNarrative[];
	recommendations: Recommendation[];
}

export const EMPTY_DRAFT: ReportDraft = { summary: '', workstreams: [], recommendations: [] };

/** The longest text each part of the draft takes (the form's inputs carry them as maxlength). */
export const REPORT_LIMITS = {
	title: TEXT_LIMITS.name,
	summary: 10_000,
	narrative: 5_000,
	reason: TEXT_LIMITS.multiline,
	recommendation: TEXT_LIMITS.multiline
} as const;

/**
 * Checks the officer's parts: an override needs a RAG in words and a reason; a recommendation needs
 * its text and its reason (committee decides on both); narratives name the organisation's workstreams.
 */
export function draftErrors(
	draft: ReportDraft,
	workstreamIds: ReadonlySet<number>
): Record<string, string> {
	const errors: Record<string, string> = {};
	const seen = new Set<number>();
	for (const w of draft.workstreams) {
		const at = `workstream-${w.workstreamId}`;
		if (!workstreamIds.has(w.workstreamId) || seen.has(w.workstreamId))
			errors[at] = 'Select a workstream from the list, once each';
		seen.add(w.workstreamId);
		if (w.override && !(RAGS as readonly string[]).includes(w.override.rag))
			errors[`${at}-rag`] = 'Select Red, Amber or Green';
		if (w.override && !w.override.reason.trim())
			errors[`${at}-reason`] = 'Give the reason for changing the suggested RAG status';
		refuseUnsafeField(errors, at, w.narrative, 'Narrative', 'multiline', REPORT_LIMITS.narrative);
		if (w.override)
			refuseUnsafeField(
				errors,
				`${at}-reason`,
				w.override.reason,
				'Reason for the RAG status',
				'multiline',
				REPORT_LIMITS.reason
			);
	}
	draft.recommendations.forEach((r, i) => {
		if (!r.text.trim()) errors[`recommendation-${i + 1}`] = `Enter recommendation ${i + 1}`;
		if (!r.reason.trim())
			errors[`recommendation-${i + 1}-reason`] = `Give the reason for recommendation ${i + 1}`;
		refuseUnsafeField(
			errors,
			`recommendation-${i + 1}`,
			r.text,
			`Recommendation ${i + 1}`,
			'multiline',
			REPORT_LIMITS.recommendation
		);
		refuseUnsafeField(
			errors,
			`recommendation-${i + 1}-reason`,
			r.reason,
			`Reason for recommendation ${i + 1}`,
			'multiline',
			REPORT_LIMITS.reason
		);
	});
	refuseUnsafeField(
		errors,
		'summary',
		draft.summary,
		'Summary',
		'multiline',
		REPORT_LIMITS.summary
	);
	return errors;
}

// ---------------------------------------------------------------------------------------------
// RAG

/**
 * The RAG status the data suggests for a workstream, with its reasons in words. The rule:
 *  - Red: a milestone due in the quarter is not achieved and has slipped more than RED_SLIP_DAYS
 *    against the baseline, or a statutory system the workstream replaces is due to be switched off
 *    before it goes live (a continuity breach).
 *  - Amber: a milestone due in the quarter has slipped (by any amount) or is at risk.
 *  - Green: otherwise, including when nothing was due.
 * Milestones already achieved, however late, do not count: the report shows their lateness, and
 * RAG speaks to delivery still to come. The officer may override it, with a reason.
 */
export function suggestRag(
	milestones: readonly ReportMilestone[],
	breaches: readonly { explanation: string }[]
): { rag: Rag; reasons: string[] } {
	const open = milestones.filter((m) => m.status !== 'achieved');
	const late = (m: ReportMilestone) => `${m.kindLabel} (${m.of}): ${m.words}`;
	const red = [
		...open.filter((m) => m.status === 'slipped' && m.slipDays > RED_SLIP_DAYS).map(late),
		...breaches.map((b) => `Continuity: ${b.explanation}`)
	];
	if (red.length > 0) return { rag: 'Red', reasons: red };
	const amber = open.filter((m) => m.status === 'slipped' || m.status === 'at risk').map(late);
	if (amber.length > 0) return { rag: 'Amber', reasons: amber };
	return {
		rag: 'Green',
		reasons: [
			milestones.length > 0
				? 'Milestones due in the quarter are achieved or on track'
				: 'No milestones were due in the quarter and no continuity risk is recorded'
		]
	};
}

/** The rule in words, as the report prints it beside the RAG statuses. */
export const RAG_RULE = `Red: a milestone due in the quarter has slipped more than ${RED_SLIP_DAYS} days against the approved baseline and is not achieved, or a statutory system is due to be switched off before its replacement goes live. Amber: a milestone due in the quarter has slipped or is at risk. Green: otherwise. The officer may change it, giving the reason.`;
