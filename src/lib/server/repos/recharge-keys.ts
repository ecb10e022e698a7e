/**
 * Allocation keys of a shared service and each partner's value in them. Every function takes the
 * shared service's organisation id and filters by it.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { allocationKey, allocationKeyShare, nowUtc } from '../db/schema';
import type { Executor } from '../db';
import type { AllocationKey, KeyKind, KeyScope, KeyShare } from '$lib/domain/recharges';

export type KeyRow = typeof allocationKey.$inferSelect;
export interface KeyFields {
	financialYear: string;
	scope: KeyScope;
	scopeId: number;
	kind: KeyKind;
	measure: string;
	source: string;
	asAt: string | null;
}
export type StoredKey = AllocationKey & { version: number; updatedAt: string };

async function withShares(ex: Executor, organisationId: number, rows: KeyRow[]) {
	if (rows.length === 0) return [];
	const shares = await ex
		.select()
		.from(allocationKeyShare)
		.where(
			and(
				eq(allocationKeyShare.organisationId, organisationId),
				inArray(
					allocationKeyShare.keyId,
					rows.map((r) => r.id)
				)
			)
		)
		.orderBy(asc(allocationKeyShare.partnerOrganisationId));
	const byKey = new Map<number, KeyShare[]>();
	for (const s of shares) {
		const list = byKey.get(s.keyId) ?? [];
		list.push({
			partnerOrganisationId: s.partnerOrganisationId,
			weight: s.weight,
			costCentreId: s.costCentreId
		});
		byKey.set(s.keyId, list);
	}
	return rows.map((r): StoredKey => ({
		id: r.id,
		financialYear: r.financialYear,
		scope: r.scope,
		scopeId: r.scopeId,
		kind: r.kind,
		measure: r.measure,
		source: r.source,
		asAt: r.asAt,
		version: r.version,
		updatedAt: r.updatedAt,
		shares: byKey.get(r.id) ?? []
	}));
}

/** The service's keys with their shares: of one year, or of every year. */
export async function listKeys(
	ex: Executor,
	organisationId: number,
	financialYear?: string
): Promise<StoredKey[]> {
	const rows = await ex
		.select()
		.from(allocationKey)
		.where(
			financialYear
				? and(
						eq(allocationKey.organisationId, organisationId),
						eq(allocationKey.financialYear, financialYear)
					)
				: eq(allocationKey.organisationId, organisationId)
		)
		.orderBy(
			asc(allocationKey.financialYear),
			asc(allocationKey.scope),
			asc(allocationKey.scopeId)
		);
	return withShares(ex, organisationId, rows);
}

export async function getKey(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<StoredKey | undefined> {
	const rows = await ex
		.select()
		.from(allocationKey)
		.where(and(eq(allocationKey.organisationId, organisationId), eq(allocationKey.id, id)));
	return (await withShares(ex, organisationId, rows))[0];
}

/** The key already set for this year and scope, if any (one per year and scope). */
export async function findKey(
	ex: Executor,
	organisationId: number,
	fields: Pick<KeyFields, 'financialYear' | 'scope' | 'scopeId'>
): Promise<KeyRow | undefined> {
	const [row] = await ex
		.select()
		.from(allocationKey)
		.where(
			and(
				eq(allocationKey.organisationId, organisationId),
				eq(allocationKey.financialYear, fields.financialYear),
				eq(allocationKey.scope, fields.scope),
				eq(allocationKey.scopeId, fields.scopeId)
			)
		);
	return row;
}

export async function insertKey(
	ex: Executor,
	organisationId: number,
	fields: KeyFields
): Promise<KeyRow> {
	const [row] = await ex
		.insert(allocationKey)
		.values({ ...fields, organisationId })
		.returning();
	return row!;
}

/** Saves the key's own fields only if still at `expectedVersion`; undefined otherwise. */
export async function updateKey(
	ex: Executor,
	organisationId: number,
	id: number,
	expectedVersion: number,
	fields: Omit<KeyFields, 'financialYear' | 'scope' | 'scopeId'>
): Promise<KeyRow | undefined> {
	const [row] = await ex
		.update(allocationKey)
		.set({ ...fields, version: sql`${allocationKey.version} + 1`, updatedAt: nowUtc })
		.where(
			and(
				eq(allocationKey.organisationId, organisationId),
				eq(allocationKey.id, id),
				eq(allocationKey.version, expectedVersion)
			)
		)
		.returning();
	return row;
}

/** Replaces a key's shares with `shares`. */
export async function replaceShares(
	ex: Executor,
	organisationId: number,
	keyId: number,
	shares: readonly KeyShare[]
): Promise<void> {
	await ex
		.delete(allocationKeyShare)
		.where(
			and(
				eq(allocationKeyShare.organisationId, organisationId),
				eq(allocationKeyShare.keyId, keyId)
			)
		);
	if (shares.length > 0)
		await ex
			.insert(allocationKeyShare)
			.values(shares.map((s) => ({ ...s, keyId, organisationId })));
}

/** Deletes a key and its shares (its recharges must already be gone: they name it). */
export async function deleteKey(ex: Executor, organisationId: number, id: number): Promise<void> {
	await ex
		.delete(allocationKeyShare)
		.where(
			and(eq(allocationKeyShare.organisationId, organisationId), eq(allocationKeyShare.keyId, id))
		);
	await ex
		.delete(allocationKey)
		.where(and(eq(allocationKey.organisationId, organisationId), eq(allocationKey.id, id)));
}
