/**
 * The OData sets of figures as decided or issued (approved business cases, issued committee reports
 * and their exempt annex, read from the frozen JSON snapshots with json_each) and of governance.
 * Same rules as odata-sets.ts: `?1` is the organisation, each source ends in a WHERE clause.
 */
import { money, prop, type EntitySetDefinition } from '$lib/domain/odata';
import { at, date, id, set, str } from './odata-columns';

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

export const FIGURE_SETS: readonly EntitySetDefinition[] = [
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
	),
	set(
		'RechargeTotals',
		'RechargeTotal',
		'Recharges summed by partner, year and spend type (partnerKey 0 and no partnerId: unallocated overhead)',
		['partnerKey', 'financialYear', 'spendType'],
		[
			id('partnerKey', 'rt.partner_key'),
			id('partnerId', 'rt.partner_organisation_id', true),
			str('financialYear', 'rt.financial_year'),
			str('spendType', 'rt.spend_type'),
			...money('amount', 'rt.amount_pence'),
			id('lineCount', 'rt.line_count')
		],
		'FROM recharge_total rt WHERE rt.organisation_id = ?1'
	),
	set(
		'Recharges',
		'Recharge',
		'Each cost line’s share for each partner (partnerKey 0 and no partnerId: unallocated overhead)',
		['costLineId', 'partnerKey'],
		[
			id('costLineId', 'rc.cost_line_id'),
			id('partnerKey', 'rc.partner_key'),
			id('partnerId', 'rc.partner_organisation_id', true),
			str('financialYear', 'rc.financial_year'),
			str('spendType', 'rc.spend_type'),
			id('allocationKeyId', 'rc.allocation_key_id', true),
			id('costCentreId', 'rc.cost_centre_id', true),
			...money('amount', 'rc.amount_pence')
		],
		'FROM recharge rc WHERE rc.organisation_id = ?1'
	),
	set(
		'AllocationKeys',
		'AllocationKey',
		'Each allocation key with one row per partner share (weight: hundredths of a percent or of the measure)',
		['keyId', 'partnerId'],
		[
			id('keyId', 'k.id'),
			str('financialYear', 'k.financial_year'),
			str('scope', 'k.scope'),
			id('scopeId', 'k.scope_id'),
			str('kind', 'k.kind'),
			str('measure', 'k.measure'),
			id('partnerId', 'ks.partner_organisation_id'),
			id('weight', 'ks.weight'),
			id('costCentreId', 'ks.cost_centre_id', true)
		],
		`FROM allocation_key k JOIN allocation_key_share ks ON ks.key_id = k.id AND ks.organisation_id = ?1
		WHERE k.organisation_id = ?1`
	),
	set(
		'PartnerBudgets',
		'PartnerBudget',
		'What each partner has budgeted for its contribution in each financial year',
		['id'],
		[
			id('id', 'pb.id'),
			id('partnerId', 'pb.partner_organisation_id'),
			str('financialYear', 'pb.financial_year'),
			...money('amount', 'pb.amount_pence'),
			at('updatedAt', 'pb.updated_at')
		],
		'FROM partner_budget pb WHERE pb.organisation_id = ?1'
	),
	set(
		'RechargeStatements',
		'RechargeStatement',
		'Issued recharge statements (drafts are left out); quarter 0 is the whole year',
		['id'],
		[
			id('id', 'st.id'),
			id('partnerId', 'st.partner_organisation_id'),
			str('financialYear', 'st.financial_year'),
			prop('quarter', 'Edm.Int32', 'st.quarter'),
			str('status', 'st.status'),
			at('issuedAt', 'st.issued_at'),
			...money('total', 'st.total_pence'),
			str('contentHash', 'st.content_hash')
		],
		"FROM recharge_statement st WHERE st.organisation_id = ?1 AND st.status <> 'draft'"
	)
];
