/** Uploaded files awaiting import, saved column mappings, and the existing systems an import is compared with. */
import { and, asc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import {
	importUpload,
	importMapping,
	review,
	reviewOutcome,
	system,
	systemWorkstream,
	workstream
} from '../db/schema';
import { currentOutcome } from './current-outcome';
import { OUTCOMES } from '$lib/domain/systems';
import type { Executor } from '../db';
import type { ExistingKey, ExistingSystem } from '$lib/domain/csv/plan';
import { nowIso } from '$lib/domain/dates';

const NO_WORKSTREAMS: ReadonlySet<string> = new Set();

/**
 * The organisation filter for reads of systems by id (a range or a list): the unary `+` keeps
 * SQLite on the primary key. Without it, and without statistics on the system table (ANALYZE runs
 * at start, before a first large import fills it), SQLite searched an (organisation, ...) index and
 * read every system of the organisation for each page of 250 ids: 13 ms a page at 100,000 systems
 * against 0.4 ms, 400 pages for a 100,000-row file.
 */
const systemsOf = (organisationId: number) => sql`+${system.organisationId} = ${organisationId}`;

export type ImportUpload = typeof importUpload.$inferSelect;

export async function saveUpload(
	ex: Executor,
	input: Omit<ImportUpload, 'id' | 'createdAt'>
): Promise<number> {
	const [row] = await ex.insert(importUpload).values(input).returning({ id: importUpload.id });
	return row!.id;
}

export async function getUpload(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<ImportUpload | undefined> {
	const [row] = await ex
		.select()
		.from(importUpload)
		.where(and(eq(importUpload.organisationId, organisationId), eq(importUpload.id, id)));
	return row;
}

/** An upload without its bytes: what a commit of its staged plan needs (the file itself is read only to plan it). */
export type ImportUploadInfo = Omit<ImportUpload, 'bytes'>;

/** The organisation's upload, without reading its bytes (a 20 MB file would be copied into memory for nothing). */
export async function getUploadInfo(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<ImportUploadInfo | undefined> {
	const [row] = await ex
		.select({
			id: importUpload.id,
			organisationId: importUpload.organisationId,
			userId: importUpload.userId,
			fileName: importUpload.fileName,
			sha256: importUpload.sha256,
			createdAt: importUpload.createdAt
		})
		.from(importUpload)
		.where(and(eq(importUpload.organisationId, organisationId), eq(importUpload.id, id)));
	return row;
}

/** Whether the organisation's upload is still there (a commit deletes it), without reading its bytes. */
export async function uploadExists(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<boolean> {
	const [row] = await ex
		.select({ id: importUpload.id })
		.from(importUpload)
		.where(and(eq(importUpload.organisationId, organisationId), eq(importUpload.id, id)));
	return Boolean(row);
}

export async function deleteUpload(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<void> {
	await ex
		.delete(importUpload)
		.where(and(eq(importUpload.organisationId, organisationId), eq(importUpload.id, id)));
}

/** Uploads older than `before` (ISO) are of no further use. */
export async function deleteStaleUploads(ex: Executor, before: string): Promise<void> {
	await ex.delete(importUpload).where(lt(importUpload.createdAt, before));
}

export async function getSavedMapping(
	ex: Executor,
	organisationId: number,
	headingsKey: string
): Promise<string | undefined> {
	const [row] = await ex
		.select({ mapping: importMapping.mapping })
		.from(importMapping)
		.where(
			and(
				eq(importMapping.organisationId, organisationId),
				eq(importMapping.headingsKey, headingsKey)
			)
		);
	return row?.mapping;
}

export async function saveMapping(
	ex: Executor,
	organisationId: number,
	headingsKey: string,
	mapping: string
): Promise<void> {
	await ex
		.insert(importMapping)
		.values({ organisationId, headingsKey, mapping })
		.onConflictDoUpdate({
			target: [importMapping.organisationId, importMapping.headingsKey],
			set: { mapping, updatedAt: nowIso() }
		});
}

/**
 * Id, name and reference of the organisation's live systems with ids above `afterId`, at most
 * `limit`: what an import matches rows against. Read a page at a time so a large portfolio is
 * never one long query that holds up other requests.
 */
export async function existingKeys(
	ex: Executor,
	organisationId: number,
	afterId = 0,
	limit = 2_500
): Promise<ExistingKey[]> {
	return ex
		.select({ id: system.id, name: system.name, externalRef: system.externalRef })
		.from(system)
		.where(and(systemsOf(organisationId), gt(system.id, afterId), ne(system.lifecycle, 'archived')))
		.orderBy(asc(system.id))
		.limit(limit);
}

/** The live systems with these ids (at most a few thousand) as an import compares them: fields, workstream names and current review. */
export async function existingByIds(
	ex: Executor,
	organisationId: number,
	ids: readonly number[]
): Promise<ExistingSystem[]> {
	if (ids.length === 0) return [];
	// Only the columns compared: each column read costs the client a property per row.
	const rows = await ex
		.select({
			id: system.id,
			version: system.version,
			name: system.name,
			description: system.description,
			supplier: system.supplier,
			product: system.product,
			hosting: system.hosting,
			businessOwner: system.businessOwner,
			technicalOwner: system.technicalOwner,
			contactName: system.contactName,
			contactEmail: system.contactEmail,
			contactPhone: system.contactPhone,
			userCount: system.userCount,
			annualRunCostPence: system.annualRunCostPence,
			contractStart: system.contractStart,
			contractEnd: system.contractEnd,
			contractNotice: system.contractNotice,
			criticality: system.criticality,
			statutoryDuties: system.statutoryDuties,
			personalData: system.personalData,
			lifecycle: system.lifecycle,
			directorateId: system.directorateId,
			serviceAreaId: system.serviceAreaId,
			externalRef: system.externalRef
		})
		.from(system)
		.where(
			and(systemsOf(organisationId), inArray(system.id, [...ids]), ne(system.lifecycle, 'archived'))
		);
	if (rows.length === 0) return [];
	// Their links, reviews and outcomes by system id ('+' as for the systems: else by organisation, every current review of it).
	const range = (
		column:
			typeof systemWorkstream.systemId | typeof review.systemId | typeof reviewOutcome.systemId
	) =>
		inArray(
			column,
			rows.map((r) => r.id)
		);
	const [links, reviews, outcomes] = await Promise.all([
		ex
			.select({ systemId: systemWorkstream.systemId, name: workstream.name })
			.from(systemWorkstream)
			.innerJoin(workstream, eq(workstream.id, systemWorkstream.workstreamId))
			.where(
				and(eq(systemWorkstream.organisationId, organisationId), range(systemWorkstream.systemId))
			),
		ex
			.select({
				systemId: review.systemId,
				reviewedOn: review.reviewedOn,
				reviewer: review.reviewer
			})
			.from(review)
			.where(
				and(
					sql`+${review.organisationId} = ${organisationId}`,
					range(review.systemId),
					eq(review.isCurrent, true)
				)
			),
		ex
			.select({
				systemId: reviewOutcome.systemId,
				outcome: reviewOutcome.outcome,
				rationale: reviewOutcome.rationale,
				status: reviewOutcome.status,
				targetDate: reviewOutcome.targetDate,
				workstream: workstream.name
			})
			.from(reviewOutcome)
			.leftJoin(workstream, eq(workstream.id, reviewOutcome.workstreamId))
			.where(
				and(
					sql`+${reviewOutcome.organisationId} = ${organisationId}`,
					range(reviewOutcome.systemId),
					currentOutcome()
				)
			)
	]);
	const linked = new Map<number, Set<string>>();
	for (const l of links)
		linked.set(l.systemId, (linked.get(l.systemId) ?? new Set()).add(l.name.toLowerCase()));
	const current = new Map<number, NonNullable<ExistingSystem['review']>>();
	for (const r of reviews)
		current.set(r.systemId, { reviewedOn: r.reviewedOn, reviewer: r.reviewer, outcomes: [] });
	for (const { systemId, ...o } of outcomes) current.get(systemId)?.outcomes.push(o);
	// The plan compares outcomes in the order they are defined.
	for (const r of current.values())
		r.outcomes.sort((a, b) => OUTCOMES.indexOf(a.outcome) - OUTCOMES.indexOf(b.outcome));
	return rows.map((s) => ({
		id: s.id,
		version: s.version,
		workstreams: linked.get(s.id) ?? NO_WORKSTREAMS,
		review: current.get(s.id) ?? null,
		input: {
			name: s.name,
			description: s.description,
			supplier: s.supplier,
			product: s.product,
			hosting: s.hosting,
			businessOwner: s.businessOwner,
			technicalOwner: s.technicalOwner,
			contactName: s.contactName,
			contactEmail: s.contactEmail,
			contactPhone: s.contactPhone,
			userCount: s.userCount,
			annualRunCostPence: s.annualRunCostPence,
			contractStart: s.contractStart,
			contractEnd: s.contractEnd,
			contractNotice: s.contractNotice,
			criticality: s.criticality,
			statutoryDuties: s.statutoryDuties,
			personalData: s.personalData,
			lifecycle: s.lifecycle === 'archived' ? 'live' : s.lifecycle,
			directorateId: s.directorateId,
			serviceAreaId: s.serviceAreaId,
			externalRef: s.externalRef
		}
	}));
}
