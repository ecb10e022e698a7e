/**
 * An organisation administrator cannot tell whether an email has an account in another
 * organisation: creating it answers exactly as for a new email (the same person may hold an
 * account in each partner), and sign-in picks the account the password opens.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation } from './helpers';
import { flushAuditOutbox } from '$lib/server/db/database';
import * as auth from '$lib/server/services/auth';
import * as userService from '$lib/server/services/users';
import * as users from '$lib/server/repos/users';
import * as audit from '$lib/server/repos/audit';

const from = { ip: '192.0.2.90', userAgent: 'test', requestId: 'per-org' };
let n = 0;

beforeAll(async () => {
	await startDatabase();
});

const input = (organisationId: number, email: string, password: string) => ({
	organisationId,
	email,
	displayName: 'Shared Officer',
	role: 'editor' as const,
	password
});
/** What the administrator's page sees of a result: whether it worked and why not, without ids. */
const seen = (r: Awaited<ReturnType<typeof userService.createUser>>) =>
	r.ok ? { ok: true, email: r.user.email, role: r.user.role, disabledAt: r.user.disabledAt } : r;

describe('creating a user whose email is used in another organisation', () => {
	it('answers exactly as for an unused email, and lists the account like any other', async () => {
		const [home, partner] = [await makeOrganisation(), await makeOrganisation()];
		const shared = `shared${++n}@example.gov.uk`;
		const fresh = `fresh${n}@example.gov.uk`;
		expect(
			(
				await userService.createUser(
					partner.actor,
					input(partner.org.id, shared, 'partner password one')
				)
			).ok
		).toBe(true);

		const taken = await userService.createUser(
			home.actor,
			input(home.org.id, shared.toUpperCase(), 'home password two')
		);
		const unused = await userService.createUser(
			home.actor,
			input(home.org.id, fresh, 'home password two')
		);
		expect(seen(taken)).toEqual({ ...seen(unused), email: shared });
		expect((await users.listUsers(db(), home.org.id)).map((u) => u.email).sort()).toEqual([
			fresh,
			shared
		]);
		// The partner's records are untouched, and its administrator sees only its own account.
		expect((await users.listUsers(db(), partner.org.id)).map((u) => u.email)).toEqual([shared]);
	});

	it('refuses an email already used in the same organisation (which its administrator can see anyway)', async () => {
		const home = await makeOrganisation();
		const email = `twice${++n}@example.gov.uk`;
		expect(
			(await userService.createUser(home.actor, input(home.org.id, email, 'first password here')))
				.ok
		).toBe(true);
		expect(
			await userService.createUser(
				home.actor,
				input(home.org.id, ` ${email.toUpperCase()}`, 'second password here')
			)
		).toEqual({ ok: false, reason: 'email-taken' });
	});
});

describe('signing in with an email that has accounts in two organisations', () => {
	it('signs in to the account the password opens, and audits failures in each organisation', async () => {
		const [home, partner] = [await makeOrganisation(), await makeOrganisation()];
		const email = `two.hats${++n}@example.gov.uk`;
		const inPartner = await userService.createUser(
			partner.actor,
			input(partner.org.id, email, 'the partner password')
		);
		const inHome = await userService.createUser(
			home.actor,
			input(home.org.id, email, 'the home council password')
		);
		if (!inPartner.ok || !inHome.ok) throw new Error('create failed');

		const asHome = await auth.signIn(email, 'the home council password', from);
		const asPartner = await auth.signIn(email, 'the partner password', from);
		expect(asHome.ok && asHome.user.id).toBe(inHome.user.id);
		expect(asPartner.ok && asPartner.user.id).toBe(inPartner.user.id);
		if (!asHome.ok) throw new Error('sign-in failed');
		expect((await auth.resolveSession(asHome.token))?.organisation.id).toBe(home.org.id);

		expect(await auth.signIn(email, 'neither of the two', from)).toEqual({
			ok: false,
			reason: 'invalid'
		});
		await flushAuditOutbox();
		for (const [org, user] of [
			[home.org.id, inHome.user.id],
			[partner.org.id, inPartner.user.id]
		] as const) {
			const failed = (await audit.listAudit(db(), org, { action: 'sign-in-failed' })).rows;
			expect(failed.map((r) => [r.userId, r.detail])).toEqual([[user, 'wrong password']]);
		}
	});

	it('with the same password in both, signs in to the older account; a disabled account is never chosen', async () => {
		const [first, second] = [await makeOrganisation(), await makeOrganisation()];
		const email = `same.password${++n}@example.gov.uk`;
		const older = await userService.createUser(
			first.actor,
			input(first.org.id, email, 'one password for both')
		);
		const newer = await userService.createUser(
			second.actor,
			input(second.org.id, email, 'one password for both')
		);
		if (!older.ok || !newer.ok) throw new Error('create failed');
		const signedIn = await auth.signIn(email, 'one password for both', from);
		expect(signedIn.ok && signedIn.user.id).toBe(older.user.id);
		await users.updateUser(db(), first.org.id, older.user.id, {
			disabledAt: new Date().toISOString()
		});
		const again = await auth.signIn(email, 'one password for both', from);
		expect(again.ok && again.user.id).toBe(newer.user.id);
	});
});
