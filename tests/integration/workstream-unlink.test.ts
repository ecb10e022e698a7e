/**
 * Unlinking a system from a workstream answers the one ServiceResult: a review outcome that names the
 * workstream makes an unconfirmed unlink a conflict carrying those outcomes (nothing changed), and a
 * confirmation of other outcomes than those named now is the same conflict.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem, expectOk } from './helpers';
import * as reviewService from '$lib/server/services/reviews';
import * as workstreamService from '$lib/server/services/workstreams';
import * as workstreams from '$lib/server/repos/workstreams';

beforeAll(async () => {
	await startDatabase();
});

async function linkedWithOutcome() {
	const o = await makeOrganisation();
	const system = await createSystem(o.actor);
	expectOk(
		await workstreamService.linkSystemToWorkstream(o.actor, o.integration.id, system.id, '')
	);
	const { review } = expectOk(
		await reviewService.recordReview(o.actor, system.id, null, {
			reviewedOn: '2026-11-14',
			reviewer: 'Strategy group',
			summary: '',
			outcomes: [
				{
					outcome: 'replace',
					rationale: 'Into the hub',
					status: 'agreed',
					targetDate: '2028-03-31',
					workstreamId: o.integration.id
				}
			]
		})
	);
	return { o, system, review };
}

const linkedIds = async (organisationId: number, systemId: number) =>
	(await workstreams.listWorkstreamsOfSystem(db(), organisationId, systemId)).map((w) => w.id);

describe('unlinking a system an outcome names', () => {
	it('is a conflict carrying the outcomes until exactly those are confirmed, then reopens them', async () => {
		const { o, system } = await linkedWithOutcome();
		const unconfirmed = await workstreamService.unlinkSystemFromWorkstream(
			o.actor,
			o.integration.id,
			system.id
		);
		expect(unconfirmed).toMatchObject({
			ok: false,
			reason: 'conflict',
			current: { outcomes: [{ outcome: 'replace', status: 'agreed' }] }
		});
		expect(await linkedIds(o.org.id, system.id)).toContain(o.integration.id);

		const named = !unconfirmed.ok && unconfirmed.reason === 'conflict' ? unconfirmed.current : null;
		const ids = named!.outcomes.map((n) => n.id);
		// Confirming other outcomes than those named now changes nothing either.
		expect(
			await workstreamService.unlinkSystemFromWorkstream(o.actor, o.integration.id, system.id, [
				ids[0]! + 1000
			])
		).toMatchObject({ ok: false, reason: 'conflict' });
		expect(await linkedIds(o.org.id, system.id)).toContain(o.integration.id);

		const done = expectOk(
			await workstreamService.unlinkSystemFromWorkstream(o.actor, o.integration.id, system.id, ids)
		);
		expect(done.reopened.map((r) => r.id)).toEqual(ids);
		expect(await linkedIds(o.org.id, system.id)).not.toContain(o.integration.id);
	});

	it("is not found for another organisation's workstream, and changes nothing", async () => {
		const { o, system } = await linkedWithOutcome();
		const other = await makeOrganisation();
		expect(
			await workstreamService.unlinkSystemFromWorkstream(other.actor, o.integration.id, system.id)
		).toEqual({ ok: false, reason: 'not-found' });
		expect(await linkedIds(o.org.id, system.id)).toContain(o.integration.id);
	});
});
