/**
 * Whether the draft form as posted says something the saved draft does not: issuing is refused then,
 * so text typed but not saved is never silently left out of a frozen report.
 */
import type { ReportDraft } from './report-draft';

interface Draft {
	title: string;
	draft: ReportDraft;
}

/** Browsers post a textarea's line breaks as CRLF; spaces at either end carry no meaning in a report. */
const text = (value: string) => value.replace(/\r\n?/g, '\n').trim();

function canonical({ title, draft }: Draft): string {
	return JSON.stringify({
		title: text(title),
		summary: text(draft.summary),
		workstreams: draft.workstreams
			.map((w) => ({
				id: w.workstreamId,
				narrative: text(w.narrative),
				rag: w.override?.rag ?? '',
				reason: text(w.override?.reason ?? '')
			}))
			.filter((w) => w.narrative || w.rag)
			.sort((a, b) => a.id - b.id),
		recommendations: draft.recommendations
			.map((r) => ({ text: text(r.text), reason: text(r.reason) }))
			.filter((r) => r.text || r.reason)
	});
}

/** True when the posted draft differs from the saved one in anything a reader would see. */
export function hasUnsavedChanges(posted: Draft, saved: Draft): boolean {
	return canonical(posted) !== canonical(saved);
}
