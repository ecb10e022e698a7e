/**
 * The production entry (server.js) fails loudly instead of half-starting: a database it cannot open,
 * a database with a row pointing nowhere, or a port already taken ends the process with a non-zero
 * code and one paragraph saying what is wrong, before it answers any request. And SIGTERM stops it
 * cleanly. Each case starts its own server on its own database.
 */
import { describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
	code: number | null;
	output: string;
	listened: boolean;
}

/** Starts `node server.js` and resolves when it exits; `whenListening` runs once it says it listens. */
function startServer(
	env: Record<string, string>,
	whenListening?: (stop: () => void) => void
): Promise<Run> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [join(ROOT, 'server.js')], {
			cwd: ROOT,
			env: {
				...process.env,
				NODE_ENV: 'production',
				HOST: '127.0.0.1',
				SEED_DEMO: 'false',
				...env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		let listened = false;
		const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (!listened && output.includes('Listening on')) {
				listened = true;
				whenListening?.(() => child.kill('SIGTERM'));
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('exit', (code) => {
			clearTimeout(kill);
			resolve({ code, output, listened });
		});
	});
}

function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
	const dir = mkdtempSync(join(tmpdir(), 'portfolio-start-'));
	return work(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

function expectLoudFailure(run: Run, reason: RegExp): void {
	expect(run.code, run.output).not.toBe(0);
	expect(run.code, run.output).not.toBeNull();
	expect(run.listened, run.output).toBe(false);
	expect(run.output).toMatch(/The ICT Portfolio Planner did not start: /);
	expect(run.output).toMatch(reason);
	expect(run.output).toMatch(/It has exited without serving any request\./);
	// One paragraph, not a stack trace.
	expect(run.output).not.toMatch(/^\s+at /m);
}

describe('starting the server', () => {
	test(
		'a DATABASE_URL it cannot open ends the process with a clear message',
		() =>
			withTempDir(async (dir) => {
				mkdirSync(join(dir, 'a-folder'));
				const run = await startServer({ DATABASE_URL: `file:${join(dir, 'a-folder')}`, PORT: '0' });
				expectLoudFailure(
					run,
					/Check that DATABASE_URL \(file:.*a-folder\) names a database this user can open/
				);
			}),
		90_000
	);

	test(
		'a database with a row pointing at a missing record ends the process; a sound one starts, and stops on SIGTERM',
		() =>
			withTempDir(async (dir) => {
				const url = `file:${join(dir, 'app.db')}`;
				// First start: migrates a fresh database, then is stopped as a supervisor would stop it.
				const first = await startServer({ DATABASE_URL: url, PORT: '0' }, (stop) => stop());
				expect(first.listened, first.output).toBe(true);
				expect(first.code, first.output).toBe(0);

				const client = createClient({ url });
				await client.execute('PRAGMA foreign_keys = OFF');
				await client.execute(
					"INSERT INTO directorate (organisation_id, name) VALUES (987654, 'Orphaned directorate')"
				);
				client.close();

				const second = await startServer({ DATABASE_URL: url, PORT: '0' });
				expectLoudFailure(
					second,
					/foreign key check failed.*restore the database from a backup or repair those rows/
				);
			}),
		120_000
	);

	test('a port already in use ends the process with a clear message', async () => {
		const holder = createServer();
		await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
		const port = (holder.address() as AddressInfo).port;
		try {
			await withTempDir(async (dir) => {
				const run = await startServer({
					DATABASE_URL: `file:${join(dir, 'app.db')}`,
					PORT: String(port)
				});
				expectLoudFailure(
					run,
					new RegExp(
						`could not listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE.*set PORT to a free one`
					)
				);
			});
		} finally {
			holder.close();
		}
	}, 90_000);
});
