/**
 * `npm run db:server [-- --port 8080] [-- --replica [--replica-port 8081]]`: a local libSQL server
 * (sqld) for running the app against a database server instead of the embedded file. Data under
 * data/sqld (the database in data/sqld/db, the JWT key pair beside it), listening on 127.0.0.1
 * only, authentication on. With --replica, a primary (data/sqld/primary) and a read replica
 * (data/sqld/replica) that follows it over sqld's gRPC replication and forwards writes to it; one
 * key pair signs tokens for both. It prints the settings to start the app with, and runs until
 * Ctrl-C (or SIGTERM), which stops sqld cleanly.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startReplicatedSqld, startSqld } from './sqld.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USAGE =
	'Usage: npm run db:server [-- --port 8080] [-- --replica [--replica-port 8081]]   (SQLD_PORT sets the default; data under data/sqld)';

/** @param {string | undefined} text */
const portNumber = (text) =>
	text !== undefined && /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65_535
		? Number(text)
		: NaN;
let options;
try {
	options = parseArgs({
		options: {
			port: { type: 'string' },
			replica: { type: 'boolean' },
			'replica-port': { type: 'string' }
		}
	}).values;
} catch (error) {
	console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
	process.exit(2);
}
const port = portNumber(options.port ?? process.env.SQLD_PORT ?? '8080');
const replicaPort = portNumber(options['replica-port'] ?? String(port + 1));
if (
	Number.isNaN(port) ||
	(options.replica && (Number.isNaN(replicaPort) || replicaPort === port)) ||
	(!options.replica && options['replica-port'])
) {
	console.error(USAGE);
	process.exit(2);
}

const dir = resolve(ROOT, process.env.SQLD_DATA_DIR || join('data', 'sqld'));
/** @type {{ stop: () => Promise<void>, children: import('node:child_process').ChildProcess[] }} */
let running;
try {
	if (options.replica) {
		const pair = await startReplicatedSqld({ dir, port, replicaPort, quiet: false });
		running = { stop: pair.stop, children: [pair.primary.child, pair.replica.child] };
		console.log(`
sqld primary on ${pair.primary.url} (data in ${join(dir, 'primary')}) and a read replica on ${pair.replica.url}
(data in ${join(dir, 'replica')}), following the primary and forwarding writes to it. Only holders of a token
signed with ${join(dir, 'jwt-private.pem')} are served. Start the app on the replica, with the primary for
a user's own writes and the reads just after them, in another terminal with:

  DATABASE_URL=${pair.replica.url} DATABASE_PRIMARY_URL=${pair.primary.url} DATABASE_AUTH_TOKEN=${pair.token} npm start

Ctrl-C stops both.
`);
	} else {
		const server = await startSqld({ dir, port, quiet: false });
		running = { stop: server.stop, children: [server.child] };
		console.log(`
sqld is listening on ${server.url} (data in ${join(dir, 'db')}; only holders of a token signed with
${join(dir, 'jwt-private.pem')} are served). Start the app against it in another terminal with:

  DATABASE_URL=${server.url} DATABASE_AUTH_TOKEN=${server.token} npm start

Ctrl-C stops the server.
`);
	}
} catch (error) {
	console.error(`sqld did not start: ${error instanceof Error ? error.message : error}`);
	process.exit(1);
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, () => void running.stop().then(() => process.exit(0)));
}
for (const child of running.children) {
	child.on('exit', (code) => {
		console.error(`sqld stopped (exit code ${code}).`);
		void running.stop().then(() => process.exit(code ?? 1));
	});
}
