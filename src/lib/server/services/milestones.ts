/** Milestones: each change in one transaction with its audit row, with the same version checks as systems. */
import { transaction } from '../db/database';
import * as milestones from '../repos/milestones';
import * as systems from '../repos/systems';
import * as workstreams from '../repos/workstreams';
import { recordAudit } from '../repos/audit';
import type { Actor } from './actor';
import type { MilestoneInput } from '$lib/domain/milestones';
import type { Outcome } from '$lib/domain/systems';
import type { ServiceResult } from './result';

/** A workstream's milestone (`workstreamId`) or a system's (`systemId`, optionally for one outcome). */
export type MilestoneTarget =
	{ workstreamId: number } | { systemId: number; outcome?: Outcome | null };

export type MilestoneResult = ServiceResult<
	{ milestone: milestones.MilestoneRow },
	milestones.MilestoneRow
>;

function auditable(m: milestones.MilestoneRow): Record<string, unknown> {
	const {
		createdAt: _c,
		updatedAt: _u,
		version: _v,
		organisationId: _o,
		archivedAt: _a,
		...fields
	} = m;
	return fields;
}

export async function createMilestone(
	actor: Actor,
	target: MilestoneTarget,
	input: MilestoneInput
): Promise<MilestoneResult> {
	return transaction(async (tx): Promise<MilestoneResult> => {
		let attachment: milestones.MilestoneAttachment;
		if ('workstreamId' in target) {
			if (!(await workstreams.getWorkstream(tx, actor.organisationId, target.workstreamId)))
				return { ok: false, reason: 'not-found' };
			attachment = { workstreamId: target.workstreamId, systemId: null, outcome: null };
		} else {
			if (!(await systems.getSystem(tx, actor.organisationId, target.systemId)))
				return { ok: false, reason: 'not-found' };
			attachment = {
				workstreamId: null,
				systemId: target.systemId,
				outcome: target.outcome ?? null
			};
		}
		const saved = await milestones.insertMilestone(tx, actor.organisationId, attachment, input);
		await recordAudit(tx, actor, {
			entity: 'milestone',
			entityId: saved.id,
			action: 'create',
			after: auditable(saved)
		});
		return { ok: true, milestone: saved };
	});
}

/** Saves new dates or a note made from `expectedVersion`; nothing is written if it moved on. */
export async function updateMilestone(
	actor: Actor,
	id: number,
	expectedVersion: number,
	input: MilestoneInput
): Promise<MilestoneResult> {
	return transaction(async (tx): Promise<MilestoneResult> => {
		const before = await milestones.getMilestone(tx, actor.organisationId, id);
		if (!before) return { ok: false, reason: 'not-found' };
		const saved = await milestones.updateMilestone(
			tx,
			actor.organisationId,
			id,
			expectedVersion,
			input
		);
		if (!saved) return { ok: false, reason: 'conflict', current: before };
		const was: Record<string, unknown> = {};
		const now: Record<string, unknown> = {};
		const a = auditable(before);
		const b = auditable(saved);
		for (const key of Object.keys(b))
			if (a[key] !== b[key]) [was[key], now[key]] = [a[key], b[key]];
		await recordAudit(tx, actor, {
			entity: 'milestone',
			entityId: id,
			action: 'update',
			before: was,
			after: now
		});
		return { ok: true, milestone: saved };
	});
}

export async function archiveMilestone(
	actor: Actor,
	id: number,
	expectedVersion: number
): Promise<MilestoneResult> {
	return transaction(async (tx): Promise<MilestoneResult> => {
		const before = await milestones.getMilestone(tx, actor.organisationId, id);
		if (!before) return { ok: false, reason: 'not-found' };
		const archived = await milestones.archiveMilestone(
			tx,
			actor.organisationId,
			id,
			expectedVersion
		);
		if (!archived) return { ok: false, reason: 'conflict', current: before };
		await recordAudit(tx, actor, {
			entity: 'milestone',
			entityId: id,
			action: 'archive',
			before: auditable(before)
		});
		return { ok: true, milestone: archived };
	});
}
