/** Viewing a named person's contact details is itself audited (who looked, at which record, when). */
import { transaction } from '../database';
import { recordAudit } from '../repos/audit';
import type { Actor } from './actor';

export async function recordContactView(actor: Actor, systemId: number, purpose: 'view' | 'edit'): Promise<void> {
	await transaction((tx) => recordAudit(tx, actor, { entity: 'system', entityId: systemId, action: 'contact-viewed', detail: purpose === 'edit' ? 'opened the edit form' : 'asked to show contact details' }));
}
