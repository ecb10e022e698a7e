/**
 * The session database is pruned at start and then hourly: ended sessions, throttling records past
 * their window and sign-in addresses not used for SIGN_IN_KNOWN_ADDRESS_DAYS go; live ones stay.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inArray } from 'drizzle-orm';
import { startDatabase } from './helpers';
import { sessionDb, sessionTransaction } from '$lib/server/db/database';
import { authFailure, authSession, knownAddress } from '$lib/server/db/session-schema';
import { authConfig } from '$lib/server/auth/config';
import {
	PRUNE_EVERY_MS,
	pruneSessionRecords,
	schedulePruning
} from '$lib/server/services/session-pruning';

beforeAll(async () => {
	await startDatabase();
});

afterEach(() => {
	vi.useRealTimers();
});

const NOW = new Date('2031-06-01T12:00:00.000Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

function session(tokenHash: string, lastSeenAt: string, expiresAt: string) {
	return {
		tokenHash,
		userId: 1,
		actingOrganisationId: 1,
		createdAt: ago(600),
		lastSeenAt,
		expiresAt
	};
}

describe('pruning the session database', () => {
	it('deletes ended sessions, old failures and stale known addresses, and keeps the rest', async () => {
		const config = authConfig();
		const tag = `prune-${Math.random().toString(36).slice(2)}`;
		const hashes = { live: `${tag}-live`, idle: `${tag}-idle`, expired: `${tag}-expired` };
		await sessionTransaction(async (tx) => {
			await tx
				.insert(authSession)
				.values([
					session(hashes.live, ago(1), later(60)),
					session(hashes.idle, ago(config.idleMinutes + 1), later(60)),
					session(hashes.expired, ago(1), ago(0))
				]);
			await tx.insert(authFailure).values([
				{
					kind: 'sign-in',
					account: `${tag}-recent`,
					ip: '192.0.2.1',
					at: ago(config.throttleMinutes)
				},
				{
					kind: 'sign-in',
					account: `${tag}-old`,
					ip: '192.0.2.1',
					at: ago(config.throttleMinutes + 61)
				}
			]);
			await tx.insert(knownAddress).values([
				{ account: `${tag}-recent`, ip: '192.0.2.1', lastSuccessAt: ago(1440) },
				{
					account: `${tag}-old`,
					ip: '192.0.2.1',
					lastSuccessAt: ago((config.knownAddressDays + 1) * 1440)
				}
			]);
		});

		const pruned = await pruneSessionRecords(NOW);

		// Other tests' rows may be pruned too (they use the real clock): at least ours went.
		expect(pruned.sessions).toBeGreaterThanOrEqual(2);
		expect(pruned.failures).toBeGreaterThanOrEqual(1);
		expect(pruned.knownAddresses).toBeGreaterThanOrEqual(1);
		const sessionsLeft = await sessionDb()
			.select({ t: authSession.tokenHash })
			.from(authSession)
			.where(inArray(authSession.tokenHash, Object.values(hashes)));
		expect(sessionsLeft.map((r) => r.t)).toEqual([hashes.live]);
		const accounts = [`${tag}-recent`, `${tag}-old`];
		const failuresLeft = await sessionDb()
			.select({ a: authFailure.account })
			.from(authFailure)
			.where(inArray(authFailure.account, accounts));
		expect(failuresLeft.map((r) => r.a)).toEqual([`${tag}-recent`]);
		const knownLeft = await sessionDb()
			.select({ a: knownAddress.account })
			.from(knownAddress)
			.where(inArray(knownAddress.account, accounts));
		expect(knownLeft.map((r) => r.a)).toEqual([`${tag}-recent`]);
	});

	it('runs at start, then at most once an hour, and stops when asked', async () => {
		vi.useFakeTimers();
		const prune = vi.fn(() => Promise.resolve());
		const stop = schedulePruning(prune);
		expect(prune).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(PRUNE_EVERY_MS - 1);
		expect(prune).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(prune).toHaveBeenCalledTimes(2);
		stop();
		await vi.advanceTimersByTimeAsync(3 * PRUNE_EVERY_MS);
		expect(prune).toHaveBeenCalledTimes(2);
		expect(PRUNE_EVERY_MS).toBe(3_600_000);
	});

	it('never starts a second run while one is still going, and keeps going after a failure', async () => {
		vi.useFakeTimers();
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		let finish!: () => void;
		const prune = vi
			.fn<() => Promise<void>>()
			.mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve)))
			.mockImplementationOnce(() => Promise.reject(new Error('session database unreachable')))
			.mockImplementation(() => Promise.resolve());
		const stop = schedulePruning(prune, 1000);
		await vi.advanceTimersByTimeAsync(1000);
		expect(prune).toHaveBeenCalledTimes(1);
		finish();
		await vi.advanceTimersByTimeAsync(1000);
		expect(prune).toHaveBeenCalledTimes(2);
		expect(errors).toHaveBeenCalledWith('could not prune old sessions', expect.any(Error));
		await vi.advanceTimersByTimeAsync(1000);
		expect(prune).toHaveBeenCalledTimes(3);
		stop();
		errors.mockRestore();
	});
});
