/**
 * `npm run db:server [-- --port 8080]`: a local libSQL server (sqld) for running the app against a
 * database server instead of the embedded file. Data under data/sqld (the database in data/sqld/db,
 * the JWT key pair beside it), listening on 127.0.0.1 only, authentication on. It prints the
 * DATABASE_URL and DATABASE_AUTH_TOKEN to start the app with, and runs until Ctrl-C (or SIGTERM),
 * which stops sqld cleanly.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSqld } from './sqld.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const portFlag = args.indexOf('--port');
const portText = portFlag >= 0 ? args[portFlag + 1] : process.env.SQLD_PORT || '8080';
const port = Number(portText);
const unknown = args.filter((a, i) => !(a === '--port' || (portFlag >= 0 && i === portFlag + 1)));
if (!Number.isInteger(port) || port < 1 || port > 65_535 || unknown.length > 0) {
	console.error('Usage: npm run db:server [-- --port 8080]   (SQLD_PORT sets the default; data under data/sqld)');
	process.exit(2);
}

const dir = resolve(ROOT, process.env.SQLD_DATA_DIR || join('data', 'sqld'));
let server;
try {
	server = await startSqld({ dir, port, quiet: false });
} catch (error) {
	console.error(`sqld did not start: ${error instanceof Error ? error.message : error}`);
	process.exit(1);
}

console.log(`
sqld is listening on ${server.url} (data in ${join(dir, 'db')}; only holders of a token signed with
${join(dir, 'jwt-private.pem')} are served). Start the app against it in another terminal with:

  DATABASE_URL=${server.url} DATABASE_AUTH_TOKEN=${server.token} npm start

Ctrl-C stops the server.
`);

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, () => void server.stop().then(() => process.exit(0)));
}
server.child.on('exit', (code) => {
	console.error(`sqld stopped (exit code ${code}).`);
	process.exit(code ?? 1);
});
