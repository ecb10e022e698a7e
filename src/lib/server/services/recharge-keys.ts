/**
 * Saving and removing a shared service's allocation keys. Each change is checked (the key's own
 * rules, its partners, its scope, each share's cost centre), written, audited, and the recharges of
 * its financial year worked out again, all in one transaction: a refused or failed change leaves the
 * key and every recharge as they were.
 */
import { transactionOffThread } from '../db/database';
import * as partnerships from '../repos/governance-partnerships';
import * as keys from '../repos/recharge-keys';
import * as costCentres from '../repos/partner-cost-centres';
import * as systems from '../repos/systems';
import * as workstreams from '../repos/workstreams';
import * as costLines from '../repos/cost-lines';
import { recordAudit } from '../repos/audit';
import type { Executor } from '../db';
import type { Actor } from './actor';
import type { ServiceResult } from './result';
import { clearYear, rederiveYear } from './recharges';
import { financialYearEnd, financialYearStart, isFinancialYear } from '$lib/domain/fiscal';
import type { FieldErrors } from '$lib/domain/forms';
import { checkKey, costCentreProblem, KEY_SCOPE_LABEL, type KeyShare } from '$lib/domain/recharges';

export interface KeyInput extends keys.KeyFields {
	shares: readonly KeyShare[];
}

export type KeyResult = ServiceResult<{ key: keys.StoredKey }, keys.StoredKey>;

/** The partners named in a key must be partners of the service at some time in its year. */
async function checkPartnersAndCentres(
	tx: Executor,
	organisationId: number,
	input: KeyInput,
	errors: FieldErrors
): Promise<void> {
	const partners = await partnerships.listPartners(tx, organisationId);
	const name = (id: number) =>
		partners.find((p) => p.partnerOrganisationId === id)?.partnerName ?? 'That organisation';
	const inYear = isFinancialYear(input.financialYear)
		? partners.filter(
				(p) =>
					p.joinedOn <= financialYearEnd(input.financialYear) &&
					(p.leftOn == null || p.leftOn > financialYearStart(input.financialYear))
			)
		: partners;
	Object.assign(errors, checkKey(input, name));
	for (const share of input.shares) {
		const field = `share-${share.partnerOrganisationId}`;
		if (!inYear.some((p) => p.partnerOrganisationId === share.partnerOrganisationId)) {
			errors[field] ??=
				`${name(share.partnerOrganisationId)} is not a partner in ${input.financialYear}`;
			continue;
		}
		if (share.costCentreId == null) continue;
		const centre = await costCentres.getCostCentre(tx, organisationId, share.costCentreId);
		const problem = costCentreProblem(
			centre && centre.archivedAt == null ? centre : undefined,
			share.partnerOrganisationId,
			name
		);
		if (problem) errors[`costCentre-${share.partnerOrganisationId}`] = problem;
	}
}

/** The cost line, system or workstream a key is for must be the service's own (a line, of the key's year). */
async function checkScope(
	tx: Executor,
	organisationId: number,
	input: KeyInput,
	errors: FieldErrors
): Promise<void> {
	const id = input.scopeId;
	let found: boolean;
	if (input.scope === 'service') found = id === 0;
	else if (input.scope === 'system') found = !!(await systems.getSystem(tx, organisationId, id));
	else if (input.scope === 'workstream')
		found = !!(await workstreams.getWorkstream(tx, organisationId, id));
	else {
		const line = await costLines.getCostLine(tx, organisationId, id);
		found = line != null && line.archivedAt == null;
		if (found && line!.financialYear !== input.financialYear) {
			errors.scopeId = `Cost line ${id} is for ${line!.financialYear}, not ${input.financialYear}`;
			return;
		}
	}
	if (!found)
		errors.scopeId = `Choose the ${KEY_SCOPE_LABEL[input.scope].toLowerCase()} this key is for`;
}

/**
 * Creates a key (`id` null) or saves one from the version the form was opened at. One key per
 * year and scope: a second for the same is refused, pointing at the first.
 */
export async function saveKey(
	actor: Actor,
	id: number | null,
	expectedVersion: number | null,
	input: KeyInput
): Promise<KeyResult> {
	return transactionOffThread(async (tx): Promise<KeyResult> => {
		const org = actor.organisationId;
		if (!(await partnerships.getAgreement(tx, org))) return { ok: false, reason: 'not-found' };
		const before = id == null ? undefined : await keys.getKey(tx, org, id);
		if (id != null && !before) return { ok: false, reason: 'not-found' };
		const errors: FieldErrors = {};
		await checkPartnersAndCentres(tx, org, input, errors);
		if (before) {
			// A key's year and scope are what it is; to move it, remove it and set another.
			Object.assign(input, {
				financialYear: before.financialYear,
				scope: before.scope,
				scopeId: before.scopeId
			});
		} else {
			await checkScope(tx, org, input, errors);
			if (!errors.financialYear && (await keys.findKey(tx, org, input)))
				errors.scopeId = `There is already a key for this in ${input.financialYear}: change that one`;
		}
		if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
		const { shares, financialYear, scope, scopeId, ...own } = input;
		let keyId: number;
		if (before) {
			const saved = await keys.updateKey(tx, org, before.id, expectedVersion ?? -1, own);
			if (!saved) return { ok: false, reason: 'conflict', current: before };
			keyId = saved.id;
		} else {
			keyId = (await keys.insertKey(tx, org, { financialYear, scope, scopeId, ...own })).id;
		}
		await keys.replaceShares(tx, org, keyId, shares);
		await rederiveYear(tx, org, financialYear);
		const key = (await keys.getKey(tx, org, keyId))!;
		await recordAudit(tx, actor, {
			entity: 'allocation_key',
			entityId: keyId,
			action: before ? 'update' : 'create',
			before: before ? { ...before, id: undefined, updatedAt: undefined } : undefined,
			after: { ...key, id: undefined, updatedAt: undefined }
		});
		return { ok: true, key };
	});
}

/** Removes a key (at the version the page showed); its lines fall to the next key that covers them. */
export async function removeKey(
	actor: Actor,
	id: number,
	expectedVersion: number
): Promise<KeyResult> {
	return transactionOffThread(async (tx): Promise<KeyResult> => {
		const org = actor.organisationId;
		const before = await keys.getKey(tx, org, id);
		if (!before) return { ok: false, reason: 'not-found' };
		if (before.version !== expectedVersion)
			return { ok: false, reason: 'conflict', current: before };
		// Its recharges name it: they go first, then the key, then the year is shared again without it.
		await clearYear(tx, org, before.financialYear);
		await keys.deleteKey(tx, org, id);
		await rederiveYear(tx, org, before.financialYear);
		await recordAudit(tx, actor, {
			entity: 'allocation_key',
			entityId: id,
			action: 'delete',
			before: { ...before, id: undefined, updatedAt: undefined }
		});
		return { ok: true, key: before };
	});
}
