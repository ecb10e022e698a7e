/** Linking systems to workstreams. Both ends must belong to the actor's organisation. */
import { transaction } from '../database';
import * as systems from '../repos/systems';
import * as workstreams from '../repos/workstreams';
import { recordAudit } from '../repos/audit';
import type { Actor } from './actor';

export type LinkResult = { ok: true } | { ok: false; reason: 'not-found' };

export async function linkSystemToWorkstream(actor: Actor, workstreamId: number, systemId: number, note: string): Promise<LinkResult> {
	return transaction(async (tx): Promise<LinkResult> => {
		const [ws, sys] = [await workstreams.getWorkstream(tx, actor.organisationId, workstreamId), await systems.getSystem(tx, actor.organisationId, systemId)];
		if (!ws || !sys) return { ok: false, reason: 'not-found' };
		await workstreams.linkSystem(tx, actor.organisationId, workstreamId, systemId, note);
		await recordAudit(tx, actor, { entity: 'system', entityId: systemId, action: 'link-workstream', after: { workstream: ws.name, note } });
		return { ok: true };
	});
}

export async function unlinkSystemFromWorkstream(actor: Actor, workstreamId: number, systemId: number): Promise<LinkResult> {
	return transaction(async (tx): Promise<LinkResult> => {
		const ws = await workstreams.getWorkstream(tx, actor.organisationId, workstreamId);
		const removed = ws && (await workstreams.unlinkSystem(tx, actor.organisationId, workstreamId, systemId));
		if (!removed) return { ok: false, reason: 'not-found' };
		await recordAudit(tx, actor, { entity: 'system', entityId: systemId, action: 'unlink-workstream', before: { workstream: ws.name } });
		return { ok: true };
	});
}
