/**
 * Checkpoints the write-ahead log of a local database file from a worker thread. SQLite's automatic
 * checkpoint runs inside the commit that crosses its threshold, on the thread that commits: after an
 * import's one transaction of 100,000 systems that meant copying some 150 MB into the database file
 * inside the commit, holding the event loop for half a second while other people's pages waited.
 * While this worker runs, the app's connections turn the automatic checkpoint off and the worker
 * checkpoints every second (PASSIVE: it never waits for, or holds up, readers and writers). If the
 * worker fails, the automatic checkpoint comes back on the next connection, so the log never grows
 * without bound.
 */
import { Worker } from 'node:worker_threads';

// CommonJS run by the worker; `require` resolves from the app's folder, where @libsql/client is installed.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createClient } = require('@libsql/client');
const client = createClient({ url: workerData.url });
let running = false;
setInterval(async () => {
	if (running) return;
	running = true;
	try {
		await client.execute('PRAGMA wal_checkpoint(PASSIVE)');
	} catch (error) {
		parentPort.postMessage({ failed: String((error && error.message) || error) });
	} finally {
		running = false;
	}
}, workerData.everyMs);
`;

let worker: Worker | undefined;

/** True while the worker checkpoints: connections opened now should turn the automatic checkpoint off. */
export function checkpointerRunning(): boolean {
	return worker !== undefined;
}

/** Starts the worker for `url` (a `file:` URL). It does not keep the process alive. */
export function startCheckpointer(url: string, everyMs = 1_000): void {
	if (worker) return;
	const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { url, everyMs } });
	const stop = (why: string) => {
		if (worker !== started) return;
		worker = undefined;
		console.error(
			`The background checkpoint stopped (${why}); SQLite's automatic checkpoint is back on.`
		);
		void started.terminate();
	};
	started.on('message', (m: { failed?: string }) => m.failed && stop(m.failed));
	started.on('error', (error) => stop(error.message));
	started.on('exit', (code) => stop(`exit code ${code}`));
	started.unref();
	worker = started;
}

/** Stops the worker (at shutdown, so the last connection's close can fold the log into the file). */
export async function stopCheckpointer(): Promise<void> {
	const running = worker;
	worker = undefined;
	await running?.terminate();
}
