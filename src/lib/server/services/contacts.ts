/**
 * The one way a named contact's details (a person's name, email and phone on a system) leave the
 * server. Every other read of a system masks them in the repository's select list; this reads the
 * values, checks the role may see them, and records who looked, at which record and why, in the
 * same transaction. A role that may not see them gets the masked values and no read is recorded.
 */
import { transaction } from '../db/database';
import { recordAudit } from '../repos/audit';
import * as systems from '../repos/systems';
import { can, type Role } from '$lib/domain/permissions';
import { hasContact, maskContact, type ContactFields } from '$lib/domain/systems';
import type { Actor } from './actor';

/** Why the details were shown, as the audit trail words it. */
const PURPOSE = {
	view: 'asked to show contact details',
	edit: 'opened the edit form',
	conflict: 'was shown the current details after a conflicting edit'
} as const;
export type RevealPurpose = keyof typeof PURPOSE;

/**
 * The system's contact details for `actor`: unmasked (and audited, when there is anything to show)
 * for a role with 'contact:read', masked otherwise; undefined when the system is not the actor's
 * organisation's.
 */
export async function revealContact(
	actor: Actor,
	role: Role,
	systemId: number,
	purpose: RevealPurpose
): Promise<ContactFields | undefined> {
	return transaction(async (tx) => {
		const contact = await systems.getSystemContact(tx, actor.organisationId, systemId);
		if (!contact) return undefined;
		if (!can(role, 'contact:read')) return maskContact(contact);
		if (hasContact(contact))
			await recordAudit(tx, actor, {
				entity: 'system',
				entityId: systemId,
				action: 'contact-viewed',
				detail: PURPOSE[purpose]
			});
		return contact;
	});
}
