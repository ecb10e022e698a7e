import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	auditReferences,
	changeLines,
	describeAuditRow,
	formatTimestamp,
	type AuditNames,
	type AuditRowInput
} from './index';
import { anyValue, humanise } from './values';
import { detailText, headline } from './actions';

const NAMES: AuditNames = {
	directorate: { '1': 'Children, Families and Adults', '2': 'Place' },
	serviceArea: { '3': 'Children and Families' },
	workstream: { '4': 'Integration', '5': 'Case Management' },
	system: { '6': 'CareFirst' },
	fundingSource: { '7': 'Transformation reserve' },
	user: { '8': 'Sam Officer' },
	businessCase: { '9': 'Case management replacement' },
	organisation: { '10': 'Northshire County Council' },
	caseItem: { '9/option-2': 'Buy a new case management system' }
};

function row(overrides: Partial<AuditRowInput>): AuditRowInput {
	return {
		id: 1,
		at: '2026-12-05T14:03:09.123Z',
		actor: 'officer@northshire.gov.uk',
		entity: 'system',
		entityId: '6',
		action: 'update',
		before: null,
		after: null,
		detail: '',
		...overrides
	};
}
const lines = (
	entity: string,
	action: string,
	before: unknown,
	after: unknown,
	entityId: string | null = '6'
) =>
	changeLines(
		entity,
		entityId,
		action,
		before === undefined ? null : JSON.stringify(before),
		after === undefined ? null : JSON.stringify(after),
		NAMES
	);

describe('values in words', () => {
	it.each([
		[
			'money in pounds and pence',
			'system',
			{ annualRunCostPence: 52_800_000 },
			{ annualRunCostPence: 41_200_000 },
			'Annual run cost: £528,000.00 to £412,000.00'
		],
		[
			'a cost line amount',
			'cost_line',
			{ amountPence: 5 },
			{ amountPence: 1_234_567 },
			'Amount: £0.05 to £12,345.67'
		],
		[
			'money set for the first time',
			'system',
			{ annualRunCostPence: null },
			{ annualRunCostPence: 100 },
			'Annual run cost: not set to £1.00'
		],
		[
			'a UK date',
			'system',
			{ contractEnd: '2027-03-03' },
			{ contractEnd: '2028-03-31' },
			'Contract end: 3 March 2027 to 31 March 2028'
		],
		[
			'a cleared date',
			'system',
			{ contractNotice: '2027-01-01' },
			{ contractNotice: null },
			'Contract notice date: 1 January 2027 to not set'
		],
		[
			'a directorate by name',
			'system',
			{ directorateId: 2 },
			{ directorateId: 1 },
			'Directorate: Place to Children, Families and Adults'
		],
		[
			'a service area by name',
			'system',
			{ serviceAreaId: null },
			{ serviceAreaId: 3 },
			'Service area: not set to Children and Families'
		],
		[
			'a removed record',
			'system',
			{ directorateId: 1 },
			{ directorateId: 99 },
			'Directorate: Children, Families and Adults to a directorate since removed'
		],
		[
			'hosting in words',
			'system',
			{ hosting: 'on_premises' },
			{ hosting: 'saas' },
			'Hosting: On-premises to Software as a service'
		],
		[
			'criticality',
			'system',
			{ criticality: 'low' },
			{ criticality: 'critical' },
			'Criticality: Low to Critical'
		],
		[
			'personal data',
			'system',
			{ personalData: 'none' },
			{ personalData: 'special_category' },
			'Personal data: None to Special category data'
		],
		[
			'lifecycle',
			'system',
			{ lifecycle: 'live' },
			{ lifecycle: 'archived' },
			'Lifecycle: Live to Archived'
		],
		[
			'a count',
			'system',
			{ userCount: 950 },
			{ userCount: 12_500 },
			'Number of users: 950 to 12,500'
		],
		[
			'outage hours',
			'system',
			{ outageMinutesPerYear: 480 },
			{ outageMinutesPerYear: 90 },
			'Expected outage a year: 8 hours to 1.5 hours'
		],
		[
			'the default cost per user-hour',
			'system',
			{ costPerUserHourPence: null },
			{ costPerUserHourPence: 1300 },
			"Cost per user-hour: the organisation's default to £13.00"
		],
		['a boolean', 'user', { disabled: false }, { disabled: true }, 'Account disabled: No to Yes'],
		[
			'a role',
			'user',
			{ role: 'viewer' },
			{ role: 'org_admin' },
			'Role: Viewer to Organisation administrator'
		],
		[
			'a cost category',
			'cost_line',
			{ category: 'support_maintenance' },
			{ category: 'data_migration' },
			'Category: Support and maintenance to Data migration'
		],
		[
			'capital or revenue',
			'cost_line',
			{ spendType: 'capital' },
			{ spendType: 'revenue' },
			'Capital or revenue: Capital to Revenue'
		],
		[
			'confidence',
			'cost_line',
			{ confidence: 'estimate' },
			{ confidence: 'actual' },
			'Confidence: Estimate to Actual'
		],
		[
			'a funding source by name',
			'cost_line',
			{ fundingSourceId: null },
			{ fundingSourceId: 7 },
			'Funding source: not set to Transformation reserve'
		],
		[
			'a milestone kind',
			'milestone',
			{ kind: 'go_live' },
			{ kind: 'decommission' },
			'Milestone: Go-live to Decommission'
		],
		[
			'a funding kind',
			'funding_source',
			{ kind: 'grant' },
			{ kind: 'reserves' },
			'Type of funding: Grant to Reserves'
		],
		[
			'a case status',
			'business_case',
			{ status: 'draft' },
			{ status: 'submitted' },
			'Status: Draft to Submitted for decision'
		],
		[
			'a report status',
			'committee_report',
			{ status: 'draft' },
			{ status: 'issued' },
			'Status: Draft to Issued'
		],
		[
			'outcomes with their status',
			'system',
			{ outcomes: ['develop (agreed)'] },
			{ outcomes: ['maintain (proposed)', 'replace (agreed)'] },
			'Outcomes: Development required (agreed) to Maintain only (proposed); Replace with the new main system (agreed)'
		],
		[
			'the organisation acted in',
			'session',
			{ organisationId: 999 },
			{ organisationId: 10 },
			'Acting in: another organisation to Northshire County Council'
		],
		[
			'an unknown enum value',
			'system',
			{ hosting: 'colocated_site' },
			{ hosting: 'saas' },
			'Hosting: Colocated site to Software as a service'
		]
	])('%s', (_what, entity, before, after, expected) => {
		expect(lines(entity, 'update', before, after)).toEqual([expected]);
	});

	it('leaves out what did not change and the internal review id', () => {
		expect(
			lines(
				'system',
				'review',
				{ reviewId: 56, outcomes: ['maintain (agreed)'] },
				{
					reviewId: 139,
					reviewedOn: '2026-11-14',
					reviewer: 'Strategy group',
					outcomes: ['maintain (agreed)']
				}
			)
		).toEqual(['Reviewed on: 14 November 2026', 'Reviewer: Strategy group']);
	});

	it('keeps a named person masked, saying only that the details changed', () => {
		const got = lines(
			'system',
			'update',
			{ contactName: '[personal data]', contactEmail: '' },
			{ contactName: '[personal data] (changed)', contactEmail: '[personal data] (changed)' }
		);
		expect(got).toEqual([
			'Contact name: recorded (personal data, not shown) to changed (personal data, not shown)',
			'Contact email: not set to changed (personal data, not shown)'
		]);
		expect(got.join(' ')).not.toMatch(/@|\[personal data\]/);
		// An import records a changed contact masked on both sides: still a change, still not shown.
		expect(
			lines(
				'system',
				'update',
				{ contactPhone: '[personal data]' },
				{ contactPhone: '[personal data]' }
			)
		).toEqual(['Contact phone: changed (personal data, not shown)']);
	});

	it('lists a new record by its values, leaving blanks out', () => {
		expect(
			lines('system', 'create', undefined, {
				name: 'CareFirst',
				description: '',
				annualRunCostPence: 52_800_000,
				directorateId: 1,
				contractEnd: null
			})
		).toEqual([
			'Name: CareFirst',
			'Annual run cost: £528,000.00',
			'Directorate: Children, Families and Adults'
		]);
	});

	it('reads a value recorded on its own (a funding source allocations)', () => {
		expect(
			lines(
				'funding_source',
				'set-allocations',
				{ '2026/27': 100_000 },
				{ '2027/28': 5_000_000, '2026/27': 200_000 }
			)
		).toEqual(['Allocations by year: 2026/27 £1,000.00 to 2026/27 £2,000.00; 2027/28 £50,000.00']);
		expect(
			lines('funding_source', 'create', undefined, { name: 'Grant', allocations: {} })
		).toEqual(['Name: Grant']);
	});

	it('says so when the stored values cannot be read, without showing them', () => {
		const got = changeLines('system', '6', 'update', '{not json', null, NAMES);
		expect(got).toEqual([
			'The recorded values could not be read here; the CSV export has them as stored'
		]);
	});
});

describe('business cases and reports', () => {
	it('names the preferred option and scope, and lists items added, changed and removed', () => {
		expect(
			lines(
				'business_case',
				'option-prefer',
				{ preferredOptionId: 'do-minimum' },
				{ preferredOptionId: 'option-2' },
				'9'
			)
		).toEqual([
			'Preferred option: Do minimum: maintain the existing systems to ‘Buy a new case management system’'
		]);
		expect(
			lines(
				'business_case',
				'update',
				{ scope: { workstreamIds: [], systemIds: [] } },
				{ scope: { workstreamIds: [4, 5], systemIds: [6] } },
				'9'
			)
		).toEqual([
			'Scope: nothing chosen to workstreams Integration, Case Management; systems CareFirst'
		]);
		const risk = {
			id: 'risk-1',
			title: 'Data migration slips',
			inherent: { likelihood: 3, impact: 4 }
		};
		expect(lines('business_case', 'risk-add', { risks: [] }, { risks: [risk] }, '9')).toEqual([
			'Risk added: ‘Data migration slips’'
		]);
		expect(
			lines(
				'business_case',
				'risk-update',
				{ risks: [risk] },
				{ risks: [{ ...risk, inherent: { likelihood: 2, impact: 4 } }] },
				'9'
			)
		).toEqual(['Risk changed: ‘Data migration slips’ (inherent)']);
		expect(lines('business_case', 'risk-remove', { risks: [risk] }, { risks: [] }, '9')).toEqual([
			'Risk removed: ‘Data migration slips’'
		]);
		expect(
			lines(
				'business_case',
				'update',
				{ sections: { strategic: '' } },
				{ sections: { strategic: 'Why we must act' } },
				'9'
			)
		).toEqual(['Strategic case: not set to ‘Why we must act’']);
		expect(
			lines(
				'business_case',
				'update',
				{ appraisalPeriod: { firstYear: '2026/27', years: 10 } },
				{ appraisalPeriod: { firstYear: '2027/28', years: 1 } },
				'9'
			)
		).toEqual(['Appraisal period: 10 years from 2026/27 to 1 year from 2027/28']);
	});

	it('reads a decision record', () => {
		const got = lines(
			'business_case',
			'decide',
			{ status: 'submitted' },
			{
				status: 'approved',
				versionNumber: 2,
				outcome: 'approved',
				decisionMaker: 'cabinet',
				meetingDate: '2027-01-14',
				minuteRef: 'CAB/27/3',
				keyDecision: true,
				conditions: '',
				reasons: 'Value for money',
				contentHash: 'ab'.repeat(32)
			},
			'9'
		);
		expect(got).toContain('Status: Submitted for decision to Approved');
		expect(got).toContain('Decision: Approved');
		expect(got).toContain('Decided by: Cabinet');
		expect(got).toContain('Meeting date: 14 January 2027');
		expect(got).toContain('Key decision: Yes');
		expect(got).toContain(`Content fingerprint (SHA-256): ${'ab'.repeat(32)}`);
	});

	it('reads a report draft edit by workstream name', () => {
		const got = lines(
			'committee_report',
			'update',
			{ workstreams: [] },
			{
				workstreams: [
					{
						workstreamId: 4,
						narrative: 'On track',
						override: { rag: 'Amber', reason: 'Supplier late' }
					}
				]
			},
			'1'
		);
		expect(got).toEqual([
			'Narrative for Integration: ‘On track’',
			'RAG for Integration: Amber, because ‘Supplier late’'
		]);
	});
});

describe('headlines, records, details and times', () => {
	it.each([
		['system', 'review', {}, 'Review recorded'],
		['session', 'sign-in', {}, 'Signed in'],
		['session', 'sign-in-failed', {}, 'Sign-in failed'],
		['system', 'contact-viewed', {}, 'Contact details viewed'],
		['business_case', 'decide-refused', {}, 'Decision refused'],
		['committee_report', 'issue-refused', {}, 'Issue refused'],
		['workstream', 'access-denied', {}, 'Access refused'],
		[
			'import',
			'import',
			{ fileName: 'inventory.csv', create: 77, update: 2 },
			'Import of inventory.csv: 77 created, 2 updated'
		],
		[
			'import',
			'import',
			{ kind: 'cost lines', fileName: 'costs.csv', create: 1200, update: 0 },
			'Cost line import of costs.csv: 1,200 created, 0 updated'
		],
		['gadget', 'frobnicate-all', {}, 'Frobnicate all (gadget)']
	])('%s %s', (entity, action, after, expected) => {
		expect(headline(entity, action, after)).toBe(expected);
	});

	it.each([
		[
			'access',
			'access-denied',
			'POST /systems/12/edit needs catalogue:write; role viewer',
			'Sending a form to /systems/12/edit needs permission to change the catalogue; their role is Viewer'
		],
		[
			'system',
			'access-denied',
			'GET /systems/4: record of another organisation',
			'Opening /systems/4: the record belongs to another organisation'
		],
		['system', 'update', 'Import 5 of inventory.csv', 'By the import of inventory.csv'],
		['user', 'role-change', '1 session(s) ended', '1 session ended'],
		['business_case', 'risk-add', 'version 2, risk-3', 'In version 2'],
		[
			'committee_report',
			'read-exempt',
			'committee: Q3 2026/27',
			'Read by a committee member: Q3 2026/27'
		],
		[
			'cost_total',
			'rebuild',
			'cost_total 0|1||2026/27: kept 5p/1',
			'Each difference is listed in the CSV export'
		]
	])('detail of %s %s', (entity, action, detail, expected) => {
		expect(detailText(entity, action, detail)).toBe(expected);
	});

	it('names the record and links to it only when it is this organisation’s', () => {
		expect(describeAuditRow(row({}), NAMES)).toMatchObject({
			record: 'System: CareFirst',
			recordHref: '/systems/6'
		});
		expect(describeAuditRow(row({ entityId: '404' }), NAMES)).toMatchObject({
			record: 'System no. 404',
			recordHref: null
		});
		expect(
			describeAuditRow(row({ entity: 'session', entityId: null, action: 'sign-in-failed' }), NAMES)
		).toMatchObject({ record: 'Sign-in', what: 'Sign-in failed' });
		expect(
			describeAuditRow(row({ entity: 'session', entityId: '8', action: 'sign-in' }), NAMES)
		).toMatchObject({ record: 'User: Sam Officer', what: 'Signed in' });
		// A discarded draft is named by the title the row itself recorded.
		expect(
			describeAuditRow(
				row({
					entity: 'committee_report',
					entityId: '12',
					action: 'discard',
					before: JSON.stringify({ title: 'Q2 report' })
				}),
				NAMES
			)
		).toMatchObject({ record: 'Committee report: Q2 report', recordHref: null }); // A committed import's row opens its result page (what it created and updated).
		expect(
			describeAuditRow(
				row({
					id: 77,
					entity: 'import',
					entityId: '3',
					action: 'import',
					after: JSON.stringify({ fileName: 'inventory.csv' })
				}),
				NAMES
			)
		).toMatchObject({ record: 'Import: inventory.csv', recordHref: '/import/result/77' });
	});

	it.each([
		['2026-12-05T14:03:09.123Z', '5 December 2026, 14:03'],
		['2026-07-01T23:30:00.000Z', '2 July 2026, 00:30'],
		['2027-03-28T00:59:00Z', '28 March 2027, 00:59'],
		['2027-03-28T01:00:00Z', '28 March 2027, 02:00']
	])('%s is %s in UK time', (iso, expected) => {
		expect(formatTimestamp(iso)).toBe(expected);
	});

	it('humanises unknown field names', () => {
		expect(humanise('annualRunCostPence')).toBe('Annual run cost pence');
		expect(humanise('approved_with_conditions')).toBe('Approved with conditions');
		expect(
			lines(
				'system',
				'update',
				{ mysteryWidgetPence: 100, retiredOn: '2027-02-01', ownerTeamId: 3 },
				{ mysteryWidgetPence: 250, retiredOn: '2027-03-01', ownerTeamId: 4 }
			)
		).toEqual([
			'Mystery widget: £1.00 to £2.50',
			'Retired on: 1 February 2027 to 1 March 2027',
			'Owner team: no. 3 to no. 4'
		]);
	});
});

describe('references for the server to name', () => {
	it('collects every id a page of rows refers to, once each, by kind', () => {
		const refs = auditReferences([
			row({
				before: JSON.stringify({ directorateId: 1 }),
				after: JSON.stringify({ directorateId: 2 })
			}),
			row({
				id: 2,
				entity: 'cost_line',
				entityId: '50',
				after: JSON.stringify({
					systemId: 6,
					workstreamId: 4,
					fundingSourceId: 7,
					directorateId: 1
				})
			}),
			row({
				id: 3,
				entity: 'business_case',
				entityId: '9',
				after: JSON.stringify({
					scope: { workstreamIds: [5], systemIds: [6] },
					preferredOptionId: 'option-2'
				})
			}),
			row({
				id: 4,
				entity: 'committee_report',
				entityId: '11',
				after: JSON.stringify({ workstreams: [{ workstreamId: 4, narrative: '' }] })
			}),
			row({
				id: 5,
				entity: 'session',
				entityId: '8',
				after: JSON.stringify({ organisationId: 10 })
			})
		]);
		expect(refs.directorate.sort()).toEqual([1, 2]);
		expect(refs.system).toEqual([6]);
		expect(refs.workstream.sort()).toEqual([4, 5]);
		expect(refs.fundingSource).toEqual([7]);
		expect(refs.businessCase).toEqual([9]);
		expect(refs.caseItem).toEqual([9]);
		expect(refs.committeeReport).toEqual([11]);
		expect(refs.organisation).toEqual([10]);
		// A sign-in's row is about the person signing in.
		expect(refs.user).toEqual([8]);
	});
});

describe('never raw', () => {
	const RAW = /[{}]|\b[a-z]+[A-Z][A-Za-z]*\b|\d{4}-\d{2}-\d{2}|Id:/;
	const json = fc.letrec((tie) => ({
		value: fc.oneof(
			{ depthSize: 'small' },
			// Typed text in lower-case words, so any brace, camelCase or ISO date can only come from the wording.
			fc.stringMatching(/^[a-z ]{0,12}$/),
			fc.integer(),
			fc.boolean(),
			fc.constant(null),
			fc.constantFrom('2026-03-31', '2026-11-21T10:04:05.123Z', 'special_category'),
			fc.array(tie('value'), { maxLength: 3 }),
			fc.dictionary(
				fc.constantFrom(
					'fooBarId',
					'someAmountPence',
					'nestedThing',
					'plain',
					'decidedOn',
					'workstreamIds'
				),
				tie('value'),
				{ maxKeys: 3 }
			)
		)
	})).value;

	it('an unknown field of any shape reads without braces, camelCase keys or ISO dates', () => {
		fc.assert(
			fc.property(
				fc.dictionary(fc.constantFrom('someFieldName', 'otherThingId', 'createdAt', 'x'), json, {
					maxKeys: 3
				}),
				fc.dictionary(fc.constantFrom('someFieldName', 'otherThingId', 'createdAt', 'x'), json, {
					maxKeys: 3
				}),
				(before, after) => {
					for (const line of lines('gadget', 'update', before, after))
						expect(line).not.toMatch(RAW);
				}
			)
		);
	});

	it('anyValue never prints JSON', () => {
		expect(anyValue({ a: { b: { c: { d: 1 } } } })).not.toMatch(/[{}]/);
		expect(anyValue([])).toBe('none');
	});
});
