/** Session and throttling limits, read from the environment each time so tests and operators can change them. */
function positive(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function authConfig() {
	return {
		/** Signed out after this long without a request. */
		idleMinutes: positive('SESSION_IDLE_MINUTES', 30),
		/** Signed out this long after signing in, however active. */
		absoluteHours: positive('SESSION_ABSOLUTE_HOURS', 12),
		/** Failed checks of one account's password from one address, within the window, before it is locked there (auth/throttle.ts). */
		maxFailuresPerAccountAndAddress: positive('SIGN_IN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS', 5),
		/** Failed sign-ins to one account from all addresses together, within the window, before it is locked. */
		maxFailuresPerAccount: positive('SIGN_IN_MAX_FAILURES_PER_ACCOUNT', 10),
		/** Failed sign-ins from one address, within the window, before its attempts are slowed (never locked). */
		maxFailuresPerAddress: positive('SIGN_IN_MAX_FAILURES_PER_ADDRESS', 20),
		/** The longest gap between a slowed address's attempts; an attempt that would wait longer is refused. */
		addressDelayMaxSeconds: positive('SIGN_IN_ADDRESS_DELAY_MAX_SECONDS', 30),
		/** An account that signed in from an address within this many days is exempt from that address's slowing. */
		knownAddressDays: positive('SIGN_IN_KNOWN_ADDRESS_DAYS', 30),
		throttleMinutes: positive('SIGN_IN_THROTTLE_MINUTES', 15),
		setupLinkHours: positive('SETUP_LINK_HOURS', 24)
	};
}
