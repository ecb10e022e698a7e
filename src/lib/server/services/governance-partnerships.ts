/**
 * The shared service's partnership agreement and its partners. Set by a platform administrator
 * acting in the shared service (choosing partners means seeing the platform's organisations, which
 * an organisation's own administrator may not). Each change in one transaction with its audit row.
 */
import { transaction } from '../db/database';
import * as partnerships from '../repos/governance-partnerships';
import * as organisations from '../repos/organisations';
import * as systems from '../repos/systems';
import { recordAudit } from '../repos/audit';
import type { Actor } from './actor';
import type { ServiceResult } from './result';
import type { FieldErrors } from '$lib/domain/systems';

export type AgreementResult = ServiceResult<
	{ agreement: partnerships.Agreement },
	partnerships.Agreement
>;

/** Creates the agreement, or saves it from the version the form was opened at (`expectedVersion`). */
export async function saveAgreement(
	actor: Actor,
	expectedVersion: number | null,
	fields: partnerships.AgreementFields
): Promise<AgreementResult> {
	return transaction(async (tx): Promise<AgreementResult> => {
		const before = await partnerships.getAgreement(tx, actor.organisationId);
		if (!before) {
			const agreement = await partnerships.insertAgreement(tx, actor.organisationId, fields);
			await recordAudit(tx, actor, {
				entity: 'partnership_agreement',
				entityId: agreement.id,
				action: 'create',
				after: fields
			});
			return { ok: true, agreement };
		}
		const saved =
			expectedVersion == null
				? undefined
				: await partnerships.updateAgreement(tx, actor.organisationId, expectedVersion, fields);
		if (!saved) return { ok: false, reason: 'conflict', current: before };
		const { title, reference, signedOn, quorumRule, quorumMinimum } = before;
		await recordAudit(tx, actor, {
			entity: 'partnership_agreement',
			entityId: saved.id,
			action: 'update',
			before: { title, reference, signedOn, quorumRule, quorumMinimum },
			after: fields
		});
		return { ok: true, agreement: saved };
	});
}

export type PartnerResult = { ok: true } | { ok: false; errors: FieldErrors };

/** Adds a partner from the day it joined. Refused: no agreement yet, itself, an unknown organisation, a partner already in. */
export async function addPartner(
	actor: Actor,
	partnerOrganisationId: number,
	joinedOn: string
): Promise<PartnerResult> {
	return transaction(async (tx): Promise<PartnerResult> => {
		const agreement = await partnerships.getAgreement(tx, actor.organisationId);
		if (!agreement)
			return {
				ok: false,
				errors: { partnerOrganisationId: 'Record the partnership agreement before adding partners' }
			};
		if (partnerOrganisationId === actor.organisationId)
			return {
				ok: false,
				errors: { partnerOrganisationId: 'A shared service cannot be its own partner' }
			};
		const partner = await organisations.getOrganisation(tx, partnerOrganisationId);
		if (!partner)
			return {
				ok: false,
				errors: { partnerOrganisationId: 'Choose a partner organisation from the list' }
			};
		const open = (await partnerships.listPartners(tx, actor.organisationId)).find(
			(p) =>
				p.partnerOrganisationId === partnerOrganisationId &&
				(p.leftOn == null || p.leftOn > joinedOn)
		);
		if (open)
			return {
				ok: false,
				errors: {
					partnerOrganisationId: `${partner.name} is already a partner: record the day it left before it joins again`
				}
			};
		const row = await partnerships.insertPartner(
			tx,
			actor.organisationId,
			agreement.id,
			partnerOrganisationId,
			joinedOn
		);
		await recordAudit(tx, actor, {
			entity: 'partnership_partner',
			entityId: row.id,
			action: 'join',
			after: { partner: partner.name, joinedOn }
		});
		return { ok: true };
	});
}

/** Records the day a partner left; the day must be after it joined. */
export async function recordPartnerLeft(
	actor: Actor,
	membershipId: number,
	leftOn: string
): Promise<PartnerResult> {
	return transaction(async (tx): Promise<PartnerResult> => {
		const membership = (await partnerships.listPartners(tx, actor.organisationId)).find(
			(p) => p.id === membershipId
		);
		if (!membership || membership.leftOn != null)
			return {
				ok: false,
				errors: { leftOn: 'That partner has already left, or is not a partner' }
			};
		if (leftOn <= membership.joinedOn)
			return {
				ok: false,
				errors: { leftOn: `Date left must be after the day ${membership.partnerName} joined` }
			};
		await partnerships.setPartnerLeft(tx, actor.organisationId, membershipId, leftOn);
		await recordAudit(tx, actor, {
			entity: 'partnership_partner',
			entityId: membershipId,
			action: 'leave',
			after: { partner: membership.partnerName, leftOn }
		});
		return { ok: true };
	});
}

/** Which partners one of the shared service's systems is run for; only its own systems and its partners. */
export async function setSystemPartners(
	actor: Actor,
	systemId: number,
	partnerIds: readonly number[]
): Promise<PartnerResult> {
	return transaction(async (tx): Promise<PartnerResult> => {
		if (!(await systems.getSystem(tx, actor.organisationId, systemId)))
			return { ok: false, errors: { systemId: 'Choose one of your systems' } };
		const known = new Set(
			(await partnerships.listPartners(tx, actor.organisationId)).map(
				(p) => p.partnerOrganisationId
			)
		);
		if (partnerIds.some((id) => !known.has(id)))
			return { ok: false, errors: { partnerIds: 'Choose partners of this shared service' } };
		await partnerships.setSystemPartners(tx, actor.organisationId, systemId, partnerIds);
		await recordAudit(tx, actor, {
			entity: 'system',
			entityId: systemId,
			action: 'set-partners',
			after: { partnerOrganisationIds: [...partnerIds] }
		});
		return { ok: true };
	});
}
