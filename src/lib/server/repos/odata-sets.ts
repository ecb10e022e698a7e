/**
 * The OData feed's entity sets as SQL: each a flat table of one organisation's rows (`?1` is its
 * id, bound by repos/odata.ts; no other value is ever written into these strings). Each source ends
 * in a WHERE clause, which the feed extends with the request's filter and position. Names and
 * scopes are in domain/odata/scopes.ts. Archived cost lines and milestones are left out, so sums
 * match the app's own totals; named contacts and restricted governance documents are never in the feed.
 */
import { money, type EntitySetDefinition } from '$lib/domain/odata';
import { at, bool, date, id, set, str, yearOf } from './odata-columns';
import { FIGURE_SETS } from './odata-sets-figures';

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
	...FIGURE_SETS
];

export function entitySet(name: string): EntitySetDefinition | undefined {
	return ENTITY_SETS.find((s) => s.name === name);
}
