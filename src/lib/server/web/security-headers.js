/**
 * The security headers every response carries. Plain JavaScript so that both the SvelteKit hooks
 * (bundled) and the production entry server.js (not bundled, which also covers the static files
 * adapter-node serves before any hook runs) read the one list.
 */

/**
 * For responses that bring no policy of their own (static files, plain-text refusals, CSV and JSON):
 * nothing may load from them, and nothing may frame them. SvelteKit's pages replace it with their own.
 */
export const FALLBACK_CSP =
	"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Header name and value pairs. HSTS only over https: sent over http it would be ignored by browsers,
 * and a test server on http://localhost must not pin itself to https.
 * @param {boolean} https
 * @returns {[string, string][]}
 */
export function securityHeaderPairs(https) {
	/** @type {[string, string][]} */
	const pairs = [
		['X-Content-Type-Options', 'nosniff'],
		['Referrer-Policy', 'same-origin'],
		['X-Frame-Options', 'DENY'],
		['Cross-Origin-Opener-Policy', 'same-origin'],
		['Cross-Origin-Resource-Policy', 'same-origin']
	];
	if (https) pairs.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
	return pairs;
}
