// Each integration test file gets its own fresh database with every migration applied: an embedded
// file by default; with TEST_DATABASE=sqld (npm run test:sqld), a sqld server of its own on a free
// port, with a fresh data folder and JWT authentication on, stopped when the file's tests end.
// One server per file rather than one server with a namespace per file: sqld picks a namespace from
// the Host header's first label (t1.localhost), which Node cannot resolve without a custom fetch,
// and a server starts (key pair, spawn, first /health answer) in 0.2-0.3 s measured on a loaded 2-core
// machine, against several seconds for most files.
import { afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDatabase } from '../../scripts/sqld.js';

const dir = mkdtempSync(join(tmpdir(), 'portfolio-it-'));
process.env.SEED_DEMO = 'false';
const database = await startTestDatabase(dir, 'test');
process.env.DATABASE_URL = database.url;
if (database.token) process.env.DATABASE_AUTH_TOKEN = database.token;
afterAll(async () => {
	await database.stop();
	rmSync(dir, { recursive: true, force: true });
});
