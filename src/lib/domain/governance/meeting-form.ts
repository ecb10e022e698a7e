/** The partnership forms: a meeting with who attended for each partner, and the partnership agreement. */
import { refuseUnsafeField, refuseUnsafeText, text } from '../forms/form-text';
import type { FieldErrors, Parsed } from '../systems/review';
import { checkLink } from './documents';
import { QUORUM_RULES, type QuorumRule } from './quorum';
import { oneOf, date } from './form-fields';

/** The bodies a partnership meeting is held by (the schema takes its values from here). */
export const MEETING_BODIES = ['board', 'joint_committee'] as const;
export type MeetingBody = (typeof MEETING_BODIES)[number];

export const MEETING_LABELS = {
	body: 'Meeting of',
	meetingOn: 'Date of the meeting',
	title: 'Title',
	minutesUrl: 'Link to the minutes and papers'
} as const;
export type MeetingValues = Record<keyof typeof MEETING_LABELS, string> & {
	attendees: Record<number, string>;
};

export function readMeetingForm(form: FormData, partnerIds: readonly number[]): MeetingValues {
	const v = Object.fromEntries(
		Object.keys(MEETING_LABELS).map((k) => [k, text(form, k)])
	) as Record<keyof typeof MEETING_LABELS, string>;
	return {
		...v,
		attendees: Object.fromEntries(partnerIds.map((id) => [id, text(form, `attendees.${id}`)]))
	};
}

export function parseMeetingForm(values: MeetingValues): Parsed<
	{
		body: MeetingBody;
		meetingOn: string;
		title: string;
		minutesUrl: string;
		attendees: Record<number, string>;
	},
	MeetingValues
> {
	const errors: FieldErrors = {};
	refuseUnsafeText(
		errors,
		values,
		{ title: MEETING_LABELS.title, minutesUrl: MEETING_LABELS.minutesUrl },
		[],
		{ title: 200, minutesUrl: 2000 }
	);
	for (const id of Object.keys(values.attendees))
		values.attendees[Number(id)] = refuseUnsafeField(
			errors,
			`attendees.${id}`,
			values.attendees[Number(id)]!,
			'Attendees',
			'line'
		);
	if (!(MEETING_BODIES as readonly string[]).includes(values.body))
		errors.body = 'Choose the board or the joint committee';
	const meetingOn = date(errors, 'meetingOn', MEETING_LABELS.meetingOn, values.meetingOn);
	if (values.title === '' && !errors.title)
		errors.title = 'Enter a title, like Joint Committee, March 2026';
	if (!errors.minutesUrl) {
		const linkProblem = checkLink(values.minutesUrl);
		if (linkProblem) errors.minutesUrl = linkProblem.replace('Link', 'Link to the minutes');
	}
	if (Object.values(values.attendees).every((a) => a === ''))
		errors.attendees =
			'Enter who attended for at least one partner: a meeting with no partner present is not a meeting of the partnership';
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: {
			body: values.body as MeetingBody,
			meetingOn: meetingOn!,
			title: values.title,
			minutesUrl: values.minutesUrl,
			attendees: values.attendees
		}
	};
}

export const AGREEMENT_LABELS = {
	title: 'Title of the agreement',
	reference: 'Reference',
	signedOn: 'Date signed',
	quorumRule: 'Quorum',
	quorumMinimum: 'Partners needed'
} as const;
export type AgreementValues = Record<keyof typeof AGREEMENT_LABELS, string>;

export function readAgreementForm(form: FormData): AgreementValues {
	return Object.fromEntries(
		Object.keys(AGREEMENT_LABELS).map((k) => [k, text(form, k)])
	) as AgreementValues;
}

export function parseAgreementForm(values: AgreementValues): Parsed<
	{
		title: string;
		reference: string;
		signedOn: string;
		quorumRule: QuorumRule;
		quorumMinimum: number | null;
	},
	AgreementValues
> {
	const errors: FieldErrors = {};
	refuseUnsafeText(
		errors,
		values,
		{ title: AGREEMENT_LABELS.title, reference: AGREEMENT_LABELS.reference },
		[],
		{ title: 200, reference: 100 }
	);
	if (values.title === '' && !errors.title) errors.title = 'Enter the title of the agreement';
	const signedOn = date(errors, 'signedOn', AGREEMENT_LABELS.signedOn, values.signedOn);
	if (!oneOf(QUORUM_RULES, values.quorumRule)) errors.quorumRule = 'Choose the quorum rule';
	let quorumMinimum: number | null = null;
	if (values.quorumRule === 'minimum') {
		if (/^[1-9]\d{0,2}$/.test(values.quorumMinimum)) quorumMinimum = Number(values.quorumMinimum);
		else errors.quorumMinimum = 'Partners needed must be a whole number, 1 or more';
	}
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: {
			title: values.title,
			reference: values.reference,
			signedOn: signedOn!,
			quorumRule: values.quorumRule as QuorumRule,
			quorumMinimum
		}
	};
}

export const AGREEMENT_FIELDS = Object.keys(AGREEMENT_LABELS) as (keyof typeof AGREEMENT_LABELS)[];
