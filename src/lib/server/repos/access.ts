/**
 * The one access query behind 'this id is a record of my organisation, else a 404': which
 * organisation, if any, holds a record. Every table a URL or a form can name is listed here once,
 * under the entity name its audit rows use. The one deliberate exception to organisation scoping:
 * used only to audit an attempt to reach another organisation's record, which is still a 404.
 */
import { and, eq } from 'drizzle-orm';
import {
	allocationKey,
	appUser,
	auditEvent,
	businessCase,
	committeeReport,
	costLine,
	fundingSource,
	governanceDocument,
	governanceMeeting,
	importUpload,
	milestone,
	organisation,
	partnerBudget,
	partnerCostCentre,
	rechargeStatement,
	recoveryTest,
	system,
	workstream
} from '../db/schema';
import type { Executor } from '../db';

const TABLES = {
	system,
	workstream,
	cost_line: costLine,
	funding_source: fundingSource,
	milestone,
	business_case: businessCase,
	committee_report: committeeReport,
	user: appUser,
	import: importUpload,
	governance_document: governanceDocument,
	governance_meeting: governanceMeeting,
	recovery_test: recoveryTest,
	allocation_key: allocationKey,
	partner_cost_centre: partnerCostCentre,
	partner_budget: partnerBudget,
	recharge_statement: rechargeStatement
} as const;

/** A kind of record a URL or form names: the audit trail's entity name for it. */
export type RecordKind = keyof typeof TABLES | 'import result' | 'organisation';

/**
 * The organisation that holds record `id` of `kind`, or null when there is none. An import result
 * is the audit row its commit wrote, so it is looked up there.
 */
export async function organisationOfRecord(
	ex: Executor,
	kind: RecordKind,
	id: number
): Promise<number | null> {
	if (kind === 'import result') {
		const [row] = await ex
			.select({ organisationId: auditEvent.organisationId })
			.from(auditEvent)
			.where(
				and(eq(auditEvent.id, id), eq(auditEvent.entity, 'import'), eq(auditEvent.action, 'import'))
			);
		return row?.organisationId ?? null;
	}
	if (kind === 'organisation') {
		// An organisation holds itself: another organisation's id is audited like any other record of theirs.
		const [row] = await ex
			.select({ id: organisation.id })
			.from(organisation)
			.where(eq(organisation.id, id));
		return row?.id ?? null;
	}
	const table = TABLES[kind];
	const [row] = await ex
		.select({ organisationId: table.organisationId })
		.from(table)
		.where(eq(table.id, id));
	return row?.organisationId ?? null;
}
