/**
 * The report pages' forms as plain strings: starting a report for a quarter, and the officer's parts
 * of a draft (summary, narrative and RAG override per workstream, numbered recommendations). Field
 * names are the keys `draftErrors` reports under ('workstream-12-reason', 'recommendation-2'), so an
 * error links to its field; what was typed is kept exactly when the form comes back with errors.
 */
import { parseFinancialYear } from '../fiscal';
import { RAGS, REPORT_LIMITS, type Rag, type ReportDraft } from './report-draft';
import { TEXT_LIMITS, cutToLength, text } from '../forms/form-text';
import type { FieldErrors } from '../systems/review';

export type FormValues = Record<string, string>;

export const QUARTER_OPTIONS = [
	{ value: '1', label: 'Q1 (April to June)' },
	{ value: '2', label: 'Q2 (July to September)' },
	{ value: '3', label: 'Q3 (October to December)' },
	{ value: '4', label: 'Q4 (January to March)' }
] as const;

/** Reads 'Start the report for a quarter': a financial year as finance teams write it, and Q1-Q4. */
export function parseStartForm(
	form: FormData
):
	| { ok: true; values: FormValues; value: { financialYear: string; quarter: number } }
	| { ok: false; values: FormValues; errors: FieldErrors } {
	const values = {
		financialYear: cutToLength(text(form, 'financialYear'), TEXT_LIMITS.line),
		quarter: cutToLength(text(form, 'quarter'), TEXT_LIMITS.line)
	};
	const errors: FieldErrors = {};
	const year = parseFinancialYear(values.financialYear);
	if (!year.ok) errors.financialYear = year.reason;
	if (!/^[1-4]$/.test(values.quarter)) errors.quarter = 'Select a quarter';
	if (!year.ok || errors.quarter) return { ok: false, values, errors };
	return {
		ok: true,
		values,
		value: { financialYear: year.label, quarter: Number(values.quarter) }
	};
}

export const narrativeField = (workstreamId: number) => `workstream-${workstreamId}`;
export const ragField = (workstreamId: number) => `workstream-${workstreamId}-rag`;
export const ragReasonField = (workstreamId: number) => `workstream-${workstreamId}-reason`;
export const recommendationField = (n: number) => `recommendation-${n}`;
export const recommendationReasonField = (n: number) => `recommendation-${n}-reason`;
export const recommendationRemoveField = (n: number) => `recommendation-${n}-remove`;

/** The form's values for a saved draft, with one empty recommendation after the last (to add one). */
export function draftToValues(
	title: string,
	draft: ReportDraft,
	workstreamIds: readonly number[]
): FormValues {
	const values: FormValues = { title, summary: draft.summary };
	const byId = new Map(draft.workstreams.map((w) => [w.workstreamId, w]));
	for (const id of workstreamIds) {
		const w = byId.get(id);
		values[narrativeField(id)] = w?.narrative ?? '';
		values[ragField(id)] = w?.override?.rag ?? '';
		values[ragReasonField(id)] = w?.override?.reason ?? '';
	}
	const rows = [...draft.recommendations, { text: '', reason: '' }];
	rows.forEach((r, i) => {
		values[recommendationField(i + 1)] = r.text;
		values[recommendationReasonField(i + 1)] = r.reason;
	});
	return values;
}

/** How many recommendation rows the values hold (saved ones and the empty one for adding). */
export function recommendationCount(values: FormValues): number {
	let n = 0;
	while (recommendationField(n + 1) in values) n++;
	return n;
}

/** Reads the draft form: what was typed (kept for a redisplay) and the draft it makes. */
export function readDraftForm(
	form: FormData,
	workstreamIds: readonly number[]
): { values: FormValues; title: string; draft: ReportDraft; positions: number[] } {
	// Kept as typed (untrimmed); what is longer than its limit is cut to one more than the limit, so the
	// draft's check still refuses it and the page repeats back no more than that.
	const read = (name: string, max: number) => cutToLength(String(form.get(name) ?? ''), max + 1);
	const text = (name: string) => read(name, REPORT_LIMITS.reason);
	const values: FormValues = {
		title: read('title', REPORT_LIMITS.title),
		summary: read('summary', REPORT_LIMITS.summary)
	};
	const workstreams: ReportDraft['workstreams'] = [];
	for (const id of workstreamIds) {
		const [narrative, rag, reason] = [
			read(narrativeField(id), REPORT_LIMITS.narrative),
			read(ragField(id), TEXT_LIMITS.line),
			text(ragReasonField(id))
		];
		Object.assign(values, {
			[narrativeField(id)]: narrative,
			[ragField(id)]: rag,
			[ragReasonField(id)]: reason
		});
		const override =
			rag === ''
				? null
				: { rag: ((RAGS as readonly string[]).includes(rag) ? rag : 'not a RAG') as Rag, reason };
		if (narrative.trim() || override) workstreams.push({ workstreamId: id, narrative, override });
	}
	const recommendations: ReportDraft['recommendations'] = [];
	/** The form row (1-based, after removals) each recommendation in the draft came from, to put its errors back on that row. */
	const positions: number[] = [];
	let row = 0;
	for (let n = 1; form.has(recommendationField(n)); n++) {
		if (form.get(recommendationRemoveField(n)) === 'yes') continue;
		const [rText, rReason] = [
			read(recommendationField(n), REPORT_LIMITS.recommendation),
			text(recommendationReasonField(n))
		];
		row++;
		values[recommendationField(row)] = rText;
		values[recommendationReasonField(row)] = rReason;
		// A row left empty (the one offered for adding) is not a recommendation.
		if (!rText.trim() && !rReason.trim()) continue;
		recommendations.push({ text: rText, reason: rReason });
		positions.push(row);
	}
	// Always offer an empty row to add another.
	if (
		row === 0 ||
		values[recommendationField(row)]!.trim() ||
		values[recommendationReasonField(row)]!.trim()
	) {
		values[recommendationField(row + 1)] = '';
		values[recommendationReasonField(row + 1)] = '';
	}
	return {
		values,
		title: values.title!,
		draft: { summary: values.summary!, workstreams, recommendations },
		positions
	};
}

/** Moves errors keyed by a recommendation's place in the draft ('recommendation-1') to the row it was typed in. */
export function errorsOnRows(errors: FieldErrors, positions: readonly number[]): FieldErrors {
	const out: FieldErrors = {};
	for (const [key, message] of Object.entries(errors)) {
		const m = /^recommendation-(\d+)(-reason)?$/.exec(key);
		out[m ? `recommendation-${positions[Number(m[1]) - 1] ?? m[1]}${m[2] ?? ''}` : key] = message;
	}
	return out;
}
