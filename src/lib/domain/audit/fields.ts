/**
 * Every field the app writes into an audit row's before/after, with the label people know it by and
 * how its value reads. Labels follow the forms' own (SystemForm, CostLineForm...); the fixed lists'
 * words come from their one home in the domain. A field not listed here falls back to `fieldFor`'s
 * guess from its name, never to JSON.
 */
import {
	HOSTING_LABEL,
	CRITICALITY_LABEL,
	PERSONAL_DATA_LABEL,
	LIFECYCLE_LABEL
} from '../systems/system';
import { OUTCOME_LABEL } from '../systems/review';
import {
	COST_CATEGORY_LABEL,
	CONFIDENCE_LABEL,
	FUNDING_KIND_LABEL,
	SPEND_TYPE_LABEL
} from '../costs/cost';
import { MILESTONE_KIND_LABEL } from '../milestones/milestone';
import { ROLE_LABEL } from '../permissions';
import { STAGE_LABEL } from '../business-cases/business-case';
import { CASE_STATUS_LABEL, DECISION_MAKER_LABEL } from '../business-cases/business-case-workflow';
import {
	type FieldContext,
	anyValue,
	count,
	date,
	humanise,
	labelled,
	named,
	NOT_SET,
	pence,
	text,
	yesNo
} from './values';
import {
	outcomesText,
	caseFieldLines,
	reportFieldLines,
	draftText,
	scopeText,
	procurementText,
	appraisalText,
	preferredText
} from './content';

/** How one field reads: a value shown as 'Label: before to after', lines of its own, or not shown at all. */
export type Field =
	| { label: string; show: (value: unknown, ctx: FieldContext) => string; masked?: true }
	| { label: string; lines: (before: unknown, after: unknown, ctx: FieldContext) => string[] }
	| { label: string; hidden: true };

const v = (label: string, show: (value: unknown) => string): Field => ({
	label,
	show: (value) => show(value)
});
const ref = (label: string, kind: Parameters<typeof named>[0], what: string): Field => ({
	label,
	show: (value, ctx) => named(kind, ctx.names, what)(value)
});
const hidden = (label: string): Field => ({ label, hidden: true });
const fingerprint = (label: string): Field =>
	v(label, (x) => (typeof x === 'string' && x ? x : NOT_SET));

/** A named person's details: the trail records that they were there or changed, never what they are. */
const personal = (label: string): Field => ({
	label,
	masked: true,
	show: (x) => {
		if (typeof x !== 'string' || x === '') return NOT_SET;
		return x.includes('changed') ? CHANGED_PERSONAL : 'recorded (personal data, not shown)';
	}
});
export const CHANGED_PERSONAL = 'changed (personal data, not shown)';

/** Minutes as the outage form takes them: hours, to one decimal place. */
function hoursText(x: unknown): string {
	if (typeof x !== 'number') return anyValue(x);
	const hours = Math.round(x / 6) / 10;
	return `${Number.isInteger(hours) ? count(hours) : hours.toFixed(1)} ${hours === 1 ? 'hour' : 'hours'}`;
}

/** A funding source's allocations, recorded as { '2026/27': pence }: '2026/27 £100,000.00; 2027/28 £50,000.00'. */
function allocationsText(x: unknown): string {
	if (typeof x !== 'object' || x === null || Array.isArray(x)) return anyValue(x);
	const years = Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
	return years.length
		? years.map(([year, amount]) => `${year} ${pence(amount)}`).join('; ')
		: 'none';
}

const DELIMITER: Record<string, string> = {
	',': 'comma',
	';': 'semicolon',
	'\t': 'tab',
	'|': 'vertical bar'
};
const REPORT_STATUS: Record<string, string> = { draft: 'Draft', issued: 'Issued' };

/** Fields with one meaning wherever they appear. */
const COMMON: Record<string, Field> = {
	id: hidden('Id'),
	reviewId: hidden('Review'),
	version: hidden('Version'),
	name: v('Name', text),
	title: v('Title', text),
	description: v('Description', text),
	supplier: v('Supplier', text),
	product: v('Product', text),
	hosting: v('Hosting', labelled(HOSTING_LABEL)),
	businessOwner: v('Business owner', text),
	technicalOwner: v('Technical owner', text),
	contactName: personal('Contact name'),
	contactEmail: personal('Contact email'),
	contactPhone: personal('Contact phone'),
	userCount: v('Number of users', count),
	annualRunCostPence: v('Annual run cost', pence),
	contractStart: v('Contract start', date),
	contractEnd: v('Contract end', date),
	contractNotice: v('Contract notice date', date),
	criticality: v('Criticality', labelled(CRITICALITY_LABEL)),
	statutoryDuties: v('Statutory duties supported', text),
	personalData: v('Personal data', labelled(PERSONAL_DATA_LABEL)),
	lifecycle: v('Lifecycle', labelled(LIFECYCLE_LABEL)),
	externalRef: v('External reference', text),
	directorateId: ref('Directorate', 'directorate', 'directorate'),
	serviceAreaId: ref('Service area', 'serviceArea', 'service area'),
	systemId: ref('System', 'system', 'system'),
	workstreamId: ref('Workstream', 'workstream', 'workstream'),
	fundingSourceId: ref('Funding source', 'fundingSource', 'funding source'),
	concurrentUsers: v('Concurrent users', count),
	outageMinutesPerYear: v('Expected outage a year', hoursText),
	costPerUserHourPence: v('Cost per user-hour', (x) =>
		x == null ? "the organisation's default" : pence(x)
	),
	basis: v('How it was worked out', text),
	reviewedOn: v('Reviewed on', date),
	reviewer: v('Reviewer', text),
	outcomes: v('Outcomes', outcomesText),
	workstream: v('Workstream', text),
	workstreams: v('Workstreams', (x) =>
		Array.isArray(x) ? x.map(String).join(', ') || 'none' : anyValue(x)
	),
	note: v('Note', text),
	outcome: v('Outcome', labelled(OUTCOME_LABEL)),
	financialYear: v('Financial year', text),
	spendType: v('Capital or revenue', labelled(SPEND_TYPE_LABEL)),
	category: v('Category', labelled(COST_CATEGORY_LABEL)),
	amountPence: v('Amount', pence),
	confidence: v('Confidence', labelled(CONFIDENCE_LABEL)),
	kind: v('Type', anyValue),
	notes: v('Notes', text),
	allocations: v('Allocations by year', allocationsText),
	plannedDate: v('Planned date', date),
	forecastDate: v('Forecast date', date),
	actualDate: v('Actual date', date),
	email: v('Email', text),
	displayName: v('Name', text),
	role: v('Role', labelled(ROLE_LABEL)),
	disabled: v('Account disabled', yesNo),
	slug: v('Short name', text),
	organisationId: ref('Acting in', 'organisation', 'organisation'),
	fileName: v('File', text),
	sha256: fingerprint('File fingerprint (SHA-256)'),
	encoding: v('Character encoding', text),
	delimiter: v('Separator', (x) => (typeof x === 'string' ? (DELIMITER[x] ?? x) : anyValue(x))),
	create: v('Created', count),
	update: v('Updated', count),
	unchanged: v('Unchanged', count),
	rejected: v('Rejected rows', count),
	reviews: v('Reviews recorded', count),
	links: v('Workstream links added', count),
	agreedReviewsReplaced: v('Agreed reviews replaced (the officer ticked to replace them)', count),
	leftOutAgreedReview: v('Rows left out: they would have replaced an agreed review', count),
	differences: v('Differences found and repaired', count),
	fingerprint: fingerprint('Figures fingerprint'),
	contentHash: fingerprint('Content fingerprint (SHA-256)'),
	publicHash: fingerprint('Public version fingerprint (SHA-256)'),
	figuresFingerprint: fingerprint('Figures fingerprint'),
	versionNumber: v('Version', count),
	quarter: v('Quarter', text),
	asAt: v('Figures as at', date),
	value: v('Value', anyValue)
};

/** Fields whose meaning depends on what the row is about. */
const BY_ENTITY: Record<string, Record<string, Field>> = {
	system: { kind: v('Type', anyValue) },
	milestone: {
		kind: v('Milestone', labelled(MILESTONE_KIND_LABEL)),
		outcome: v('For the outcome', labelled(OUTCOME_LABEL))
	},
	funding_source: {
		kind: v('Type of funding', labelled(FUNDING_KIND_LABEL)),
		spendType: v('Funds', labelled(SPEND_TYPE_LABEL))
	},
	import: { kind: v('Kind of import', text) },
	business_case: {
		status: v('Status', labelled(CASE_STATUS_LABEL)),
		outcome: v('Decision', labelled(CASE_STATUS_LABEL)),
		stage: v('Stage', labelled(STAGE_LABEL)),
		settings: v('Appraisal settings', text),
		decisionMaker: v('Decided by', labelled(DECISION_MAKER_LABEL)),
		meetingDate: v('Meeting date', date),
		minuteRef: v('Minute reference', text),
		keyDecision: v('Key decision', yesNo),
		conditions: v('Conditions', text),
		reasons: v('Reasons', text),
		scope: { label: 'Scope', show: (x, ctx) => scopeText(x, ctx.names) },
		procurement: v('Procurement route', procurementText),
		appraisalPeriod: v('Appraisal period', appraisalText),
		preferredOptionId: { label: 'Preferred option', show: (x, ctx) => preferredText(x, ctx) },
		sections: { label: 'Sections', lines: caseFieldLines('sections') },
		options: { label: 'Options', lines: caseFieldLines('options') },
		risks: { label: 'Risks', lines: caseFieldLines('risks') },
		benefits: { label: 'Benefits', lines: caseFieldLines('benefits') }
	},
	committee_report: {
		status: v('Status', labelled(REPORT_STATUS)),
		summary: v('Summary', text),
		workstreams: { label: 'Workstream narratives', lines: reportFieldLines('workstreams') },
		recommendations: { label: 'Recommendations', lines: reportFieldLines('recommendations') },
		draft: v('Draft', draftText)
	}
};

/** The field `key` of a row about `entity`; an unknown one gets a label and a reading from its name. */
export function fieldFor(entity: string, key: string): Field {
	const known = BY_ENTITY[entity]?.[key] ?? COMMON[key];
	if (known) return known;
	if (/Pence$/.test(key)) return v(humanise(key.replace(/Pence$/, '')), pence);
	if (/(Date|On|At)$/.test(key)) return v(humanise(key), date);
	if (/Id$/.test(key))
		return v(humanise(key.replace(/Id$/, '')), (x) => (x == null ? NOT_SET : `no. ${anyValue(x)}`));
	return v(humanise(key), anyValue);
}
