/** Organisations and their directorates and service areas. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { organisation, directorate, serviceArea, organisationListVersion } from '../db/schema';
import type { Executor } from '../db';
import { preparedOn } from '../db/prepared';

export type Organisation = typeof organisation.$inferSelect;
export type Directorate = typeof directorate.$inferSelect;
export type ServiceArea = typeof serviceArea.$inferSelect;

export async function getOrganisationBySlug(
	ex: Executor,
	slug: string
): Promise<Organisation | undefined> {
	const [row] = await ex.select().from(organisation).where(eq(organisation.slug, slug));
	return row;
}

export async function getOrganisation(ex: Executor, id: number): Promise<Organisation | undefined> {
	const [row] = await ex.select().from(organisation).where(eq(organisation.id, id));
	return row;
}

export async function listOrganisations(ex: Executor): Promise<Organisation[]> {
	return ex.select().from(organisation).orderBy(asc(organisation.id));
}

export async function createOrganisation(
	ex: Executor,
	input: { slug: string; name: string }
): Promise<Organisation> {
	const [row] = await ex.insert(organisation).values(input).returning();
	return row!;
}

export async function listDirectorates(
	ex: Executor,
	organisationId: number
): Promise<Directorate[]> {
	return ex
		.select()
		.from(directorate)
		.where(eq(directorate.organisationId, organisationId))
		.orderBy(asc(directorate.name));
}

export async function createDirectorate(
	ex: Executor,
	organisationId: number,
	name: string
): Promise<Directorate> {
	const [row] = await ex.insert(directorate).values({ organisationId, name }).returning();
	return row!;
}

export async function listServiceAreas(
	ex: Executor,
	organisationId: number
): Promise<ServiceArea[]> {
	return ex
		.select()
		.from(serviceArea)
		.where(eq(serviceArea.organisationId, organisationId))
		.orderBy(asc(serviceArea.name));
}

export async function createServiceArea(
	ex: Executor,
	organisationId: number,
	directorateId: number,
	name: string
): Promise<ServiceArea> {
	const [row] = await ex
		.insert(serviceArea)
		.values({ organisationId, directorateId, name })
		.returning();
	return row!;
}

export async function getServiceAreaByName(
	ex: Executor,
	organisationId: number,
	name: string
): Promise<ServiceArea | undefined> {
	const [row] = await ex
		.select()
		.from(serviceArea)
		.where(and(eq(serviceArea.organisationId, organisationId), eq(serviceArea.name, name)));
	return row;
}

/** What the system form needs to check a directorate and service area belong to this organisation. */
export async function systemFormContext(ex: Executor, organisationId: number) {
	const [directorates, serviceAreas] = await Promise.all([
		listDirectorates(ex, organisationId),
		listServiceAreas(ex, organisationId)
	]);
	return {
		directorates,
		serviceAreas,
		directorateIds: new Set(directorates.map((d) => d.id)),
		serviceAreaDirectorate: new Map(serviceAreas.map((a) => [a.id, a.directorateId]))
	};
}

/**
 * The organisation's list version: raised by triggers whenever its directorates, service areas,
 * workstreams or the systems' data-quality columns change (schema `organisationListVersion`); 0
 * before anything of the organisation has been written.
 */
export async function getListVersion(ex: Executor, organisationId: number): Promise<number> {
	// Every /systems request runs this: built once per handle.
	const row = await preparedOn(ex, listVersionOf).get({ organisationId });
	return row?.version ?? 0;
}

const listVersionOf = (ex: Executor) =>
	ex
		.select({ version: organisationListVersion.version })
		.from(organisationListVersion)
		.where(eq(organisationListVersion.organisationId, sql.placeholder('organisationId')))
		.prepare();
