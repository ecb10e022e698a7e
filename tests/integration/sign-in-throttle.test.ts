/**
 * The throttling rules against a real session database: an account is locked per address and in
 * total; an address is slowed, never locked, and colleagues sharing it still get in; the current
 * password on /account/password and the setup link are throttled too. Every refusal is audited.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, startDatabase, makeOrganisation } from './helpers';
import { flushAuditOutbox } from '$lib/server/db/database';
import { auditEvent } from '$lib/server/db/schema';
import * as auth from '$lib/server/services/auth';
import * as setup from '$lib/server/services/setup';
import * as userService from '$lib/server/services/users';

const PASSWORD = 'correct horse battery staple';
let n = 0;
const at = (ip: string) => ({ ip, userAgent: 'test', requestId: `req-${++n}` });
const address = () => `198.18.${Math.floor(++n / 250)}.${n % 250}`;

beforeAll(async () => {
	await startDatabase();
});

beforeEach(() => {
	for (const name of ['SIGN_IN_ADDRESS_DELAY_MAX_SECONDS', 'SIGN_IN_MAX_FAILURES_PER_ADDRESS'])
		delete process.env[name];
});

async function makeUser(role: 'editor' | 'org_admin' = 'editor') {
	const o = await makeOrganisation();
	const email = `colleague${++n}@example.gov.uk`;
	const created = await userService.createUser(o.actor, {
		organisationId: o.org.id,
		email,
		displayName: `Colleague ${n}`,
		role,
		password: PASSWORD
	});
	if (!created.ok) throw new Error('could not create user');
	return { ...o, user: created.user, email };
}

async function auditActions(action: string, userId?: number) {
	await flushAuditOutbox();
	const rows = await db().select().from(auditEvent).where(eq(auditEvent.action, action));
	return userId === undefined ? rows : rows.filter((r) => r.userId === userId);
}

describe('an address shared by a whole council is slowed, never locked', () => {
	it('lets colleague X at address A sign in while an attacker has 100 failures from A', async () => {
		process.env.SIGN_IN_ADDRESS_DELAY_MAX_SECONDS = '0.02';
		const proxy = address();
		const x = await makeUser();
		expect((await auth.signIn(x.email, PASSWORD, at(proxy))).ok).toBe(true); // X works here every day
		const newStarter = await makeUser(); // never signed in from A before

		let refused = 0;
		for (let i = 0; i < 100; i++) {
			const result = await auth.signIn(`sprayed${i}-${n}@example.gov.uk`, 'Winter2026!', at(proxy));
			expect(result.ok).toBe(false);
			if (!result.ok && result.reason === 'throttled') refused++;
		}
		expect(refused).toBe(0); // one at a time, the attacker is slowed, not refused

		expect((await auth.signIn(x.email, PASSWORD, at(proxy))).ok).toBe(true);
		expect((await auth.signIn(newStarter.email, PASSWORD, at(proxy))).ok).toBe(true);
	}, 60_000);

	it("spaces a busy address's attempts with a growing gap and refuses what would wait past the cap", async () => {
		process.env.SIGN_IN_MAX_FAILURES_PER_ADDRESS = '3';
		process.env.SIGN_IN_ADDRESS_DELAY_MAX_SECONDS = '1';
		const proxy = address();
		const colleague = await makeUser();
		// The third failure's slot is taken when it is admitted (before its password check), and the
		// next attempt's turn is one gap (1 s) after that slot: so it ends at least 1 s after the third began.
		let thirdBegan = 0;
		for (let i = 0; i < 3; i++) {
			thirdBegan = Date.now();
			await auth.signIn(`nobody${i}-${n}@example.gov.uk`, 'guess one', at(proxy));
		}
		expect((await auth.signIn(colleague.email, PASSWORD, at(proxy))).ok).toBe(true); // waited its turn
		expect(Date.now() - thirdBegan).toBeGreaterThanOrEqual(990);

		// Sent all at once, the attempts queue one gap apart; those past the cap are refused at once.
		const burst = await Promise.all(
			Array.from({ length: 6 }, (_, i) =>
				auth.signIn(`burst${i}-${n}@example.gov.uk`, 'guess two', at(proxy))
			)
		);
		const busy = burst.filter((r) => !r.ok && r.reason === 'throttled');
		expect(busy.length).toBeGreaterThanOrEqual(4);
		for (const r of busy)
			if (!r.ok && r.reason === 'throttled')
				expect(r.message).toMatch(
					/^Too many failed attempts to sign in from your network\. Wait \d+ seconds?, then try again\.$/
				);
		expect(
			(await auditActions('sign-in-throttled')).some(
				(r) => r.ip === proxy && r.detail === 'address slowed'
			)
		).toBe(true);

		// The colleague has signed in from here, so is not slowed by it at all.
		const again = Date.now();
		expect((await auth.signIn(colleague.email, PASSWORD, at(proxy))).ok).toBe(true);
		expect(Date.now() - again).toBeLessThan(900);
	});
});

describe('an account under attack is locked', () => {
	it("locks the account at the attacking address (the pair), but not at the owner's", async () => {
		const victim = await makeUser();
		const [attacker, office] = [address(), address()];
		for (let i = 0; i < 5; i++)
			expect(await auth.signIn(victim.email, `guess number ${i}`, at(attacker))).toEqual({
				ok: false,
				reason: 'invalid'
			});
		const locked = await auth.signIn(victim.email, PASSWORD, at(attacker));
		expect(locked).toMatchObject({
			ok: false,
			reason: 'throttled',
			message: 'Too many failed attempts to sign in. Wait 15 minutes, then try again.'
		});
		expect((await auth.signIn(victim.email, PASSWORD, at(office))).ok).toBe(true);
		const rows = await auditActions('sign-in-throttled', victim.user.id);
		expect(rows.map((r) => [r.ip, r.detail, r.organisationId])).toContainEqual([
			attacker,
			'account from this address',
			victim.org.id
		]);
	});

	it('locks the account everywhere after failures spread over many addresses, then lets it in after the window', async () => {
		const victim = await makeUser();
		for (let i = 0; i < 10; i++)
			await auth.signIn(victim.email, `spread guess ${i}`, at(address()));
		expect(await auth.signIn(victim.email, PASSWORD, at(address()))).toMatchObject({
			ok: false,
			reason: 'throttled'
		});
		expect(
			(await auth.signIn(victim.email, PASSWORD, at(address()), new Date(Date.now() + 16 * 60_000)))
				.ok
		).toBe(true);
	});

	it("takes back the owner's typing slips at an address once they sign in there", async () => {
		const owner = await makeUser();
		const desk = address();
		for (let i = 0; i < 4; i++) await auth.signIn(owner.email, `typo ${i}`, at(desk));
		expect((await auth.signIn(owner.email, PASSWORD, at(desk))).ok).toBe(true);
		// The slips were taken back by the success: four more are allowed before the pair locks.
		for (let i = 0; i < 4; i++) await auth.signIn(owner.email, `typo again ${i}`, at(desk));
		expect((await auth.signIn(owner.email, PASSWORD, at(desk))).ok).toBe(true);
	});
});

describe('other checks of a secret are throttled too', () => {
	it('refuses the current-password check on /account/password after five wrong ones, even the right one, and audits it', async () => {
		const { email, user, org } = await makeUser();
		const s = await auth.signIn(email, PASSWORD, at(address()));
		if (!s.ok) throw new Error('sign-in failed');
		const actor = { organisationId: org.id, userId: user.id, displayName: email, ip: address() };
		for (let i = 0; i < 5; i++)
			expect(
				await userService.changeOwnPassword(
					actor,
					s.token,
					`wrong current ${i}`,
					'a brand new password'
				)
			).toEqual({ ok: false, reason: 'wrong-password' });
		const refused = await userService.changeOwnPassword(
			{ ...actor, ip: address() },
			s.token,
			PASSWORD,
			'a brand new password'
		);
		expect(refused).toEqual({
			ok: false,
			reason: 'throttled',
			message: 'Too many wrong passwords. Wait 15 minutes, then try again.'
		});
		expect(await auth.resolveSession(s.token)).not.toBeNull(); // nothing changed
		expect((await auditActions('password-change-failed', user.id)).length).toBe(5);
		expect(
			(await auditActions('password-change-throttled', user.id)).map((r) => r.organisationId)
		).toEqual([org.id]);
		const later = await userService.changeOwnPassword(
			actor,
			s.token,
			PASSWORD,
			'a brand new password',
			new Date(Date.now() + 16 * 60_000)
		);
		expect(later.ok).toBe(true);
	});

	it('refuses setup-link checks from an address after five wrong tokens, auditing each', async () => {
		const from = at(address());
		for (let i = 0; i < 5; i++)
			expect(await setup.checkSetupLink(`guessed-token-${i}`, from)).toEqual({
				ok: false,
				reason: 'invalid'
			});
		expect(await setup.checkSetupLink('guessed-token-6', from)).toEqual({
			ok: false,
			reason: 'throttled',
			message: 'Too many failed attempts to use a setup link. Wait 15 minutes, then try again.'
		});
		expect((await auditActions('setup-link-refused')).filter((r) => r.ip === from.ip).length).toBe(
			5
		);
		expect(
			(await auditActions('setup-link-throttled')).filter((r) => r.ip === from.ip).length
		).toBe(1);
		expect(await setup.checkSetupLink('guessed-token-7', at(address()))).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});
});
