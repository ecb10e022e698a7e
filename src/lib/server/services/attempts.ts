/**
 * One gate in front of every check of a secret (sign-in, the current password on /account/password,
 * the setup link): the attempt is decided and recorded as failed in one queued write on the session
 * database BEFORE the secret is checked, so attempts sent all at once count against each other and
 * none slips past a limit; a success then takes its record back. Refusals are audited.
 */
import { sessionTransaction } from '../db/database';
import * as sessions from '../repos/sessions';
import { authConfig } from '../auth/config';
import { decideAttempt, type ThrottleDecision } from '../auth/throttle';
import type { SessionExecutor } from '../db';

export type Refusal = Exclude<ThrottleDecision, { kind: 'go' }>;
export type Admission = { ok: true; failureId: number } | { ok: false; refusal: Refusal };

const ago = (now: Date, ms: number) => new Date(now.getTime() - ms).toISOString();

/**
 * Admits or refuses one attempt of `kind` on `account` from `ip`. With `slowAddress` (sign-in), a
 * busy address's attempts are spaced out (auth/throttle.ts) and this waits for its turn (a timer,
 * not work); without, only the account's own count applies.
 */
export async function admitAttempt(
	kind: sessions.CheckKind,
	account: string,
	ip: string,
	options: {
		slowAddress: boolean;
		onRefused: (tx: SessionExecutor, refusal: Refusal) => Promise<void>;
	},
	now = new Date()
): Promise<Admission> {
	const limits = authConfig();
	const since = ago(now, limits.throttleMinutes * 60_000);
	const decided = await sessionTransaction(async (tx): Promise<Admission & { atMs?: number }> => {
		const slow = options.slowAddress;
		const byAccount = await sessions.countFailures(tx, kind, since, { account });
		// Without address slowing (a signed-in person's own password, the setup link), the account's
		// whole count is held to the stricter per-address limit.
		const pair = slow ? await sessions.countFailures(tx, kind, since, { account, ip }) : byAccount;
		const address = slow ? await sessions.countFailures(tx, kind, since, { ip }) : 0;
		const last = slow ? await sessions.lastAttemptFrom(tx, kind, ip) : null;
		const known = slow
			? await sessions.isKnownAddress(
					tx,
					account,
					ip,
					ago(now, limits.knownAddressDays * 86_400_000)
				)
			: true;
		const decision = decideAttempt(
			{
				pair,
				account: byAccount,
				address,
				known,
				lastAddressSlotMs: last ? Date.parse(last) : null
			},
			limits,
			now.getTime()
		);
		if (decision.kind !== 'go') {
			await options.onRefused(tx, decision);
			return { ok: false, refusal: decision };
		}
		return {
			ok: true,
			failureId: await sessions.recordFailure(
				tx,
				kind,
				account,
				ip,
				new Date(decision.atMs).toISOString()
			),
			atMs: decision.atMs
		};
	});
	if (decided.ok && decided.atMs !== undefined && decided.atMs > now.getTime()) {
		await new Promise((resolve) => setTimeout(resolve, decided.atMs! - now.getTime()));
	}
	return decided.ok ? { ok: true, failureId: decided.failureId } : decided;
}

/** 'Wait 15 minutes' / 'Wait 30 seconds', for a refusal's message. */
export function waitInWords(refusal: Refusal): string {
	const [n, unit] =
		refusal.kind === 'locked' ? [refusal.minutes, 'minute'] : [refusal.seconds, 'second'];
	return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
