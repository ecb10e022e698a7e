/**
 * The throttling rules for checking a secret, as pure arithmetic over counts read in one queued
 * write (services/auth.ts), so they can be tested on their own.
 *
 * Why not lock an address: a council's staff reach the service through one proxy, so twenty wrong
 * passwords from a single attacker (or a few forgetful colleagues) would lock the whole council out.
 * Instead:
 *  - an account from one address is locked after a few failures (a guesser on one account stops);
 *  - an account from all addresses together is locked after a few more (a spread-out guesser stops);
 *  - an address is never locked. Past a budget of failures it is slowed: its attempts are spaced
 *    out, one slot after another, with a gap that doubles per further failure up to a cap, and an
 *    attempt that would wait longer than the cap is refused at once (a flood cannot queue up work).
 *    The gap is a timer, not work: nothing holds the event loop. Spraying one password across many
 *    accounts from one address is limited to about one try per cap.
 *  - an account that signed in successfully from that address recently (a colleague at their desk)
 *    is exempt from the address's slowing, though not from the locks on their own account; so the
 *    attacker sharing the proxy does not stop them.
 */
import type { authConfig } from './config';

export type ThrottleLimits = ReturnType<typeof authConfig>;

export interface AttemptCounts {
	/** Failures for this account from this address within the window. */
	pair: number;
	/** Failures for this account from every address within the window. */
	account: number;
	/** Failures from this address, any account, within the window. */
	address: number;
	/** The time the address's latest attempt was allowed to run (ms), or null. */
	lastAddressSlotMs: number | null;
	/** Whether this account signed in successfully from this address recently. */
	known: boolean;
}

export type ThrottleDecision =
	| { kind: 'locked'; scope: 'pair' | 'account'; minutes: number }
	| { kind: 'busy'; seconds: number }
	| { kind: 'go'; atMs: number };

/** The gap between attempts from an address with `failures` failures in the window: 0 within the budget, then 1 s doubling to the cap. */
export function addressGapMs(
	failures: number,
	limits: Pick<ThrottleLimits, 'maxFailuresPerAddress' | 'addressDelayMaxSeconds'>
): number {
	const over = failures - limits.maxFailuresPerAddress;
	if (over < 0) return 0;
	return Math.min(limits.addressDelayMaxSeconds, 2 ** Math.min(over, 30)) * 1000;
}

/** Whether an attempt may run, and when. */
export function decideAttempt(
	counts: AttemptCounts,
	limits: ThrottleLimits,
	nowMs: number
): ThrottleDecision {
	if (counts.pair >= limits.maxFailuresPerAccountAndAddress)
		return { kind: 'locked', scope: 'pair', minutes: limits.throttleMinutes };
	if (counts.account >= limits.maxFailuresPerAccount)
		return { kind: 'locked', scope: 'account', minutes: limits.throttleMinutes };
	if (counts.known) return { kind: 'go', atMs: nowMs };
	const gap = addressGapMs(counts.address, limits);
	if (gap === 0) return { kind: 'go', atMs: nowMs };
	const atMs = Math.max(nowMs, (counts.lastAddressSlotMs ?? 0) + gap);
	const waitMs = atMs - nowMs;
	if (waitMs > limits.addressDelayMaxSeconds * 1000)
		return { kind: 'busy', seconds: Math.ceil(waitMs / 1000) };
	return { kind: 'go', atMs };
}
