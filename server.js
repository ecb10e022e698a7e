/**
 * The production entry (`npm run serve`, deploy/ict-portfolio-planner.service). It serves the
 * adapter-node build through build/handler.js, and adds what adapter-node's own build/index.js
 * does not do:
 * - the security headers on every response, the static files included (adapter-node serves those
 *   before any SvelteKit hook runs);
 * - a loud, clean failure at start-up: if the database cannot be opened or migrated, fails its
 *   foreign-key check, or the port is taken, it prints one paragraph and exits non-zero, so a
 *   supervisor sees the failure instead of a server that answers 500s.
 * Environment: the same as build/index.js (HOST, PORT, ORIGIN, BODY_SIZE_LIMIT, SHUTDOWN_TIMEOUT,
 * KEEP_ALIVE_TIMEOUT, HEADERS_TIMEOUT, PROTOCOL_HEADER, ...) plus BUILD_DIR (default build).
 */
import http from 'node:http';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { securityHeaderPairs, FALLBACK_CSP } from './src/lib/server/web/security-headers.js';

const ROOT = dirname(fileURLToPath(import.meta.url));
const BUILD = join(ROOT, process.env.BUILD_DIR || 'build');

/**
 * Prints why the service did not start, as one paragraph an operator can act on, and exits 1.
 * @param {string} what
 * @param {unknown} cause
 * @param {string} advice
 */
function failToStart(what, cause, advice) {
	const reason = cause instanceof Error ? cause.message : String(cause);
	const code =
		cause &&
		typeof cause === 'object' &&
		'code' in cause &&
		cause.code &&
		!reason.includes(String(cause.code))
			? ` (${cause.code})`
			: '';
	console.error(
		`\nThe ICT Portfolio Planner did not start: ${what}: ${reason.split('\n')[0]}${code}. ${advice} It has exited without serving any request.\n`
	);
	process.exit(1);
}

/** DATABASE_URL as it may be printed: no query string or user information, where a libsql URL may carry a token. */
function databaseUrlShown() {
	const url = process.env.DATABASE_URL || 'file:data/portfolio.db';
	try {
		const parsed = new URL(url);
		if (parsed.protocol !== 'file:')
			return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
	} catch {
		// not a URL the parser knows: cut the query string below
	}
	return url.split('?')[0];
}

/** @param {unknown} cause */
function startUpAdvice(cause) {
	const message = cause instanceof Error ? cause.message : String(cause);
	// A database server's refusals (src/lib/server/db/server-check.ts) come before any migration.
	if (/does not enforce foreign keys/.test(message))
		return 'Nothing was migrated. Use a database server that enforces foreign keys.';
	if (/refused the token/.test(message))
		return 'Nothing was migrated. Set the token to one the server accepts (npm run db:server prints one for a local sqld).';
	if (/could not be reached/.test(message))
		return 'Nothing was migrated. Start the database server, or correct DATABASE_URL (or SESSION_DATABASE_URL).';
	if (/foreign key/i.test(message))
		return 'Some rows point at records that do not exist; restore the database from a backup or repair those rows, then start the service again.';
	if (/BODY_SIZE_LIMIT/.test(message)) return 'Set BODY_SIZE_LIMIT to a size such as 21M.';
	if (/migrat/i.test(message))
		return `A database migration failed; the database at DATABASE_URL (${databaseUrlShown()}) was left as it was before it.`;
	return `Check that DATABASE_URL (${databaseUrlShown()}) names a database this user can open and write, and that DATABASE_AUTH_TOKEN is right for a remote one.`;
}

// adapter-node's default (512K) is too small for a spreadsheet upload; the app holds every other
// route to 1 MB or less itself (src/lib/server/web/body-limit.ts), counting the bytes it reads.
process.env.BODY_SIZE_LIMIT ||= '21M';

const https = (process.env.ORIGIN || '').startsWith('https:');
const protocolHeader = (process.env.PROTOCOL_HEADER || '').toLowerCase();

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
function setSecurityHeaders(req, res) {
	const overHttps = https || (protocolHeader !== '' && req.headers[protocolHeader] === 'https');
	for (const [name, value] of securityHeaderPairs(overHttps)) res.setHeader(name, value);
	// SvelteKit replaces this with the page's own policy (headers written later take precedence).
	res.setHeader('Content-Security-Policy', FALLBACK_CSP);
}

/** @type {(req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void} */
let handler;
try {
	// Importing the handler runs the app's init hook: migration, foreign-key check, demo data.
	({ handler } = await import(pathToFileURL(join(BUILD, 'handler.js')).href));
} catch (cause) {
	const missing =
		cause &&
		typeof cause === 'object' &&
		'code' in cause &&
		cause.code === 'ERR_MODULE_NOT_FOUND' &&
		String(cause).includes(BUILD);
	if (missing)
		failToStart(
			`there is no build in ${BUILD}`,
			cause,
			'Run npm run build first (npm start does).'
		);
	failToStart('start-up failed', cause, startUpAdvice(cause));
}

const server = http.createServer((req, res) => {
	setSecurityHeaders(req, res);
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});
const seconds = (/** @type {string} */ name) =>
	process.env[name] ? Number(process.env[name]) * 1000 : undefined;
server.keepAliveTimeout = seconds('KEEP_ALIVE_TIMEOUT') ?? server.keepAliveTimeout;
server.headersTimeout = seconds('HEADERS_TIMEOUT') ?? server.headersTimeout;

const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT || 3000);
server.once('error', (cause) =>
	failToStart(
		`it could not listen on ${host}:${port}`,
		cause,
		'Another process may be using that port: stop it, or set PORT to a free one.'
	)
);
server.listen(port, host, () => {
	const address = server.address();
	const shown =
		address && typeof address === 'object'
			? `${address.address === '0.0.0.0' ? 'localhost' : address.address}:${address.port}`
			: `${host}:${port}`;
	console.log(`Listening on http://${shown}`);
});

/** As adapter-node does: finish the requests in flight, then let the process end by itself. */
let stopping = false;
function shutdown(/** @type {string} */ reason) {
	if (stopping) return;
	stopping = true;
	server.closeIdleConnections();
	server.close(() => {
		// @ts-expect-error adapter-node's own event, which apps may listen for
		process.emit('sveltekit:shutdown', reason);
	});
	setTimeout(() => server.closeAllConnections(), seconds('SHUTDOWN_TIMEOUT') ?? 30_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
