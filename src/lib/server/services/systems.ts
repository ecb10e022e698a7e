/** Use-cases on systems: each runs in one transaction, so nothing is ever half-saved. */
import { transaction } from '../db/database';
import * as systems from '../repos/systems';
import { recordAudit } from '../repos/audit';
import { moveSystemCostLines } from './cost-lines';
import type { ServiceResult } from './result';
import type { Actor } from './actor';
import { CONTACT_FIELDS, type ContactFields, type SystemInput } from '$lib/domain/systems';

export class DuplicateExternalRefError extends Error {
	constructor(public readonly externalRef: string) {
		super(`external reference ${externalRef} is already used by another system`);
	}
}

function isUniqueViolation(error: unknown): boolean {
	const text =
		String((error as { message?: string })?.message ?? error) +
		String((error as { cause?: unknown })?.cause ?? '');
	return /UNIQUE constraint failed: system\.organisation_id, system\.external_ref/.test(text);
}

export async function createSystem(actor: Actor, input: SystemInput): Promise<systems.SystemRow> {
	try {
		return await transaction(async (tx) => {
			const created = await systems.createSystem(tx, actor.organisationId, input);
			await recordAudit(tx, actor, {
				entity: 'system',
				entityId: created.id,
				action: 'create',
				after: auditable(created)
			});
			return created;
		});
	} catch (error) {
		if (input.externalRef && isUniqueViolation(error))
			throw new DuplicateExternalRefError(input.externalRef);
		throw error;
	}
}

export type UpdateResult = ServiceResult<{ system: systems.SystemRow }, systems.SystemDetail>;

/**
 * Saves an edit made from `expectedVersion`. If someone else saved in between, nothing is written
 * and the caller gets the current record to show what changed.
 */
export async function updateSystem(
	actor: Actor,
	id: number,
	expectedVersion: number,
	input: SystemInput
): Promise<UpdateResult> {
	try {
		return await transaction(async (tx): Promise<UpdateResult> => {
			const before = await systems.getSystem(tx, actor.organisationId, id);
			// The stored contact, read only to record whether the edit changed it (never its values).
			const beforeContact =
				before && (await systems.getSystemContact(tx, actor.organisationId, id));
			const saved =
				before &&
				beforeContact &&
				(await systems.updateSystem(tx, actor.organisationId, id, expectedVersion, input));
			if (saved) {
				// The system's cost lines are totalled by its directorate: move them with it.
				if (saved.directorateId !== before.directorateId)
					await moveSystemCostLines(tx, actor.organisationId, id, saved.directorateId);
				const [was, now] = auditedChange(before, saved, beforeContact, input);
				await recordAudit(tx, actor, {
					entity: 'system',
					entityId: id,
					action: 'update',
					before: was,
					after: now
				});
				return { ok: true, system: saved };
			}
			const current = await systems.getSystem(tx, actor.organisationId, id);
			return current
				? { ok: false, reason: 'conflict', current }
				: { ok: false, reason: 'not-found' };
		});
	} catch (error) {
		if (input.externalRef && isUniqueViolation(error))
			throw new DuplicateExternalRefError(input.externalRef);
		throw error;
	}
}

export async function archiveSystem(
	actor: Actor,
	id: number,
	expectedVersion: number
): Promise<UpdateResult> {
	return transaction(async (tx): Promise<UpdateResult> => {
		const before = await systems.getSystem(tx, actor.organisationId, id);
		const archived =
			before && (await systems.archiveSystem(tx, actor.organisationId, id, expectedVersion));
		if (archived) {
			await recordAudit(tx, actor, {
				entity: 'system',
				entityId: id,
				action: 'archive',
				before: { lifecycle: before.lifecycle },
				after: { lifecycle: 'archived' }
			});
			return { ok: true, system: archived };
		}
		const current = await systems.getSystem(tx, actor.organisationId, id);
		return current
			? { ok: false, reason: 'conflict', current }
			: { ok: false, reason: 'not-found' };
	});
}

const PERSONAL = '[personal data]';

/**
 * What changed between two versions of a system, with a named person's details changed but never
 * shown. The rows carry those details masked, so they are compared as stored and as saved.
 */
function auditedChange(
	before: systems.SystemRow,
	after: systems.SystemRow,
	beforeContact: ContactFields,
	afterContact: ContactFields
): [Record<string, unknown>, Record<string, unknown>] {
	const [was, now] = diff(auditable(before), auditable(after));
	for (const field of CONTACT_FIELDS) {
		if (beforeContact[field] !== afterContact[field]) {
			was[field] = beforeContact[field] ? PERSONAL : '';
			now[field] = afterContact[field] ? `${PERSONAL} (changed)` : '';
		}
	}
	return [was, now];
}

/**
 * The fields of a system worth recording in the audit trail: not timestamps, counters or derived
 * sort keys. A named person's details are recorded only as having changed, never their values:
 * the change history is shown to every reader of the record (data minimisation, UK GDPR art. 5(1)(c)).
 */
function auditable(row: systems.SystemRow): Record<string, unknown> {
	const {
		createdAt: _c,
		updatedAt: _u,
		version: _v,
		organisationId: _o,
		reviewStatus: _r,
		outcomeCount: _n,
		outcomeFlags: _f,
		criticalityRank: _cr,
		reviewRank: _rr,
		usersKey: _uk,
		costKey: _ck,
		contractEndKey: _ek,
		directorateName: _dn,
		// Outage inputs are set and audited on their own (services/outage.ts).
		concurrentUsers: _cu,
		outageMinutesPerYear: _om,
		costPerUserHourPence: _cp,
		contactName,
		contactEmail,
		contactPhone,
		...fields
	} = row;
	const personal = (value: string) => (value ? PERSONAL : '');
	return {
		...fields,
		contactName: personal(contactName),
		contactEmail: personal(contactEmail),
		contactPhone: personal(contactPhone)
	};
}

/** Only what changed, as a before and an after. */
function diff(
	before: Record<string, unknown>,
	after: Record<string, unknown>
): [Record<string, unknown>, Record<string, unknown>] {
	const was: Record<string, unknown> = {};
	const now: Record<string, unknown> = {};
	for (const key of Object.keys(after)) {
		if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
			was[key] = before[key];
			now[key] = after[key];
		}
	}
	return [was, now];
}
