import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation } from './helpers';
import { flushAuditOutbox, sessionDb } from '$lib/server/db/database';
import * as auth from '$lib/server/services/auth';
import * as setup from '$lib/server/services/setup';
import * as userService from '$lib/server/services/users';
import * as audit from '$lib/server/repos/audit';
import * as sessions from '$lib/server/repos/sessions';
import { tokenHash } from '$lib/server/auth/crypto';

const from = { ip: '192.0.2.10', userAgent: 'test', requestId: 'req-1' };
const PASSWORD = 'correct horse battery staple';
let n = 0;

beforeAll(async () => {
	await startDatabase();
});

beforeEach(() => {
	delete process.env.SESSION_IDLE_MINUTES;
	delete process.env.SESSION_ABSOLUTE_HOURS;
});

async function makeUser(role: 'editor' | 'org_admin' = 'editor') {
	const o = await makeOrganisation();
	const email = `person${++n}@example.gov.uk`;
	const created = await userService.createUser(o.actor, {
		organisationId: o.org.id,
		email,
		displayName: `Person ${n}`,
		role,
		password: PASSWORD
	});
	if (!created.ok) throw new Error('could not create user');
	return { ...o, user: created.user, email };
}

describe('signing in', () => {
	it('gives a new random token at every sign-in and stores only its hash', async () => {
		const { email, user } = await makeUser();
		const first = await auth.signIn(email, PASSWORD, from);
		const second = await auth.signIn(`  ${email.toUpperCase()} `, PASSWORD, from);
		if (!first.ok || !second.ok) throw new Error('sign-in failed');
		expect(first.token).not.toBe(second.token);
		expect(Buffer.from(first.token, 'base64url').length).toBeGreaterThanOrEqual(16);
		expect(await sessions.getSession(sessionDb(), first.token)).toBeUndefined();
		expect((await sessions.getSession(sessionDb(), tokenHash(first.token)))?.userId).toBe(user.id);
		expect((await auth.resolveSession(first.token))?.user.id).toBe(user.id);
	});

	it('gives the same answer for an unknown email and a wrong password, and audits both', async () => {
		const { email, org } = await makeUser();
		const wrong = await auth.signIn(email, 'not the password at all', from);
		const unknown = await auth.signIn('nobody@example.gov.uk', PASSWORD, from);
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual({ ok: false, reason: 'invalid' });
		await flushAuditOutbox();
		const rows = await audit.listAudit(db(), org.id, { action: 'sign-in-failed' });
		expect(rows.rows[0]).toMatchObject({ actor: email, ip: from.ip, detail: 'wrong password' });
	});

	it('throttles an account after repeated failures, even with the right password', async () => {
		const { email } = await makeUser();
		const other = { ...from, ip: `198.51.100.${++n}` };
		for (let i = 0; i < 5; i++)
			expect((await auth.signIn(email, 'wrong password here', other)).ok).toBe(false);
		const result = await auth.signIn(email, PASSWORD, other);
		expect(result).toMatchObject({ ok: false, reason: 'throttled' });
		// Once the window has passed, the right password works again.
		const later = new Date(Date.now() + 16 * 60_000);
		expect((await auth.signIn(email, PASSWORD, other, later)).ok).toBe(true);
	});
});

describe('sessions', () => {
	it('ends on sign-out', async () => {
		const { email, user, org } = await makeUser();
		const s = await auth.signIn(email, PASSWORD, from);
		if (!s.ok) throw new Error('sign-in failed');
		await auth.signOut({ organisationId: org.id, userId: user.id, displayName: email }, s.token);
		expect(await auth.resolveSession(s.token)).toBeNull();
	});

	it('ends after the idle timeout and after the absolute lifetime', async () => {
		const { email } = await makeUser();
		const start = new Date();
		const s = await auth.signIn(email, PASSWORD, from, start);
		if (!s.ok) throw new Error('sign-in failed');
		process.env.SESSION_IDLE_MINUTES = '30';
		expect(
			await auth.resolveSession(s.token, new Date(start.getTime() + 29 * 60_000))
		).not.toBeNull();
		expect(
			await auth.resolveSession(s.token, new Date(start.getTime() + 29 * 60_000 + 31 * 60_000))
		).toBeNull();

		const kept = await auth.signIn(email, PASSWORD, from, start);
		if (!kept.ok) throw new Error('sign-in failed');
		// Active every 20 minutes, it still ends at the absolute lifetime (12 hours).
		let t = start.getTime();
		for (let i = 0; i < 35; i++) {
			t += 20 * 60_000;
			expect(await auth.resolveSession(kept.token, new Date(t))).not.toBeNull();
		}
		expect(
			await auth.resolveSession(kept.token, new Date(start.getTime() + 12 * 3_600_000 + 1000))
		).toBeNull();
	});

	it('ends every session at once when the user is disabled', async () => {
		const admin = await makeUser('org_admin');
		const created = await userService.createUser(admin.actor, {
			organisationId: admin.org.id,
			email: `staff${++n}@example.gov.uk`,
			displayName: 'Staff',
			role: 'viewer',
			password: PASSWORD
		});
		if (!created.ok) throw new Error('create failed');
		const a = await auth.signIn(created.user.email, PASSWORD, from);
		const b = await auth.signIn(created.user.email, PASSWORD, from);
		if (!a.ok || !b.ok) throw new Error('sign-in failed');
		await userService.setDisabled(
			{ ...admin.actor, organisationId: admin.org.id },
			'org_admin',
			created.user.id,
			true
		);
		expect(await auth.resolveSession(a.token)).toBeNull();
		expect(await auth.resolveSession(b.token)).toBeNull();
		expect(await auth.signIn(created.user.email, PASSWORD, from)).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});

	it('ends the other sessions on a password change and rotates this one', async () => {
		const { email, user, org } = await makeUser();
		const here = await auth.signIn(email, PASSWORD, from);
		const elsewhere = await auth.signIn(email, PASSWORD, from);
		if (!here.ok || !elsewhere.ok) throw new Error('sign-in failed');
		const actor = { organisationId: org.id, userId: user.id, displayName: email };
		expect(
			await userService.changeOwnPassword(
				actor,
				here.token,
				'wrong current one',
				'a brand new password'
			)
		).toEqual({ ok: false, reason: 'wrong-password' });
		const changed = await userService.changeOwnPassword(
			actor,
			here.token,
			PASSWORD,
			'a brand new password'
		);
		if (!changed.ok) throw new Error('change failed');
		expect(await auth.resolveSession(here.token)).toBeNull();
		expect(await auth.resolveSession(elsewhere.token)).toBeNull();
		expect((await auth.resolveSession(changed.token))?.user.id).toBe(user.id);
		expect((await auth.signIn(email, 'a brand new password', from)).ok).toBe(true);
	});

	it('never leaves an organisation without an administrator', async () => {
		const admin = await makeUser('org_admin');
		const result = await userService.changeRole(admin.actor, 'org_admin', admin.user.id, 'viewer');
		expect(result).toEqual({
			ok: false,
			reason: 'refused',
			message: 'The organisation must keep at least one active administrator'
		});
	});
});

describe('administrators cannot reach above their own role', () => {
	it("leaves a platform administrator's account alone when an organisation administrator tries to change it", async () => {
		const admin = await makeUser('org_admin');
		const created = await userService.createUser(admin.actor, {
			organisationId: admin.org.id,
			email: `root${++n}@example.gov.uk`,
			displayName: 'Root',
			role: 'platform_admin',
			password: PASSWORD
		});
		if (!created.ok) throw new Error('create failed');
		const forbidden = {
			ok: false,
			reason: 'forbidden',
			message: 'You cannot change this account'
		};
		expect(
			await userService.changeRole(admin.actor, 'org_admin', created.user.id, 'viewer')
		).toEqual(forbidden);
		expect(await userService.setDisabled(admin.actor, 'org_admin', created.user.id, true)).toEqual(
			forbidden
		);
		expect(
			await userService.changeRole(admin.actor, 'org_admin', admin.user.id, 'platform_admin')
		).toEqual(forbidden);
		// Each attempt is in the audit trail as access denied, written by the service itself.
		await flushAuditOutbox();
		const denied = await audit.listAudit(db(), admin.org.id, { action: 'access-denied' });
		expect(denied.rows.filter((r) => r.entity === 'user')).toHaveLength(3);
	});

	it('ends the sessions of someone whose role changes, and of a former platform administrator acting elsewhere', async () => {
		const admin = await makeUser('org_admin');
		const other = await makeOrganisation();
		const created = await userService.createUser(admin.actor, {
			organisationId: admin.org.id,
			email: `pa${++n}@example.gov.uk`,
			displayName: 'PA',
			role: 'platform_admin',
			password: PASSWORD
		});
		if (!created.ok) throw new Error('create failed');
		const s = await auth.signIn(created.user.email, PASSWORD, from);
		if (!s.ok) throw new Error('sign-in failed');
		const paActor = {
			organisationId: admin.org.id,
			userId: created.user.id,
			displayName: created.user.email
		};
		expect(await userService.actInOrganisation(paActor, s.token, other.org.id)).toBe(true);
		expect((await auth.resolveSession(s.token))?.organisation.id).toBe(other.org.id);
		// Demoted by another platform administrator: the session acting in the other organisation ends.
		expect(
			(await userService.changeRole(admin.actor, 'platform_admin', created.user.id, 'editor')).ok
		).toBe(true);
		expect(await auth.resolveSession(s.token)).toBeNull();
	});
});

describe('first-run setup', () => {
	it('issues a one-time link only while there are no users, usable once', async () => {
		// This file's database already has users, so no link is issued.
		expect(await setup.issueSetupTokenIfNoUsers()).toBeNull();
		expect(await setup.isSetupTokenValid('made-up-token')).toBe(false);
		const result = await setup.completeSetup(
			'made-up-token',
			{ email: 'root@example.gov.uk', displayName: 'Root', password: PASSWORD },
			from
		);
		expect(result).toEqual({ ok: false, reason: 'invalid-token' });
	});
});

describe('throttling under load', () => {
	it('counts attempts sent all at once against each other', async () => {
		const { email } = await makeUser();
		const address = { ...from, ip: `192.0.2.${200 + (++n % 50)}` };
		const results = await Promise.all(
			Array.from({ length: 12 }, () => auth.signIn(email, 'wrong password sent at once', address))
		);
		expect(results.filter((r) => !r.ok && r.reason === 'throttled').length).toBe(12 - 5);
	});
});
