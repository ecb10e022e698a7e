/**
 * Minutes and papers attached to a partnership meeting, so the records of reports, minutes and
 * decision making always exist with the meeting. The files are checked as a plan's attachment is
 * (documents.ts `checkAttachment`: PDF, Word, OpenDocument or text, by content as well as name,
 * at most 900 KB) and, once attached, never changed or removed (the database refuses it).
 */
import { refuseUnsafeText } from '../forms/form-text';
import type { FieldErrors } from '../systems/review';

export const PAPER_KINDS = ['minutes', 'papers'] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];
export const PAPER_KIND_LABEL: Record<PaperKind, string> = {
	minutes: 'Minutes',
	papers: 'Papers (agenda, reports)'
};

export const MAX_PAPER_TITLE = 200;

/** The attach form's fields (named apart from the meeting form's on the same page). */
export interface PaperValues {
	paperMeetingId: string;
	paperKind: string;
	paperTitle: string;
}

/** What is typed beside the file: which meeting, which kind of record it is, and its title. */
export function parsePaperForm(
	values: PaperValues
):
	| { ok: true; value: { meetingId: number; kind: PaperKind; title: string } }
	| { ok: false; errors: FieldErrors } {
	const errors: FieldErrors = {};
	if (!/^[1-9]\d{0,15}$/.test(values.paperMeetingId))
		errors.paperMeetingId = 'Choose the meeting the minutes or papers are for';
	if (!(PAPER_KINDS as readonly string[]).includes(values.paperKind))
		errors.paperKind = 'Choose whether these are the minutes or papers';
	refuseUnsafeText(errors, values, { paperTitle: 'Title of the minutes or papers' }, [], {
		paperTitle: MAX_PAPER_TITLE
	});
	if (values.paperTitle.trim() === '' && !errors.paperTitle)
		errors.paperTitle = 'Enter a title, like Agenda pack or Draft minutes';
	return Object.keys(errors).length > 0
		? { ok: false, errors }
		: {
				ok: true,
				value: {
					meetingId: Number(values.paperMeetingId),
					kind: values.paperKind as PaperKind,
					title: values.paperTitle.trim()
				}
			};
}
