/** The look-ups the cost and funding pages use to tell another organisation's record (a 404 that is audited) from a missing one. */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem } from './helpers';
import * as costLines from '$lib/server/repos/cost-lines';
import * as funding from '$lib/server/repos/funding';
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
		const created = await costService.createCostLine(home.actor, { systemId: system.id, workstreamId: null }, { financialYear: '2026/27', spendType: 'revenue', category: 'licence', amountPence: 1, confidence: 'estimate', fundingSourceId: null, description: '' });
		const source = await fundingService.createFundingSource(home.actor, { name: 'Home grant', kind: 'grant', spendType: 'capital', allocations: [] });
		if (!created.ok || !source.ok) throw new Error('could not set up the records');

		expect(await costLines.costLineExistsElsewhere(db(), other.org.id, created.line.id)).toBe(true);
		expect(await costLines.costLineExistsElsewhere(db(), home.org.id, created.line.id)).toBe(false);
		expect(await costLines.costLineExistsElsewhere(db(), other.org.id, 987_654_321)).toBe(false);
		expect(await funding.fundingSourceExistsElsewhere(db(), other.org.id, source.source.id)).toBe(true);
		expect(await funding.fundingSourceExistsElsewhere(db(), home.org.id, source.source.id)).toBe(false);
		expect(await funding.fundingSourceExistsElsewhere(db(), other.org.id, 987_654_321)).toBe(false);
	});
});
