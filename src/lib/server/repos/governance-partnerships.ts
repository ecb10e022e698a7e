/**
 * Shared services and their partners. A shared service is an organisation with a partnership
 * agreement; its partners are other organisations, each member from the day it joined until the day
 * it left. A partner's users may read the shared service's governance register and the systems it
 * runs for that partner, and nothing else of it: every read here names both organisations.
 */
import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import {
	organisation,
	partnershipAgreement,
	partnershipPartner,
	sharedSystemPartner,
	system,
	nowUtc
} from '../db/schema';
import type { Executor } from '../db';
import type { Membership, QuorumRule } from '$lib/domain/governance/quorum';

export type Agreement = typeof partnershipAgreement.$inferSelect;
export interface AgreementFields {
	title: string;
	reference: string;
	signedOn: string;
	quorumRule: QuorumRule;
	quorumMinimum: number | null;
}
export interface PartnerRow {
	id: number;
	partnerOrganisationId: number;
	partnerName: string;
	joinedOn: string;
	leftOn: string | null;
}

export async function getAgreement(
	ex: Executor,
	organisationId: number
): Promise<Agreement | undefined> {
	const [row] = await ex
		.select()
		.from(partnershipAgreement)
		.where(eq(partnershipAgreement.organisationId, organisationId));
	return row;
}

export async function insertAgreement(
	ex: Executor,
	organisationId: number,
	fields: AgreementFields
): Promise<Agreement> {
	const [row] = await ex
		.insert(partnershipAgreement)
		.values({ ...fields, organisationId })
		.returning();
	return row!;
}

/** Saves the agreement only if it is still at `expectedVersion`; undefined otherwise. */
export async function updateAgreement(
	ex: Executor,
	organisationId: number,
	expectedVersion: number,
	fields: AgreementFields
): Promise<Agreement | undefined> {
	const [row] = await ex
		.update(partnershipAgreement)
		.set({
			...fields,
			version: sql`${partnershipAgreement.version} + 1`,
			updatedAt: nowUtc
		})
		.where(
			and(
				eq(partnershipAgreement.organisationId, organisationId),
				eq(partnershipAgreement.version, expectedVersion)
			)
		)
		.returning();
	return row;
}

/** Every membership of the shared service's agreement, past and present, by partner name. */
export async function listPartners(ex: Executor, organisationId: number): Promise<PartnerRow[]> {
	return ex
		.select({
			id: partnershipPartner.id,
			partnerOrganisationId: partnershipPartner.partnerOrganisationId,
			partnerName: organisation.name,
			joinedOn: partnershipPartner.joinedOn,
			leftOn: partnershipPartner.leftOn
		})
		.from(partnershipPartner)
		.innerJoin(organisation, eq(organisation.id, partnershipPartner.partnerOrganisationId))
		.where(eq(partnershipPartner.organisationId, organisationId))
		.orderBy(asc(organisation.name), asc(partnershipPartner.joinedOn));
}

export async function memberships(ex: Executor, organisationId: number): Promise<Membership[]> {
	return (await listPartners(ex, organisationId)).map(
		({ partnerOrganisationId, joinedOn, leftOn }) => ({ partnerOrganisationId, joinedOn, leftOn })
	);
}

export async function insertPartner(
	ex: Executor,
	organisationId: number,
	agreementId: number,
	partnerOrganisationId: number,
	joinedOn: string
) {
	const [row] = await ex
		.insert(partnershipPartner)
		.values({ organisationId, agreementId, partnerOrganisationId, joinedOn })
		.returning();
	return row!;
}

/** Records the day a partner left; only a membership still open, of this shared service. */
export async function setPartnerLeft(
	ex: Executor,
	organisationId: number,
	membershipId: number,
	leftOn: string
) {
	const [row] = await ex
		.update(partnershipPartner)
		.set({ leftOn })
		.where(
			and(
				eq(partnershipPartner.organisationId, organisationId),
				eq(partnershipPartner.id, membershipId),
				isNull(partnershipPartner.leftOn)
			)
		)
		.returning();
	return row;
}

const memberOn = (today: string) =>
	and(
		lte(partnershipPartner.joinedOn, today),
		or(isNull(partnershipPartner.leftOn), gt(partnershipPartner.leftOn, today))
	);

/** The shared services `partnerOrganisationId` is a partner of on `today`. */
export async function sharedServicesOf(ex: Executor, partnerOrganisationId: number, today: string) {
	return ex
		.selectDistinct({
			organisationId: organisation.id,
			name: organisation.name,
			title: partnershipAgreement.title
		})
		.from(partnershipPartner)
		.innerJoin(organisation, eq(organisation.id, partnershipPartner.organisationId))
		.innerJoin(partnershipAgreement, eq(partnershipAgreement.id, partnershipPartner.agreementId))
		.where(
			and(eq(partnershipPartner.partnerOrganisationId, partnerOrganisationId), memberOn(today))
		)
		.orderBy(asc(organisation.name));
}

/** Whether `partnerOrganisationId` is a partner of the shared service on `today`: the gate for every partner read. */
export async function isPartnerOn(
	ex: Executor,
	sharedOrganisationId: number,
	partnerOrganisationId: number,
	today: string
): Promise<boolean> {
	const [row] = await ex
		.select({ id: partnershipPartner.id })
		.from(partnershipPartner)
		.where(
			and(
				eq(partnershipPartner.organisationId, sharedOrganisationId),
				eq(partnershipPartner.partnerOrganisationId, partnerOrganisationId),
				memberOn(today)
			)
		)
		.limit(1);
	return row != null;
}

/** The partners each of the shared service's systems is run for. */
export async function systemPartners(
	ex: Executor,
	organisationId: number,
	systemIds?: readonly number[]
) {
	const where = systemIds
		? and(
				eq(sharedSystemPartner.organisationId, organisationId),
				inArray(sharedSystemPartner.systemId, [...systemIds])
			)
		: eq(sharedSystemPartner.organisationId, organisationId);
	return ex
		.select({
			systemId: sharedSystemPartner.systemId,
			partnerOrganisationId: sharedSystemPartner.partnerOrganisationId
		})
		.from(sharedSystemPartner)
		.where(where);
}

/** Replaces the partners a system is run for (the system must be the shared service's own: the service checks). */
export async function setSystemPartners(
	ex: Executor,
	organisationId: number,
	systemId: number,
	partnerIds: readonly number[]
) {
	await ex
		.delete(sharedSystemPartner)
		.where(
			and(
				eq(sharedSystemPartner.organisationId, organisationId),
				eq(sharedSystemPartner.systemId, systemId)
			)
		);
	if (partnerIds.length > 0)
		await ex.insert(sharedSystemPartner).values(
			partnerIds.map((partnerOrganisationId) => ({
				organisationId,
				systemId,
				partnerOrganisationId
			}))
		);
}

/** The shared service's live systems run for one partner: what that partner's users may read. */
export async function systemsRunFor(
	ex: Executor,
	sharedOrganisationId: number,
	partnerOrganisationId: number
) {
	return ex
		.select({
			id: system.id,
			name: system.name,
			criticality: system.criticality,
			statutoryDuties: system.statutoryDuties,
			supplier: system.supplier
		})
		.from(sharedSystemPartner)
		.innerJoin(
			system,
			and(
				eq(system.id, sharedSystemPartner.systemId),
				eq(system.organisationId, sharedOrganisationId)
			)
		)
		.where(
			and(
				eq(sharedSystemPartner.organisationId, sharedOrganisationId),
				eq(sharedSystemPartner.partnerOrganisationId, partnerOrganisationId),
				inArray(system.lifecycle, ['live', 'being_replaced'])
			)
		)
		.orderBy(asc(system.name));
}
