/** Uploaded files awaiting import, saved column mappings, and the existing systems an import is compared with. */
import { and, eq, lt, ne } from 'drizzle-orm';
import { importUpload, importMapping, system, systemWorkstream, workstream } from '../db/schema';
import type { Executor } from '../db';
import type { ExistingSystem } from '$lib/domain/csv/plan';

export type ImportUpload = typeof importUpload.$inferSelect;

export async function saveUpload(ex: Executor, input: Omit<ImportUpload, 'id' | 'createdAt'>): Promise<number> {
	const [row] = await ex.insert(importUpload).values(input).returning({ id: importUpload.id });
	return row!.id;
}

export async function getUpload(ex: Executor, organisationId: number, id: number): Promise<ImportUpload | undefined> {
	const [row] = await ex.select().from(importUpload).where(and(eq(importUpload.organisationId, organisationId), eq(importUpload.id, id)));
	return row;
}

/** Whether an upload with this id belongs to ANOTHER organisation: only to audit cross-organisation attempts (answered 404). */
export async function uploadExistsElsewhere(ex: Executor, organisationId: number, id: number): Promise<boolean> {
	const [row] = await ex.select({ id: importUpload.id }).from(importUpload).where(and(eq(importUpload.id, id), ne(importUpload.organisationId, organisationId)));
	return Boolean(row);
}

export async function deleteUpload(ex: Executor, organisationId: number, id: number): Promise<void> {
	await ex.delete(importUpload).where(and(eq(importUpload.organisationId, organisationId), eq(importUpload.id, id)));
}

/** Uploads older than `before` (ISO) are of no further use. */
export async function deleteStaleUploads(ex: Executor, before: string): Promise<void> {
	await ex.delete(importUpload).where(lt(importUpload.createdAt, before));
}

export async function getSavedMapping(ex: Executor, organisationId: number, headingsKey: string): Promise<string | undefined> {
	const [row] = await ex.select({ mapping: importMapping.mapping }).from(importMapping).where(and(eq(importMapping.organisationId, organisationId), eq(importMapping.headingsKey, headingsKey)));
	return row?.mapping;
}

export async function saveMapping(ex: Executor, organisationId: number, headingsKey: string, mapping: string): Promise<void> {
	await ex
		.insert(importMapping)
		.values({ organisationId, headingsKey, mapping })
		.onConflictDoUpdate({ target: [importMapping.organisationId, importMapping.headingsKey], set: { mapping, updatedAt: new Date().toISOString() } });
}

/** Every live system of the organisation as an import compares it, with its workstream names. */
export async function existingForImport(ex: Executor, organisationId: number): Promise<ExistingSystem[]> {
	const [rows, links] = await Promise.all([
		ex.select().from(system).where(and(eq(system.organisationId, organisationId), ne(system.lifecycle, 'archived'))),
		ex
			.select({ systemId: systemWorkstream.systemId, name: workstream.name })
			.from(systemWorkstream)
			.innerJoin(workstream, eq(workstream.id, systemWorkstream.workstreamId))
			.where(eq(systemWorkstream.organisationId, organisationId))
	]);
	const linked = new Map<number, Set<string>>();
	for (const l of links) linked.set(l.systemId, (linked.get(l.systemId) ?? new Set()).add(l.name.toLowerCase()));
	return rows.map((s) => ({
		id: s.id,
		version: s.version,
		workstreams: linked.get(s.id) ?? new Set(),
		input: {
			name: s.name, description: s.description, supplier: s.supplier, product: s.product, hosting: s.hosting, businessOwner: s.businessOwner,
			technicalOwner: s.technicalOwner, contactName: s.contactName, contactEmail: s.contactEmail, contactPhone: s.contactPhone, userCount: s.userCount,
			annualRunCostPence: s.annualRunCostPence, contractStart: s.contractStart, contractEnd: s.contractEnd, contractNotice: s.contractNotice,
			criticality: s.criticality, statutoryDuties: s.statutoryDuties, personalData: s.personalData,
			lifecycle: s.lifecycle === 'archived' ? 'live' : s.lifecycle, directorateId: s.directorateId, serviceAreaId: s.serviceAreaId, externalRef: s.externalRef
		}
	}));
}
