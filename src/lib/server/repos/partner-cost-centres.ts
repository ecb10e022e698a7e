/**
 * Partners' cost centres, kept by the shared service. Every function takes the shared service's
 * organisation id; the partner-facing list also takes the partner's, so a partner reads only its own.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { nowUtc, organisation, partnerCostCentre } from '../db/schema';
import type { Executor } from '../db';
import type { CostCentreKind } from '$lib/domain/recharges';

export type CostCentreRow = typeof partnerCostCentre.$inferSelect;
export type CostCentreListRow = CostCentreRow & { partnerName: string };
export interface CostCentreFields {
	partnerOrganisationId: number;
	code: string;
	name: string;
	kind: CostCentreKind;
}

/** Live cost centres of the service, by partner then code; `partnerOrganisationId` narrows to one partner's. */
export async function listCostCentres(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId?: number
): Promise<CostCentreListRow[]> {
	const c = partnerCostCentre;
	const rows = await ex
		.select({ centre: c, partnerName: organisation.name })
		.from(c)
		.innerJoin(organisation, eq(organisation.id, c.partnerOrganisationId))
		.where(
			and(
				eq(c.organisationId, organisationId),
				isNull(c.archivedAt),
				partnerOrganisationId == null
					? undefined
					: eq(c.partnerOrganisationId, partnerOrganisationId)
			)
		)
		.orderBy(asc(organisation.name), asc(c.code));
	return rows.map((r) => ({ ...r.centre, partnerName: r.partnerName }));
}

/** A cost centre of the service (archived ones too), whichever partner's it is. */
export async function getCostCentre(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<CostCentreRow | undefined> {
	const [row] = await ex
		.select()
		.from(partnerCostCentre)
		.where(and(eq(partnerCostCentre.organisationId, organisationId), eq(partnerCostCentre.id, id)));
	return row;
}

export async function findByCode(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number,
	code: string
): Promise<CostCentreRow | undefined> {
	const c = partnerCostCentre;
	const [row] = await ex
		.select()
		.from(c)
		.where(
			and(
				eq(c.organisationId, organisationId),
				eq(c.partnerOrganisationId, partnerOrganisationId),
				sql`${c.code} = ${code} COLLATE NOCASE`
			)
		);
	return row;
}

export async function insertCostCentre(
	ex: Executor,
	organisationId: number,
	fields: CostCentreFields
): Promise<CostCentreRow> {
	const [row] = await ex
		.insert(partnerCostCentre)
		.values({ ...fields, organisationId })
		.returning();
	return row!;
}

/** Saves the code, name and kind only if still live and at `expectedVersion` (the partner never changes). */
export async function updateCostCentre(
	ex: Executor,
	organisationId: number,
	id: number,
	expectedVersion: number,
	fields: Omit<CostCentreFields, 'partnerOrganisationId'>
): Promise<CostCentreRow | undefined> {
	const c = partnerCostCentre;
	const [row] = await ex
		.update(c)
		.set({ ...fields, version: sql`${c.version} + 1`, updatedAt: nowUtc })
		.where(
			and(
				eq(c.organisationId, organisationId),
				eq(c.id, id),
				eq(c.version, expectedVersion),
				isNull(c.archivedAt)
			)
		)
		.returning();
	return row;
}
