/**
 * The OData feed's entity sets as SQL: each a flat table of one organisation's rows (`?1` is its
 * id, bound by repos/odata.ts; no other value is ever written into these strings). Each source ends
 * in a WHERE clause, which the feed extends with the request's filter and position. Names and
 * scopes are in domain/odata/scopes.ts. Archived cost lines and milestones are left out, so sums
 * match the app's own totals; named contacts and restricted governance documents are never in the feed.
 */
import {
	money,
	prop,
	type EntitySetDefinition,
	type EntitySetName,
	type ODataProperty
} from '$lib/domain/odata';

const id = (name: string, sql: string, nullable = false) => prop(name, 'Edm.Int64', sql, nullable);
const str = (name: string, sql: string, nullable = false) =>
	prop(name, 'Edm.String', sql, nullable);
const date = (name: string, sql: string, nullable = false) =>
	prop(name, 'Edm.Date', `substr(${sql}, 1, 10)`, nullable);
const at = (name: string, sql: string, nullable = false) =>
	prop(name, 'Edm.DateTimeOffset', sql, nullable);
const bool = (name: string, sql: string) => prop(name, 'Edm.Boolean', sql);
/** A financial year from its start year, as '2026/27'. */
const yearOf = (startYear: string) => `printf('%d/%02d', ${startYear}, (${startYear} + 1) % 100)`;

function set(
	name: EntitySetName,
	typeName: string,
	description: string,
	key: string[],
	properties: ODataProperty[],
	source: string,
	exempt = false
): EntitySetDefinition {
	return { name, typeName, description, key, properties, source, ...(exempt ? { exempt } : {}) };
}

const APPROVED = `('approved', 'approved_with_conditions')`;

/** Issued reports' public spend figures: one SELECT per section (`from` adds the rows it reads). */
const reportSpend = (
	section: string,
	spendType: string,
	value: (field: string) => string,
	from = ''
) => `
	SELECT r.id AS report_id, r.title, r.financial_year, r.quarter, r.issued_at,
		json_extract(r.public_snapshot, '$.asAt') AS as_at, '${section}' AS section, ${spendType} AS spend_type,
		${value('budgetPence')} AS budget, ${value('actualPence')} AS actual, ${value('remainingPence')} AS remaining
	FROM committee_report r${from}
	WHERE r.organisation_id = ?1 AND r.status = 'issued' AND r.public_snapshot IS NOT NULL`;
const spendRow = (path: string, section: string) =>
	reportSpend(
		section,
		`json_extract(j.value, '$.spendType')`,
		(field) => `json_extract(j.value, '$.${field}')`,
		`, json_each(r.public_snapshot, '${path}') j`
	);
const spendTotal = reportSpend(
	'total',
	`'all'`,
	(field) => `json_extract(r.public_snapshot, '$.spend.total.${field}')`
);

export const ENTITY_SETS: readonly EntitySetDefinition[] = [
	set(
		'Systems',
		'System',
		'Every system in the catalogue, archived ones included (see lifecycle); no named contacts',
		['id'],
		[
			id('id', 's.id'),
			str('name', 's.name'),
			str('description', 's.description'),
			str('supplier', 's.supplier'),
			str('product', 's.product'),
			str('hosting', 's.hosting'),
			id('directorateId', 's.directorate_id', true),
			str('directorate', 's.directorate_name'),
			id('serviceAreaId', 's.service_area_id', true),
			str('businessOwner', 's.business_owner'),
			str('technicalOwner', 's.technical_owner'),
			id('userCount', 's.user_count', true),
			...money('annualRunCost', 's.annual_run_cost_pence', true),
			date('contractStart', 's.contract_start', true),
			date('contractEnd', 's.contract_end', true),
			str('criticality', 's.criticality'),
			str('personalData', 's.personal_data'),
			str('lifecycle', 's.lifecycle'),
			str('externalRef', 's.external_ref', true),
			str('reviewStatus', 's.review_status'),
			id('outcomeCount', 's.outcome_count'),
			at('createdAt', 's.created_at'),
			at('updatedAt', 's.updated_at')
		],
		'FROM system s WHERE s.organisation_id = ?1'
	),
	set(
		'ReviewOutcomes',
		'ReviewOutcome',
		'Each outcome of each review of a system; isCurrent marks the current review',
		['id'],
		[
			id('id', 'o.id'),
			id('reviewId', 'o.review_id'),
			id('systemId', 'o.system_id'),
			str('outcome', 'o.outcome'),
			str('status', 'o.status'),
			str('rationale', 'o.rationale'),
			date('targetDate', 'o.target_date', true),
			id('workstreamId', 'o.workstream_id', true),
			bool('isCurrent', 'o.is_current'),
			date('reviewedOn', 'r.reviewed_on')
		],
		'FROM review_outcome o JOIN review r ON r.id = o.review_id WHERE o.organisation_id = ?1'
	),
	set(
		'Workstreams',
		'Workstream',
		'The workstreams that carry the change',
		['id'],
		[
			id('id', 'w.id'),
			str('name', 'w.name'),
			str('description', 'w.description'),
			str('lead', 'w.lead')
		],
		'FROM workstream w WHERE w.organisation_id = ?1'
	),
	set(
		'WorkstreamLinks',
		'WorkstreamLink',
		'Which systems each workstream carries',
		['systemId', 'workstreamId'],
		[
			id('systemId', 'l.system_id'),
			id('workstreamId', 'l.workstream_id'),
			str('note', 'l.note'),
			at('createdAt', 'l.created_at')
		],
		'FROM system_workstream l WHERE l.organisation_id = ?1'
	),
	set(
		'CostLines',
		'CostLine',
		'Live cost lines (archived lines are left out)',
		['id'],
		[
			id('id', 'c.id'),
			id('systemId', 'c.system_id', true),
			str('outcome', 'c.outcome', true),
			id('workstreamId', 'c.workstream_id', true),
			id('directorateId', 'c.directorate_id', true),
			str('financialYear', 'c.financial_year'),
			str('spendType', 'c.spend_type'),
			str('category', 'c.category'),
			...money('amount', 'c.amount_pence'),
			str('confidence', 'c.confidence'),
			id('fundingSourceId', 'c.funding_source_id', true),
			str('description', 'c.description'),
			at('updatedAt', 'c.updated_at')
		],
		'FROM cost_line c WHERE c.organisation_id = ?1 AND c.archived_at IS NULL'
	),
	set(
		'FundingSources',
		'FundingSource',
		'Where the money comes from',
		['id'],
		[
			id('id', 'f.id'),
			str('name', 'f.name'),
			str('kind', 'f.kind'),
			str('spendType', 'f.spend_type'),
			str('notes', 'f.notes')
		],
		'FROM funding_source f WHERE f.organisation_id = ?1'
	),
	set(
		'FundingAllocations',
		'FundingAllocation',
		'Each funding source by financial year',
		['id'],
		[
			id('id', 'a.id'),
			id('fundingSourceId', 'a.funding_source_id'),
			str('financialYear', 'a.financial_year'),
			...money('amount', 'a.amount_pence')
		],
		'FROM funding_allocation a WHERE a.organisation_id = ?1'
	),
	set(
		'Milestones',
		'Milestone',
		'Live milestones of workstreams and systems',
		['id'],
		[
			id('id', 'm.id'),
			id('workstreamId', 'm.workstream_id', true),
			id('systemId', 'm.system_id', true),
			str('outcome', 'm.outcome', true),
			str('kind', 'm.kind'),
			date('plannedDate', 'm.planned_date'),
			date('forecastDate', 'm.forecast_date', true),
			date('actualDate', 'm.actual_date', true),
			str('note', 'm.note')
		],
		'FROM milestone m WHERE m.organisation_id = ?1 AND m.archived_at IS NULL'
	),
	set(
		'SwitchOffs',
		'SwitchOff',
		'Systems switched off, with the run cost saved in the year of switch-off',
		['systemId'],
		[
			id('systemId', 'x.system_id'),
			date('switchOffDate', 'x.switch_off_date'),
			str('financialYear', yearOf('x.start_year')),
			...money('annualRunCost', 'x.annual_run_cost_pence'),
			...money('savedInYear', 'x.saved_in_year_pence')
		],
		'FROM system_switch_off x WHERE x.organisation_id = ?1'
	),
	set(
		'RollupTotals',
		'RollupTotal',
		'Live cost lines summed by workstream, directorate, outcome, year, spend type and confidence (0 or empty = none)',
		['workstreamKey', 'directorateKey', 'outcomeKey', 'financialYear', 'spendType', 'confidence'],
		[
			id('workstreamKey', 't.workstream_key'),
			id('directorateKey', 't.directorate_key'),
			str('outcomeKey', 't.outcome_key'),
			str('financialYear', 't.financial_year'),
			str('spendType', 't.spend_type'),
			str('confidence', 't.confidence'),
			...money('amount', 't.amount_pence'),
			id('lineCount', 't.line_count')
		],
		'FROM cost_total t WHERE t.organisation_id = ?1'
	),
	set(
		'ApprovedBusinessCaseFigures',
		'ApprovedBusinessCaseFigure',
		'The cost table of each approved business case version, as approved: one row per line, year and spend type',
		['versionId', 'row', 'column'],
		[
			id('versionId', 'v.id'),
			id('businessCaseId', 'v.business_case_id'),
			id('versionNumber', 'v.number'),
			str('title', `json_extract(v.snapshot, '$.businessCase.title')`),
			str('decision', 'd.outcome'),
			date('meetingDate', 'd.meeting_date'),
			id('row', 'CAST(r.key AS INTEGER)'),
			id('column', 'CAST(c.key AS INTEGER)'),
			str('label', `json_extract(r.value, '$.label')`),
			str(
				'financialYear',
				`json_extract(v.snapshot, '$.costTable.columns[' || c.key || '].financialYear')`
			),
			str(
				'spendType',
				`json_extract(v.snapshot, '$.costTable.columns[' || c.key || '].spendType')`
			),
			...money('amount', 'c.value')
		],
		`FROM business_case_version v
			JOIN business_case_decision d ON d.version_id = v.id AND d.outcome IN ${APPROVED}
			JOIN json_each(v.snapshot, '$.costTable.rows') r
			JOIN json_each(r.value, '$.cells') c
		WHERE v.organisation_id = ?1 AND v.frozen_at IS NOT NULL AND v.snapshot IS NOT NULL`
	),
	set(
		'CommitteeReportFigures',
		'CommitteeReportFigure',
		'The spend figures of each issued committee report, as issued (the public version)',
		['reportId', 'section', 'spendType'],
		[
			id('reportId', 'f.report_id'),
			str('title', 'f.title'),
			str('financialYear', 'f.financial_year'),
			prop('quarter', 'Edm.Int32', 'f.quarter'),
			date('asAt', 'f.as_at'),
			at('issuedAt', 'f.issued_at'),
			str('section', 'f.section'),
			str('spendType', 'f.spend_type'),
			...money('budget', 'f.budget'),
			...money('actual', 'f.actual'),
			...money('remaining', 'f.remaining')
		],
		`FROM (${spendRow('$.spend.rows', 'to date')}
			UNION ALL ${spendRow('$.spend.reportYear', 'report year')}
			UNION ALL ${spendTotal}
		) f WHERE 1 = 1`
	),
	set(
		'CommitteeReportExemptFigures',
		'CommitteeReportExemptFigure',
		'Exempt annex of each issued committee report: spend by system with its supplier (commercially sensitive)',
		['reportId', 'row'],
		[
			id('reportId', 'r.id'),
			str('title', 'r.title'),
			str('financialYear', 'r.financial_year'),
			prop('quarter', 'Edm.Int32', 'r.quarter'),
			at('issuedAt', 'r.issued_at'),
			id('row', 'CAST(j.key AS INTEGER)'),
			str('label', `json_extract(j.value, '$.label')`),
			str('supplier', `json_extract(j.value, '$.supplier')`),
			str('spendType', `json_extract(j.value, '$.spendType')`),
			...money('budget', `json_extract(j.value, '$.budgetPence')`),
			...money('actual', `json_extract(j.value, '$.actualPence')`),
			...money('remaining', `json_extract(j.value, '$.remainingPence')`)
		],
		`FROM committee_report r JOIN json_each(r.snapshot, '$.annex.spendBySystem') j
		WHERE r.organisation_id = ?1 AND r.status = 'issued' AND r.snapshot IS NOT NULL`,
		true
	),
	set(
		'Partnerships',
		'Partnership',
		'The partners of each shared-service agreement',
		['id'],
		[
			id('id', 'p.id'),
			id('agreementId', 'a.id'),
			str('agreement', 'a.title'),
			str('reference', 'a.reference'),
			date('signedOn', 'a.signed_on'),
			str('partner', 'o.name'),
			date('joinedOn', 'p.joined_on'),
			date('leftOn', 'p.left_on', true)
		],
		`FROM partnership_partner p JOIN partnership_agreement a ON a.id = p.agreement_id
			JOIN organisation o ON o.id = p.partner_organisation_id
		WHERE p.organisation_id = ?1`
	),
	set(
		'GovernanceDocuments',
		'GovernanceDocument',
		'The governance register (restricted documents are left out)',
		['id'],
		[
			id('id', 'g.id'),
			str('kind', 'g.kind'),
			str('title', 'g.title'),
			str('scope', 'g.scope'),
			str('serviceName', 'g.service_name'),
			at('createdAt', 'g.created_at')
		],
		'FROM governance_document g WHERE g.organisation_id = ?1 AND g.restricted = 0'
	),
	set(
		'RecoveryObjectives',
		'RecoveryObjective',
		'Agreed recovery time, recovery point and maximum tolerable outage of each system, in minutes',
		['systemId'],
		[
			id('systemId', 'ro.system_id'),
			id('rtoMinutes', 'ro.rto_minutes'),
			id('rpoMinutes', 'ro.rpo_minutes'),
			id('mtpdMinutes', 'ro.mtpd_minutes'),
			id('restorationOrder', 'ro.restoration_order', true),
			str('agreedBy', 'ro.agreed_by'),
			date('agreedOn', 'ro.agreed_on')
		],
		'FROM recovery_objective ro WHERE ro.organisation_id = ?1'
	),
	set(
		'RecoveryTests',
		'RecoveryTest',
		'Tests of recovery plans and their results',
		['id'],
		[
			id('id', 'rt.id'),
			id('documentVersionId', 'rt.version_id'),
			str('testType', 'rt.test_type'),
			date('testedOn', 'rt.tested_on'),
			str('result', 'rt.result'),
			str('recordedBy', 'rt.recorded_by')
		],
		'FROM recovery_test rt WHERE rt.organisation_id = ?1'
	)
];

export function entitySet(name: string): EntitySetDefinition | undefined {
	return ENTITY_SETS.find((s) => s.name === name);
}
