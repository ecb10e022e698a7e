/** Cost of outage inputs: a system's figures and the organisation's default cost per user-hour, audited. */
import { transaction } from '../db/database';
import * as outage from '../repos/outage';
import * as systems from '../repos/systems';
import { recordAudit } from '../repos/audit';
import type { Actor } from './actor';
import { MAX_COST_PER_USER_HOUR_PENCE, type OutageFormInput } from '$lib/domain/systems';
import type { ServiceResult } from './result';

export type SetOutageResult = ServiceResult<
	{ system: NonNullable<Awaited<ReturnType<typeof outage.setSystemOutage>>> },
	systems.SystemDetail
>;

const inputsOf = (
	s: Pick<systems.SystemRow, 'concurrentUsers' | 'outageMinutesPerYear' | 'costPerUserHourPence'>
) => ({
	concurrentUsers: s.concurrentUsers,
	outageMinutesPerYear: s.outageMinutesPerYear,
	costPerUserHourPence: s.costPerUserHourPence
});

/** Records a system's outage figures (null clears them), from the system's `expectedVersion`. */
export async function setSystemOutage(
	actor: Actor,
	systemId: number,
	expectedVersion: number,
	input: OutageFormInput | null
): Promise<SetOutageResult> {
	return transaction(async (tx): Promise<SetOutageResult> => {
		const before = await systems.getSystem(tx, actor.organisationId, systemId);
		if (!before) return { ok: false, reason: 'not-found' };
		const saved = await outage.setSystemOutage(
			tx,
			actor.organisationId,
			systemId,
			expectedVersion,
			input
		);
		if (!saved) return { ok: false, reason: 'conflict', current: before };
		await recordAudit(tx, actor, {
			entity: 'system',
			entityId: systemId,
			action: 'set-outage',
			before: inputsOf(before),
			after: inputsOf(saved)
		});
		return { ok: true, system: saved };
	});
}

/**
 * Sets the organisation's default cost per user-hour (whole pence, more than 0) and how it was
 * worked out, e.g. from domain costPerUserHourPence or costPerUserHourFromHourlyLoss.
 */
export async function setOutageDefault(actor: Actor, value: outage.OutageDefault): Promise<void> {
	if (
		!Number.isSafeInteger(value.costPerUserHourPence) ||
		value.costPerUserHourPence <= 0 ||
		value.costPerUserHourPence > MAX_COST_PER_USER_HOUR_PENCE
	) {
		throw new RangeError(
			`a cost per user-hour is whole pence above 0, at most £1,000: ${value.costPerUserHourPence}`
		);
	}
	await transaction(async (tx) => {
		const before = await outage.getOutageDefault(tx, actor.organisationId);
		await outage.setOutageDefault(tx, actor.organisationId, value);
		await recordAudit(tx, actor, {
			entity: 'organisation',
			entityId: actor.organisationId,
			action: 'set-outage-default',
			before,
			after: value
		});
	});
}
