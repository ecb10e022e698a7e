/**
 * The names an audit page's rows refer to by id (systems, workstreams, cases, users, ...), looked up
 * only among the reader's organisation's own records, so the trail reads in words.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
	appUser,
	businessCase,
	businessCaseVersion,
	committeeReport,
	directorate,
	fundingSource,
	organisation,
	serviceArea,
	system,
	workstream
} from '../db/schema';
import type { Executor } from '../db';
import {
	auditReferences,
	describeAuditRow,
	type AuditNames,
	type AuditRefs,
	type AuditRowInput,
	type AuditRowWords,
	type RefKind
} from '$lib/domain/audit';

type Named = SQLiteTable & { id: SQLiteColumn; organisationId: SQLiteColumn };

/** One query: the names of `ids` in `table`, only among the organisation's own rows. */
async function namesIn(
	ex: Executor,
	table: Named,
	label: SQLiteColumn,
	organisationId: number,
	ids: readonly number[]
): Promise<Record<string, string>> {
	if (ids.length === 0) return {};
	const rows = (await ex
		.select({ id: table.id, name: label })
		.from(table)
		.where(and(eq(table.organisationId, organisationId), inArray(table.id, [...ids])))) as {
		id: number;
		name: string;
	}[];
	return Object.fromEntries(rows.map((r) => [String(r.id), r.name]));
}

/** The titles of the options, risks and benefits in any version of the cases, keyed 'case/item'. */
async function caseItemNames(
	ex: Executor,
	organisationId: number,
	caseIds: readonly number[]
): Promise<Record<string, string>> {
	if (caseIds.length === 0) return {};
	const versions = await ex
		.select({ caseId: businessCaseVersion.businessCaseId, content: businessCaseVersion.content })
		.from(businessCaseVersion)
		.where(
			and(
				eq(businessCaseVersion.organisationId, organisationId),
				inArray(businessCaseVersion.businessCaseId, [...caseIds])
			)
		)
		.orderBy(businessCaseVersion.id);
	const out: Record<string, string> = {};
	for (const v of versions) {
		const content = JSON.parse(v.content) as { options?: { id: string; title: string }[] };
		for (const option of content.options ?? []) out[`${v.caseId}/${option.id}`] = option.title;
	}
	return out;
}

/**
 * The names of the records a page of audit rows refers to by id, one query per kind of record,
 * only from the reader's organisation: an id of another organisation's record (a refused probe)
 * stays unnamed.
 */
export async function namesForAudit(
	ex: Executor,
	organisationId: number,
	refs: AuditRefs
): Promise<AuditNames> {
	const lookups: [RefKind, Promise<Record<string, string>>][] = [
		['directorate', namesIn(ex, directorate, directorate.name, organisationId, refs.directorate)],
		['serviceArea', namesIn(ex, serviceArea, serviceArea.name, organisationId, refs.serviceArea)],
		['workstream', namesIn(ex, workstream, workstream.name, organisationId, refs.workstream)],
		['system', namesIn(ex, system, system.name, organisationId, refs.system)],
		[
			'fundingSource',
			namesIn(ex, fundingSource, fundingSource.name, organisationId, refs.fundingSource)
		],
		['user', namesIn(ex, appUser, appUser.displayName, organisationId, refs.user)],
		[
			'businessCase',
			namesIn(ex, businessCase, businessCase.title, organisationId, refs.businessCase)
		],
		[
			'committeeReport',
			namesIn(ex, committeeReport, committeeReport.title, organisationId, refs.committeeReport)
		],
		['caseItem', caseItemNames(ex, organisationId, refs.caseItem)]
	];
	const names: AuditNames = Object.fromEntries(
		await Promise.all(lookups.map(async ([kind, p]) => [kind, await p]))
	);
	// Only the reader's own organisation is named: another's name is not this organisation's to read.
	if (refs.organisation.includes(organisationId)) {
		const [own] = await ex
			.select({ name: organisation.name })
			.from(organisation)
			.where(eq(organisation.id, organisationId));
		if (own) names.organisation = { [String(organisationId)]: own.name };
	}
	return names;
}

/** Audit rows in words, with the names they refer to looked up for this organisation. */
export async function describeAudit(
	ex: Executor,
	organisationId: number,
	rows: readonly AuditRowInput[]
): Promise<AuditRowWords[]> {
	const names = await namesForAudit(ex, organisationId, auditReferences(rows));
	return rows.map((row) => describeAuditRow(row, names));
}
