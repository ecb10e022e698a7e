/** Serving a generated benchmark database with sqld, so a benchmark runs the same data on both engines. */
import { createClient } from '@libsql/client';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSqld } from '../../scripts/sqld.js';
import { RESULTS, rel } from './paths.js';

/**
 * A fresh sqld (JWT authentication on, 127.0.0.1) serving a copy of `file`, which sqld keeps as
 * dbs/default/data under its --db-path. Returns the settings for the app and a stop function.
 */
export async function serveFileWithSqld(file, name) {
	const dir = join(RESULTS, `${name}-sqld`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(join(dir, 'db/dbs/default'), { recursive: true });
	// Rows written since the last checkpoint (the benchmark's user) sit in the write-ahead log until one folds them in.
	const client = createClient({ url: pathToFileURL(file).href });
	await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
	client.close();
	copyFileSync(file, join(dir, 'db/dbs/default/data'));
	console.log(`  serving a copy of ${rel(file)} with sqld`);
	const server = await startSqld({ dir });
	return {
		url: server.url,
		token: server.token,
		env: { DATABASE_URL: server.url, DATABASE_AUTH_TOKEN: server.token },
		stop: server.stop
	};
}
