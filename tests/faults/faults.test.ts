/**
 * SIGKILL in the middle of a write, on the embedded file and on sqld. The app's own services run in
 * a process of their own (fault-worker.ts), which stops inside the write transaction at a chosen
 * statement, so the kill lands there every time: in a 50,000-row import's commit just after its
 * systems were inserted, and in a business case's approval just after its version was frozen. On
 * sqld the database server is killed too (SIGKILL) and started again on the same data, as after a
 * host failure. After the restart the app starts (checks, migrations), integrity_check is ok, and the
 * write is wholly absent: no system, no audit row, the upload still there to commit; the case still
 * awaiting decision. Then the same write, uninterrupted, is wholly there: 50,000 systems with one
 * audit row each and the import's own, and an approved case whose frozen snapshot's hash verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSqld, type SqldServer } from '../../scripts/sqld.js';
import { ROOT } from '../support/app-server';

const IMPORT_ROWS = 50_000;
const STOP_IN_IMPORT = '^\\s*INSERT INTO system \\(id';
const STOP_IN_APPROVAL = '^update "business_case_version" set .*"frozen_at"';

interface Engine {
	url: string;
	token?: string;
	/** Kills the database server with SIGKILL and starts it again on the same data (sqld only). */
	crash?: () => Promise<void>;
	stop: () => Promise<void>;
}

interface Worker {
	output: () => string;
	exited: Promise<number | null>;
	kill: () => Promise<void>;
}

function worker(engine: Engine, step: string, stateFile: string, stopAt?: string): Worker {
	const child = spawn(
		process.execPath,
		[
			join(ROOT, 'node_modules/vite-node/vite-node.mjs'),
			'--config',
			'vite.cli.config.ts',
			'tests/faults/fault-worker.ts',
			'--',
			step,
			stateFile
		],
		{
			cwd: ROOT,
			env: {
				...process.env,
				DATABASE_URL: engine.url,
				DATABASE_AUTH_TOKEN: engine.token ?? '',
				SEED_DEMO: 'false',
				FAULT_STOP_AT: stopAt ?? ''
			},
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return {
		output: () => output,
		exited,
		kill: async () => (child.kill('SIGKILL'), void (await exited))
	};
}

/** Runs a step to its end; throws with its output unless it exits 0. */
async function run(engine: Engine, step: string, stateFile: string): Promise<string> {
	const w = worker(engine, step, stateFile);
	const code = await w.exited;
	if (code !== 0)
		throw new Error(`fault-worker ${step} exited ${code}:\n${w.output().slice(-3000)}`);
	return w.output();
}

async function check(engine: Engine, stateFile: string) {
	const line = (await run(engine, 'check', stateFile))
		.split('\n')
		.find((l) => l.startsWith('check '));
	return JSON.parse(line!.slice('check '.length));
}

/** Starts `step`, waits until it is stopped inside its write transaction, and kills it (and sqld) there. */
async function killInside(
	engine: Engine,
	step: string,
	stateFile: string,
	stopAt: string
): Promise<void> {
	const w = worker(engine, step, stateFile, stopAt);
	const stopped = (async () => {
		while (!w.output().includes('stopped inside the transaction'))
			await new Promise((r) => setTimeout(r, 20));
	})();
	const first = await Promise.race([stopped.then(() => 'stopped'), w.exited.then(() => 'exited')]);
	if (first !== 'stopped')
		throw new Error(
			`fault-worker ${step} ended before reaching the statement:\n${w.output().slice(-3000)}`
		);
	await w.kill();
	await engine.crash?.();
}

async function embeddedFile(dir: string): Promise<Engine> {
	return { url: `file:${join(dir, 'portfolio.db')}`, stop: async () => {} };
}

async function sqld(dir: string): Promise<Engine> {
	let server: SqldServer = await startSqld({ dir: join(dir, 'sqld') });
	return {
		get url() {
			return server.url;
		},
		token: server.token,
		crash: async () => {
			const exited = new Promise((resolve) => server.child.once('exit', resolve));
			server.child.kill('SIGKILL');
			await exited;
			server = await startSqld({ dir: join(dir, 'sqld'), port: server.port });
		},
		stop: () => server.stop()
	};
}

for (const [name, start] of [
	['the embedded file', embeddedFile],
	['sqld', sqld]
] as const) {
	describe(`SIGKILL in the middle of a write, on ${name}`, () => {
		const dir = mkdtempSync(join(tmpdir(), 'portfolio-faults-'));
		const stateFile = join(dir, 'state.json');
		let engine: Engine;
		let before: Awaited<ReturnType<typeof check>>;

		beforeAll(async () => {
			engine = await start(dir);
			await run(engine, 'prepare', stateFile);
			before = await check(engine, stateFile);
			expect(before).toMatchObject({
				integrity: ['ok'],
				imported: 0,
				uploadKept: 1,
				caseStatus: 'submitted'
			});
		}, 600_000);

		afterAll(async () => {
			await engine?.stop();
			rmSync(dir, { recursive: true, force: true });
		});

		it('a 50,000-row import killed in its commit is wholly absent after restart, and wholly there once committed', async () => {
			await killInside(engine, 'import', stateFile, STOP_IN_IMPORT);
			expect(await check(engine, stateFile)).toEqual({ ...before, integrity: ['ok'] });

			expect(await run(engine, 'import', stateFile)).toMatch(/import \{"ok":true/);
			expect(await check(engine, stateFile)).toEqual({
				...before,
				integrity: ['ok'],
				systems: before.systems + IMPORT_ROWS,
				imported: IMPORT_ROWS,
				importAudits: 1,
				createdAudits: IMPORT_ROWS,
				uploadKept: 0
			});
		}, 900_000);

		it('an approval killed after freezing the version is wholly absent after restart; approved, its frozen snapshot verifies', async () => {
			const now = await check(engine, stateFile);
			await killInside(engine, 'approve', stateFile, STOP_IN_APPROVAL);
			expect(await check(engine, stateFile)).toEqual(now);
			expect(now).toMatchObject({ caseStatus: 'submitted', frozenAt: null, decideAudits: 0 });

			expect(await run(engine, 'approve', stateFile)).toMatch(/approve \{"ok":true/);
			expect(await check(engine, stateFile)).toMatchObject({
				integrity: ['ok'],
				caseStatus: 'approved',
				versionStatus: 'approved',
				frozenAt: expect.any(String),
				frozenHashMatches: true,
				decideAudits: 1
			});
		}, 600_000);
	});
}
