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
		/** Failed sign-ins allowed per account, and per address, within the window. */
		maxFailuresPerAccount: positive('SIGN_IN_MAX_FAILURES_PER_ACCOUNT', 5),
		maxFailuresPerAddress: positive('SIGN_IN_MAX_FAILURES_PER_ADDRESS', 20),
		throttleMinutes: positive('SIGN_IN_THROTTLE_MINUTES', 15),
		setupLinkHours: positive('SETUP_LINK_HOURS', 24)
	};
}
