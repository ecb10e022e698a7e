/** Use-cases on systems: each runs in one transaction, so nothing is ever half-saved. */
import { transaction } from '../database';
import * as systems from '../repos/systems';
import type { Actor } from './actor';
import type { SystemInput } from '$lib/domain/system-form';

export class DuplicateExternalRefError extends Error {
	constructor(public readonly externalRef: string) {
		super(`external reference ${externalRef} is already used by another system`);
	}
}

function isUniqueViolation(error: unknown): boolean {
	const text = String((error as { message?: string })?.message ?? error) + String((error as { cause?: unknown })?.cause ?? '');
	return /UNIQUE constraint failed: system\.organisation_id, system\.external_ref/.test(text);
}

export async function createSystem(actor: Actor, input: SystemInput): Promise<systems.SystemRow> {
	try {
		return await transaction((tx) => systems.createSystem(tx, actor.organisationId, input));
	} catch (error) {
		if (input.externalRef && isUniqueViolation(error)) throw new DuplicateExternalRefError(input.externalRef);
		throw error;
	}
}

export type UpdateResult =
	| { ok: true; system: systems.SystemRow }
	| { ok: false; reason: 'conflict'; current: systems.SystemDetail }
	| { ok: false; reason: 'not-found' };

/**
 * Saves an edit made from `expectedVersion`. If someone else saved in between, nothing is written
 * and the caller gets the current record to show what changed.
 */
export async function updateSystem(actor: Actor, id: number, expectedVersion: number, input: SystemInput): Promise<UpdateResult> {
	try {
		return await transaction(async (tx): Promise<UpdateResult> => {
			const saved = await systems.updateSystem(tx, actor.organisationId, id, expectedVersion, input);
			if (saved) return { ok: true, system: saved };
			const current = await systems.getSystem(tx, actor.organisationId, id);
			return current ? { ok: false, reason: 'conflict', current } : { ok: false, reason: 'not-found' };
		});
	} catch (error) {
		if (input.externalRef && isUniqueViolation(error)) throw new DuplicateExternalRefError(input.externalRef);
		throw error;
	}
}

export async function archiveSystem(actor: Actor, id: number, expectedVersion: number): Promise<UpdateResult> {
	return transaction(async (tx): Promise<UpdateResult> => {
		const archived = await systems.archiveSystem(tx, actor.organisationId, id, expectedVersion);
		if (archived) return { ok: true, system: archived };
		const current = await systems.getSystem(tx, actor.organisationId, id);
		return current ? { ok: false, reason: 'conflict', current } : { ok: false, reason: 'not-found' };
	});
}
