/**
 * Partners' cost centres, recorded by the shared service's officers: each belongs to one partner
 * for good (moving it to another partner would move the money already charged to it). Each change
 * in one transaction with its audit row.
 */
import { transaction } from '../db/database';
import * as partnerships from '../repos/governance-partnerships';
import * as costCentres from '../repos/partner-cost-centres';
import { recordAudit } from '../repos/audit';
import type { Actor } from './actor';
import type { ServiceResult } from './result';
import type { FieldErrors } from '$lib/domain/forms';
import { costCentreCodeProblem, type CostCentreKind } from '$lib/domain/recharges';

export type CostCentreResult = ServiceResult<
	{ centre: costCentres.CostCentreRow },
	costCentres.CostCentreRow
>;

export interface CostCentreInput {
	code: string;
	name: string;
	kind: CostCentreKind;
}

function checkFields(input: CostCentreInput): FieldErrors {
	const errors: FieldErrors = {};
	const code = costCentreCodeProblem(input.code);
	if (code) errors.code = code;
	if (input.name.trim() === '') errors.name = 'Enter the cost centre’s name';
	return errors;
}

/** Records a cost centre for one of the service's partners; a code the partner already has is refused. */
export async function addCostCentre(
	actor: Actor,
	partnerOrganisationId: number,
	input: CostCentreInput
): Promise<CostCentreResult> {
	return transaction(async (tx): Promise<CostCentreResult> => {
		const org = actor.organisationId;
		const partner = (await partnerships.listPartners(tx, org)).find(
			(p) => p.partnerOrganisationId === partnerOrganisationId
		);
		const errors = checkFields(input);
		if (!partner) errors.partnerOrganisationId = 'Choose one of the partners';
		else if (!errors.code) {
			const taken = await costCentres.findByCode(tx, org, partnerOrganisationId, input.code.trim());
			if (taken) errors.code = `${partner.partnerName} already has cost centre ${taken.code}`;
		}
		if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
		const centre = await costCentres.insertCostCentre(tx, org, {
			partnerOrganisationId,
			code: input.code.trim(),
			name: input.name.trim(),
			kind: input.kind
		});
		await recordAudit(tx, actor, {
			entity: 'partner_cost_centre',
			entityId: centre.id,
			action: 'create',
			after: {
				partner: partner!.partnerName,
				code: centre.code,
				name: centre.name,
				kind: centre.kind
			}
		});
		return { ok: true, centre };
	});
}

/** Saves a cost centre's code, name and kind from the version the form was opened at. */
export async function updateCostCentre(
	actor: Actor,
	id: number,
	expectedVersion: number,
	input: CostCentreInput
): Promise<CostCentreResult> {
	return transaction(async (tx): Promise<CostCentreResult> => {
		const org = actor.organisationId;
		const before = await costCentres.getCostCentre(tx, org, id);
		if (!before || before.archivedAt != null) return { ok: false, reason: 'not-found' };
		const errors = checkFields(input);
		if (!errors.code) {
			const taken = await costCentres.findByCode(
				tx,
				org,
				before.partnerOrganisationId,
				input.code.trim()
			);
			if (taken && taken.id !== id)
				errors.code = `This partner already has cost centre ${taken.code}`;
		}
		if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
		const saved = await costCentres.updateCostCentre(tx, org, id, expectedVersion, {
			code: input.code.trim(),
			name: input.name.trim(),
			kind: input.kind
		});
		if (!saved) return { ok: false, reason: 'conflict', current: before };
		await recordAudit(tx, actor, {
			entity: 'partner_cost_centre',
			entityId: id,
			action: 'update',
			before: { code: before.code, name: before.name, kind: before.kind },
			after: { code: saved.code, name: saved.name, kind: saved.kind }
		});
		return { ok: true, centre: saved };
	});
}
