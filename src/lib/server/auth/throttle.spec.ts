import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addressGapMs, decideAttempt, type ThrottleLimits } from './throttle';

const limits: ThrottleLimits = {
	idleMinutes: 30,
	absoluteHours: 12,
	maxFailuresPerAccountAndAddress: 5,
	maxFailuresPerAccount: 10,
	maxFailuresPerAddress: 20,
	addressDelayMaxSeconds: 30,
	knownAddressDays: 30,
	throttleMinutes: 15,
	setupLinkHours: 24
};
const NOW = Date.parse('2026-12-01T09:00:00Z');
const counts = fc.record({
	pair: fc.nat(50),
	account: fc.nat(50),
	address: fc.nat(500),
	known: fc.boolean(),
	lastAddressSlotMs: fc.option(fc.integer({ min: NOW - 3_600_000, max: NOW + 120_000 }), {
		nil: null
	})
});

describe('the address gap', () => {
	it.each([
		[0, 0],
		[19, 0],
		[20, 1000],
		[21, 2000],
		[24, 16_000],
		[25, 30_000],
		[10_000, 30_000]
	])('%i failures from an address: %i ms between attempts', (failures, gap) => {
		expect(addressGapMs(failures, limits)).toBe(gap);
	});

	it('never shrinks as failures grow and never passes the cap', () => {
		fc.assert(
			fc.property(fc.nat(10_000), (f) => {
				expect(addressGapMs(f, limits)).toBeLessThanOrEqual(addressGapMs(f + 1, limits));
				expect(addressGapMs(f + 1, limits)).toBeLessThanOrEqual(30_000);
			})
		);
	});
});

describe('deciding an attempt', () => {
	it('locks exactly when the pair or the account is over its limit, whatever the address', () => {
		fc.assert(
			fc.property(counts, (c) => {
				const d = decideAttempt({ ...c, account: Math.max(c.account, c.pair) }, limits, NOW);
				const locked = c.pair >= 5 || Math.max(c.account, c.pair) >= 10;
				expect(d.kind === 'locked').toBe(locked);
			})
		);
	});

	it('never makes an account that signed in from the address wait, however busy the address', () => {
		fc.assert(
			fc.property(counts, (c) => {
				const d = decideAttempt({ ...c, pair: 0, account: 0, known: true }, limits, NOW);
				expect(d).toEqual({ kind: 'go', atMs: NOW });
			})
		);
	});

	it('never locks for the address alone: it admits within the cap or says how many seconds to wait', () => {
		fc.assert(
			fc.property(counts, (c) => {
				const d = decideAttempt({ ...c, pair: 0, account: 0 }, limits, NOW);
				if (d.kind === 'go') {
					expect(d.atMs).toBeGreaterThanOrEqual(NOW);
					expect(d.atMs - NOW).toBeLessThanOrEqual(30_000);
				} else {
					expect(d.kind).toBe('busy');
					expect(d.kind === 'busy' && d.seconds).toBeGreaterThan(30);
				}
			})
		);
	});

	it("spaces an unknown account behind the address's latest attempt by the gap", () => {
		expect(
			decideAttempt(
				{ pair: 0, account: 0, address: 22, known: false, lastAddressSlotMs: NOW + 1000 },
				limits,
				NOW
			)
		).toEqual({ kind: 'go', atMs: NOW + 5000 });
		expect(
			decideAttempt(
				{ pair: 0, account: 0, address: 25, known: false, lastAddressSlotMs: NOW + 1000 },
				limits,
				NOW
			)
		).toEqual({ kind: 'busy', seconds: 31 });
		expect(
			decideAttempt(
				{ pair: 0, account: 0, address: 25, known: false, lastAddressSlotMs: NOW - 60_000 },
				limits,
				NOW
			)
		).toEqual({ kind: 'go', atMs: NOW });
	});
});
