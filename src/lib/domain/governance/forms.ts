/**
 * The governance forms' parsers: what was typed in, checked field by field, errors keyed by the
 * field's name (the error summary links to it). Pure: the services check what needs the database
 * (authors against testers, a meeting's partners, RTOs at the time of a test).
 */
import { isoToInput, parseDateInput } from '../dates';
import { refuseUnsafeField, refuseUnsafeText, text, texts } from '../forms/form-text';
import type { FieldErrors, Parsed } from '../systems/review';
import { formatDuration, parseDuration } from './duration';
import { objectiveProblems } from './recovery';
import {
	DOCUMENT_KINDS,
	DOCUMENT_SCOPES,
	checkLink,
	type DocumentKind,
	type DocumentScope
} from './documents';
import { TEST_RESULTS, TEST_TYPES, type TestResult, type TestType } from './recovery';
import { QUORUM_RULES, type QuorumRule } from './quorum';

const oneOf = <T extends string>(list: readonly T[], v: string): v is T =>
	(list as readonly string[]).includes(v);
const ids = (form: FormData, name: string) => [
	...new Set(
		texts(form, name)
			.filter((v) => /^[1-9]\d{0,15}$/.test(v))
			.map(Number)
	)
];

function date(
	errors: FieldErrors,
	field: string,
	label: string,
	value: string,
	required = true
): string | null {
	if (value === '') {
		if (required) errors[field] = `Enter ${label.toLowerCase()}`;
		return null;
	}
	const d = parseDateInput(value);
	if (!d.ok) errors[field] = `${label}: ${d.reason}`;
	return d.ok ? d.iso : null;
}

function duration(errors: FieldErrors, field: string, label: string, value: string): number {
	if (value === '') {
		errors[field] = `Enter the ${label.toLowerCase()}, like 4h, 30m, 2d or 1:30`;
		return 0;
	}
	const d = parseDuration(value);
	if (!d.ok) errors[field] = `${label} ${d.reason}`;
	return d.ok ? d.minutes : 0;
}

// --- Recovery objectives -------------------------------------------------------------------------

export const OBJECTIVE_LABELS = {
	rto: 'Recovery time objective',
	rpo: 'Recovery point objective',
	mtpd: 'Maximum tolerable period of disruption',
	restorationOrder: 'Restoration order',
	agreedBy: 'Business owner who agreed them',
	agreedOn: 'Date agreed'
} as const;
export type ObjectiveValues = Record<keyof typeof OBJECTIVE_LABELS, string>;
export interface ObjectiveInput {
	rtoMinutes: number;
	rpoMinutes: number;
	mtpdMinutes: number;
	restorationOrder: number | null;
	agreedBy: string;
	agreedOn: string;
}

export function readObjectiveForm(form: FormData): ObjectiveValues {
	return Object.fromEntries(
		Object.keys(OBJECTIVE_LABELS).map((k) => [k, text(form, k)])
	) as ObjectiveValues;
}

export function parseObjectiveForm(
	values: ObjectiveValues
): Parsed<ObjectiveInput, ObjectiveValues> {
	const errors: FieldErrors = {};
	refuseUnsafeText(errors, values, { agreedBy: OBJECTIVE_LABELS.agreedBy }, [], { agreedBy: 200 });
	const rtoMinutes = duration(errors, 'rto', OBJECTIVE_LABELS.rto, values.rto);
	const rpoMinutes = duration(errors, 'rpo', OBJECTIVE_LABELS.rpo, values.rpo);
	const mtpdMinutes = duration(errors, 'mtpd', OBJECTIVE_LABELS.mtpd, values.mtpd);
	let restorationOrder: number | null = null;
	if (values.restorationOrder !== '') {
		if (/^[1-9]\d{0,3}$/.test(values.restorationOrder))
			restorationOrder = Number(values.restorationOrder);
		else
			errors.restorationOrder =
				'Restoration order must be a whole number from 1 (restored first) to 9999';
	}
	if (values.agreedBy === '' && !errors.agreedBy)
		errors.agreedBy = 'Enter the business owner who agreed these objectives';
	const agreedOn = date(errors, 'agreedOn', OBJECTIVE_LABELS.agreedOn, values.agreedOn);
	if (rtoMinutes && mtpdMinutes)
		Object.assign(errors, objectiveProblems({ rtoMinutes, rpoMinutes, mtpdMinutes }));
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: {
			rtoMinutes,
			rpoMinutes,
			mtpdMinutes,
			restorationOrder,
			agreedBy: values.agreedBy,
			agreedOn: agreedOn!
		}
	};
}

// --- Documents ------------------------------------------------------------------------------------

export const DOCUMENT_LABELS = {
	kind: 'Type of document',
	title: 'Title',
	scope: 'What it covers',
	serviceName: 'Service covered',
	summary: 'Summary of this version',
	linkUrl: 'Link to the document'
} as const;
export type DocumentValues = Record<keyof typeof DOCUMENT_LABELS, string> & {
	restricted: boolean;
	systemIds: number[];
	authorIds: number[];
};
export interface DocumentInput {
	kind: DocumentKind;
	title: string;
	scope: DocumentScope;
	serviceName: string;
	restricted: boolean;
	systemIds: number[];
}
export interface VersionInput {
	summary: string;
	linkUrl: string | null;
	authorIds: number[];
}

export function readDocumentForm(form: FormData): DocumentValues {
	const v = Object.fromEntries(
		Object.keys(DOCUMENT_LABELS).map((k) => [k, text(form, k)])
	) as Record<keyof typeof DOCUMENT_LABELS, string>;
	return {
		...v,
		restricted: text(form, 'restricted') === 'yes',
		systemIds: ids(form, 'systemIds'),
		authorIds: ids(form, 'authorIds')
	};
}

/** The version part alone: a new version of an existing document. */
export function parseVersionForm(
	values: DocumentValues,
	errors: FieldErrors = {}
): Parsed<VersionInput, DocumentValues> {
	refuseUnsafeText(
		errors,
		values,
		{ summary: DOCUMENT_LABELS.summary, linkUrl: DOCUMENT_LABELS.linkUrl },
		['summary'],
		{ linkUrl: 2000 }
	);
	if (!errors.linkUrl) {
		const linkProblem = checkLink(values.linkUrl);
		if (linkProblem) errors.linkUrl = linkProblem;
	}
	if (values.authorIds.length === 0)
		errors.authorIds = 'Choose at least one author of this version';
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: { summary: values.summary, linkUrl: values.linkUrl || null, authorIds: values.authorIds }
	};
}

export function parseDocumentForm(
	values: DocumentValues
): Parsed<DocumentInput & VersionInput, DocumentValues> {
	const errors: FieldErrors = {};
	refuseUnsafeText(
		errors,
		values,
		{ title: DOCUMENT_LABELS.title, serviceName: DOCUMENT_LABELS.serviceName },
		[],
		{ title: 200, serviceName: 200 }
	);
	if (!oneOf(DOCUMENT_KINDS, values.kind)) errors.kind = 'Choose the type of document';
	if (values.title === '' && !errors.title) errors.title = 'Enter a title';
	if (!oneOf(DOCUMENT_SCOPES, values.scope)) errors.scope = 'Choose what the document covers';
	if (values.scope === 'service' && values.serviceName === '' && !errors.serviceName)
		errors.serviceName = 'Enter the service the document covers';
	if (values.scope === 'systems' && values.systemIds.length === 0)
		errors.systemIds = 'Choose the systems the document covers';
	const version = parseVersionForm(values, errors);
	if (!version.ok) return version;
	const scope = values.scope as DocumentScope;
	return {
		ok: true,
		value: {
			kind: values.kind as DocumentKind,
			title: values.title,
			scope,
			serviceName: scope === 'service' ? values.serviceName : '',
			restricted: values.restricted && values.kind === 'security_policy',
			systemIds: scope === 'systems' ? values.systemIds : [],
			...version.value
		}
	};
}

// --- Approval at a meeting ------------------------------------------------------------------------

export const APPROVAL_LABELS = {
	meetingId: 'Meeting',
	minuteRef: 'Minute reference',
	reviewBy: 'Review by'
} as const;
export type ApprovalValues = Record<keyof typeof APPROVAL_LABELS, string>;

export function readApprovalForm(form: FormData): ApprovalValues {
	return {
		meetingId: text(form, 'meetingId'),
		minuteRef: text(form, 'minuteRef'),
		reviewBy: text(form, 'reviewBy')
	};
}

export function parseApprovalForm(
	values: ApprovalValues
): Parsed<{ meetingId: number; minuteRef: string; reviewBy: string | null }, ApprovalValues> {
	const errors: FieldErrors = {};
	refuseUnsafeText(errors, values, { minuteRef: APPROVAL_LABELS.minuteRef }, [], {
		minuteRef: 100
	});
	if (!/^[1-9]\d{0,15}$/.test(values.meetingId))
		errors.meetingId = 'Choose the meeting that approved it';
	if (values.minuteRef === '' && !errors.minuteRef)
		errors.minuteRef = 'Enter the minute reference, like JC/2026/14';
	const reviewBy = date(errors, 'reviewBy', APPROVAL_LABELS.reviewBy, values.reviewBy, false);
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: { meetingId: Number(values.meetingId), minuteRef: values.minuteRef, reviewBy }
	};
}

// --- Recovery tests -------------------------------------------------------------------------------

export const TEST_LABELS = {
	testType: 'Type of test',
	testedOn: 'Date of the test',
	result: 'Result',
	evidence: 'Evidence',
	findings: 'Findings'
} as const;
export const MAX_FINDING_ROWS = 3;
export interface FindingValues {
	description: string;
	owner: string;
	dueOn: string;
}
export type TestValues = Record<keyof typeof TEST_LABELS, string> & {
	testerIds: number[];
	systems: Record<number, { achieved: string; dataLoss: string }>;
	actions: FindingValues[];
};
export interface TestInput {
	testType: TestType;
	testedOn: string;
	result: TestResult;
	evidence: string;
	testerIds: number[];
	systems: { systemId: number; achievedMinutes: number; dataLossMinutes: number | null }[];
	actions: { description: string; owner: string; dueOn: string }[];
}

/** Reads the test form; `systemIds` are the systems the plan covers (the form has a row for each). */
export function readTestForm(form: FormData, systemIds: readonly number[]): TestValues {
	const v = Object.fromEntries(Object.keys(TEST_LABELS).map((k) => [k, text(form, k)])) as Record<
		keyof typeof TEST_LABELS,
		string
	>;
	return {
		...v,
		testerIds: ids(form, 'testerIds'),
		systems: Object.fromEntries(
			systemIds.map((id) => [
				id,
				{ achieved: text(form, `achieved.${id}`), dataLoss: text(form, `dataLoss.${id}`) }
			])
		),
		actions: Array.from({ length: MAX_FINDING_ROWS }, (_, i) => ({
			description: text(form, `action.${i}.description`),
			owner: text(form, `action.${i}.owner`),
			dueOn: text(form, `action.${i}.dueOn`)
		}))
	};
}

export function parseTestForm(values: TestValues): Parsed<TestInput, TestValues> {
	const errors: FieldErrors = {};
	refuseUnsafeText(
		errors,
		values,
		{ evidence: TEST_LABELS.evidence, findings: TEST_LABELS.findings },
		['evidence', 'findings']
	);
	if (!oneOf(TEST_TYPES, values.testType)) errors.testType = 'Choose the type of test';
	const testedOn = date(errors, 'testedOn', TEST_LABELS.testedOn, values.testedOn);
	if (!oneOf(TEST_RESULTS, values.result)) errors.result = 'Choose the result';
	if (values.testerIds.length === 0) errors.testerIds = 'Choose at least one tester';
	const systems: TestInput['systems'] = [];
	for (const [id, s] of Object.entries(values.systems)) {
		if (s.achieved === '' && s.dataLoss === '') continue;
		const achieved = s.achieved === '' ? null : parseDuration(s.achieved);
		if (!achieved)
			errors[`achieved.${id}`] =
				'Enter the recovery time achieved, like 3h30m, or leave both blank if not tested';
		else if (!achieved.ok) errors[`achieved.${id}`] = `Recovery time achieved ${achieved.reason}`;
		const loss = s.dataLoss === '' || s.dataLoss === '0' ? null : parseDuration(s.dataLoss);
		if (loss && !loss.ok) errors[`dataLoss.${id}`] = `Data loss ${loss.reason}`;
		if (achieved?.ok && (!loss || loss.ok))
			systems.push({
				systemId: Number(id),
				achievedMinutes: achieved.minutes,
				dataLossMinutes: s.dataLoss === '0' ? 0 : loss?.ok ? loss.minutes : null
			});
	}
	const actions: TestInput['actions'] = [];
	values.actions.forEach((a, i) => {
		const p = `action.${i}`;
		a.description = refuseUnsafeField(
			errors,
			`${p}.description`,
			a.description,
			`Finding ${i + 1}`,
			'line'
		);
		a.owner = refuseUnsafeField(
			errors,
			`${p}.owner`,
			a.owner,
			`Owner of finding ${i + 1}`,
			'line',
			200
		);
		if (a.description === '' && a.owner === '' && a.dueOn === '') return;
		if (a.description === '')
			errors[`${p}.description`] = `Enter finding ${i + 1}, or clear its owner and due date`;
		if (a.owner === '') errors[`${p}.owner`] = `Enter who owns the action from finding ${i + 1}`;
		const due = date(errors, `${p}.dueOn`, `Due date of finding ${i + 1}`, a.dueOn);
		if (a.description && a.owner && due)
			actions.push({ description: a.description, owner: a.owner, dueOn: due });
	});
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: {
			testType: values.testType as TestType,
			testedOn: testedOn!,
			result: values.result as TestResult,
			evidence: values.evidence,
			testerIds: values.testerIds,
			systems,
			actions
		}
	};
}

// --- Meetings -------------------------------------------------------------------------------------

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
		body: 'board' | 'joint_committee';
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
	if (values.body !== 'board' && values.body !== 'joint_committee')
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
			body: values.body as 'board' | 'joint_committee',
			meetingOn: meetingOn!,
			title: values.title,
			minutesUrl: values.minutesUrl,
			attendees: values.attendees
		}
	};
}

// --- Partnership agreement ------------------------------------------------------------------------

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

export { date as parseDateField };

/** A saved row's values as the objectives form shows them. */
export function objectiveValues(o: ObjectiveInput | null | undefined): ObjectiveValues {
	if (!o) return { rto: '', rpo: '', mtpd: '', restorationOrder: '', agreedBy: '', agreedOn: '' };
	return {
		rto: formatDuration(o.rtoMinutes),
		rpo: formatDuration(o.rpoMinutes),
		mtpd: formatDuration(o.mtpdMinutes),
		restorationOrder: o.restorationOrder == null ? '' : String(o.restorationOrder),
		agreedBy: o.agreedBy,
		agreedOn: isoToInput(o.agreedOn)
	};
}

/** What the objectives form compares on a conflict: durations as minutes, so '4h' and '240' are the same. */
export function objectiveComparable(v: ObjectiveValues): ObjectiveValues {
	const minutes = (t: string) => {
		const d = parseDuration(t);
		return d.ok ? formatDuration(d.minutes) : t;
	};
	const date = parseDateInput(v.agreedOn);
	return {
		...v,
		rto: minutes(v.rto),
		rpo: minutes(v.rpo),
		mtpd: minutes(v.mtpd),
		agreedOn: date.ok ? isoToInput(date.iso) : v.agreedOn
	};
}

export const AGREEMENT_FIELDS = Object.keys(AGREEMENT_LABELS) as (keyof typeof AGREEMENT_LABELS)[];
export const OBJECTIVE_FIELDS = Object.keys(OBJECTIVE_LABELS) as (keyof typeof OBJECTIVE_LABELS)[];
