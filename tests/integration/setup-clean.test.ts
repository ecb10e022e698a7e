import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase } from './helpers';
import * as setup from '$lib/server/services/setup';
import * as organisations from '$lib/server/repos/organisations';

const from = { ip: '192.0.2.1', userAgent: 'test', requestId: 'r' };

beforeAll(async () => {
	await startDatabase(); // no organisation at all: a clean start with SEED_DEMO=false
});

describe('setup on a clean deployment', () => {
	it('needs the organisation name, then creates it with the first platform administrator', async () => {
		expect(await setup.needsFirstOrganisation()).toBe(true);
		const token = await setup.issueSetupTokenIfNoUsers();
		expect(token).toBeTruthy();
		const refused = await setup.completeSetup(
			token!,
			{ email: 'admin@example.gov.uk', displayName: 'Admin', password: 'a long enough password' },
			from
		);
		expect(refused).toEqual({ ok: false, reason: 'no-organisation' });
		// The refusal rolled back, so the same link still works.
		const done = await setup.completeSetup(
			token!,
			{
				email: 'admin@example.gov.uk',
				displayName: 'Admin',
				password: 'a long enough password',
				organisationName: 'Westshire Fire & Rescue'
			},
			from
		);
		expect(done).toMatchObject({ ok: true, user: { role: 'platform_admin' } });
		const [org] = await organisations.listOrganisations(db());
		expect(org).toMatchObject({ name: 'Westshire Fire & Rescue', slug: 'westshire-fire-rescue' });
		expect(await setup.needsFirstOrganisation()).toBe(false);
	});
});
