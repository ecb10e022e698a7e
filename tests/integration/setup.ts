// Each integration test file gets its own fresh database file with every migration applied.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'portfolio-it-'));
process.env.DATABASE_URL = `file:${join(dir, 'test.db')}`;
process.env.SEED_DEMO = 'false';
