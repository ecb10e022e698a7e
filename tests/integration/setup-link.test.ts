import { beforeAll, describe, expect, it } from 'vitest';
import { startDatabase, makeOrganisation } from './helpers';
import * as setup from '$lib/server/services/setup';

const from = { ip: '192.0.2.1', userAgent: 'test', requestId: 'r' };

beforeAll(async () => {
	await startDatabase();
	await makeOrganisation('Home Council');
});

describe('setup link on an empty deployment', () => {
	it('creates the first platform administrator once, then the link is dead', async () => {
		const token = await setup.issueSetupTokenIfNoUsers();
		expect(token).toBeTruthy();
		expect(await setup.isSetupTokenValid(token!)).toBe(true);
		const first = await setup.completeSetup(
			token!,
			{ email: 'Admin@Example.gov.uk', displayName: 'Admin', password: 'a long enough password' },
			from
		);
		expect(first).toMatchObject({
			ok: true,
			user: { email: 'admin@example.gov.uk', role: 'platform_admin' }
		});
		expect(await setup.isSetupTokenValid(token!)).toBe(false);
		const again = await setup.completeSetup(
			token!,
			{ email: 'second@example.gov.uk', displayName: 'Second', password: 'a long enough password' },
			from
		);
		expect(again).toEqual({ ok: false, reason: 'invalid-token' });
		expect(await setup.issueSetupTokenIfNoUsers()).toBeNull();
	});

	it('refuses an expired link', async () => {
		const past = new Date(Date.now() - 48 * 3_600_000);
		// Issued 48 hours ago with a 24-hour life (there are users now, so issue directly through the repo path).
		const { transaction } = await import('$lib/server/db/database');
		const setupTokens = await import('$lib/server/repos/setup-tokens');
		const { tokenHash } = await import('$lib/server/auth/crypto');
		await transaction((tx) =>
			setupTokens.insertSetupToken(
				tx,
				tokenHash('old-token'),
				new Date(past.getTime() + 24 * 3_600_000).toISOString()
			)
		);
		expect(await setup.isSetupTokenValid('old-token')).toBe(false);
	});
});
