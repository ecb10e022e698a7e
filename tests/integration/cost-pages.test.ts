/** The look-ups the cost and funding pages use to tell another organisation's record (a 404 that is audited) from a missing one. */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem } from './helpers';
import { organisationOfRecord } from '$lib/server/repos/access';
import * as costService from '$lib/server/services/cost-lines';
import * as fundingService from '$lib/server/services/funding';

beforeAll(async () => {
	await startDatabase();
});

describe('records of another organisation', () => {
	it('are found elsewhere only from another organisation, never from their own, and a missing id is nowhere', async () => {
		const home = await makeOrganisation();
		const other = await makeOrganisation();
		const system = await createSystem(home.actor);
		const created = await costService.createCostLine(
			home.actor,
			{ systemId: system.id, workstreamId: null },
			{
				financialYear: '2026/27',
				spendType: 'revenue',
				category: 'licence',
				amountPence: 1,
				confidence: 'estimate',
				fundingSourceId: null,
				description: ''
			}
		);
		const source = await fundingService.createFundingSource(home.actor, {
			name: 'Home grant',
			kind: 'grant',
			spendType: 'capital',
			allocations: []
		});
		if (!created.ok || !source.ok) throw new Error('could not set up the records');

		// The one access query names the holder, so a caller of `other` is told 404 and audited; a missing id has none.
		expect(await organisationOfRecord(db(), 'cost_line', created.line.id)).toBe(home.org.id);
		expect(await organisationOfRecord(db(), 'cost_line', 987_654_321)).toBeNull();
		expect(await organisationOfRecord(db(), 'funding_source', source.source.id)).toBe(home.org.id);
		expect(await organisationOfRecord(db(), 'funding_source', 987_654_321)).toBeNull();
		expect(other.org.id).not.toBe(home.org.id);
	});
});
