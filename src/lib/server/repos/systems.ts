/**
 * Every query on systems. Each function takes the caller's organisation id and filters by it:
 * a system of another organisation is indistinguishable from a missing one.
 */
import { and, eq, getTableColumns, ne, sql, type SQLWrapper } from 'drizzle-orm';
import { system, directorate, serviceArea, nowUtc } from '../db/schema';
import type { Executor } from '../db';
import { MASKED, type ContactFields, type SystemInput } from '$lib/domain/systems';

// The list's queries have their own module; `systems.listSystems` etc. stay the names every caller uses.
export {
	COUNT_LIMIT,
	listSystems,
	systemFilter,
	type SystemListRow,
	type SystemPage
} from './system-list';
export { SEARCH_INDEX_FROM, searchReadsIndex, type SearchIndexUse } from './system-search';
export { exportSystems, exportSystemBatches, type SystemExportRow } from './system-export';

/**
 * A system as every read and write here returns it: the named contact's details are masked in the
 * select list itself ('' stays '', anything else reads as MASKED), so no page data, conflict panel,
 * export or API built from a system can carry them. The values themselves come only from
 * `getSystemContact`, which services/contacts.ts calls with the permission check and an audit row.
 */
export type SystemRow = typeof system.$inferSelect;

const maskedColumn = (column: SQLWrapper) =>
	sql<string>`CASE WHEN ${column} = '' THEN '' ELSE ${MASKED} END`;
const SYSTEM_COLUMNS = {
	...getTableColumns(system),
	contactName: maskedColumn(system.contactName),
	contactEmail: maskedColumn(system.contactEmail),
	contactPhone: maskedColumn(system.contactPhone)
};

export interface SystemDetail extends SystemRow {
	serviceAreaName: string | null;
}

/** A system with its directorate and service area names; undefined when missing, archived, or another organisation's. */
export async function getSystem(
	ex: Executor,
	organisationId: number,
	id: number,
	options: { includeArchived?: boolean } = {}
): Promise<SystemDetail | undefined> {
	const conditions = [eq(system.organisationId, organisationId), eq(system.id, id)];
	if (!options.includeArchived) conditions.push(ne(system.lifecycle, 'archived'));
	const [row] = await ex
		.select({ ...SYSTEM_COLUMNS, serviceAreaName: serviceArea.name })
		.from(system)
		.leftJoin(serviceArea, eq(serviceArea.id, system.serviceAreaId))
		.where(and(...conditions));
	return row;
}

export async function findSystemByExternalRef(
	ex: Executor,
	organisationId: number,
	externalRef: string
): Promise<SystemRow | undefined> {
	const [row] = await ex
		.select(SYSTEM_COLUMNS)
		.from(system)
		.where(and(eq(system.organisationId, organisationId), eq(system.externalRef, externalRef)));
	return row;
}

/**
 * The named contact's details as stored (archived systems too). Only services/contacts.ts (which
 * checks the role and writes the audit row in the same transaction) and the audit diff of an edit
 * (which records only that they changed) call this: nothing else reads the values.
 */
export async function getSystemContact(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<ContactFields | undefined> {
	const [row] = await ex
		.select({
			contactName: system.contactName,
			contactEmail: system.contactEmail,
			contactPhone: system.contactPhone
		})
		.from(system)
		.where(and(eq(system.organisationId, organisationId), eq(system.id, id)));
	return row;
}

/** The directorate's name, copied onto the system so lists can sort and show it without a join. */
async function directorateNameOf(
	ex: Executor,
	organisationId: number,
	directorateId: number | null
): Promise<string> {
	if (directorateId == null) return '';
	const [row] = await ex
		.select({ name: directorate.name })
		.from(directorate)
		.where(and(eq(directorate.organisationId, organisationId), eq(directorate.id, directorateId)));
	return row?.name ?? '';
}

export async function createSystem(
	ex: Executor,
	organisationId: number,
	input: SystemInput
): Promise<SystemRow> {
	const directorateName = await directorateNameOf(ex, organisationId, input.directorateId);
	const [row] = await ex
		.insert(system)
		.values({ ...input, directorateName, organisationId })
		.returning(SYSTEM_COLUMNS);
	return row!;
}

/** Creates many systems with multi-row inserts (an import); returns their ids in order. */
export async function createSystems(
	ex: Executor,
	organisationId: number,
	inputs: SystemInput[]
): Promise<number[]> {
	if (inputs.length === 0) return [];
	const names = new Map<number, string>();
	for (const d of await ex
		.select({ id: directorate.id, name: directorate.name })
		.from(directorate)
		.where(eq(directorate.organisationId, organisationId)))
		names.set(d.id, d.name);
	const rows = await ex
		.insert(system)
		.values(
			inputs.map((input) => ({
				...input,
				organisationId,
				directorateName: input.directorateId == null ? '' : (names.get(input.directorateId) ?? '')
			}))
		)
		.returning({ id: system.id });
	return rows.map((r) => r.id);
}

/**
 * Saves an edit only if nobody has saved the system since `expectedVersion` was read.
 * Returns the saved row, or undefined when the version has moved on (the caller shows the conflict).
 */
export async function updateSystem(
	ex: Executor,
	organisationId: number,
	id: number,
	expectedVersion: number,
	input: SystemInput
): Promise<SystemRow | undefined> {
	const directorateName = await directorateNameOf(ex, organisationId, input.directorateId);
	const [row] = await ex
		.update(system)
		.set({ ...input, directorateName, version: sql`${system.version} + 1`, updatedAt: nowUtc })
		.where(
			and(
				eq(system.organisationId, organisationId),
				eq(system.id, id),
				eq(system.version, expectedVersion),
				ne(system.lifecycle, 'archived')
			)
		)
		.returning(SYSTEM_COLUMNS);
	return row;
}

/** Archives (never deletes) a system, with the same version check as an edit. */
export async function archiveSystem(
	ex: Executor,
	organisationId: number,
	id: number,
	expectedVersion: number
): Promise<SystemRow | undefined> {
	const [row] = await ex
		.update(system)
		.set({ lifecycle: 'archived', version: sql`${system.version} + 1`, updatedAt: nowUtc })
		.where(
			and(
				eq(system.organisationId, organisationId),
				eq(system.id, id),
				eq(system.version, expectedVersion),
				ne(system.lifecycle, 'archived')
			)
		)
		.returning(SYSTEM_COLUMNS);
	return row;
}

/**
 * Records the denormalised review summary on the system, inside the review's transaction. It does
 * not bump `version`: a review does not touch the fields an edit form holds, so it must not make one conflict.
 */
export async function setReviewSummary(
	ex: Executor,
	organisationId: number,
	id: number,
	reviewStatus: SystemRow['reviewStatus'],
	outcomeCount: number,
	outcomeFlags: number
): Promise<void> {
	await ex
		.update(system)
		.set({ reviewStatus, outcomeCount, outcomeFlags, updatedAt: nowUtc })
		.where(and(eq(system.organisationId, organisationId), eq(system.id, id)));
}
