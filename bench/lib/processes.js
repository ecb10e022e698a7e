/** The processes a run starts: builds, scripts and the two servers, all ended when the run ends. */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { RESULTS, rel } from './paths.js';

/** Every process this run started, so each can be ended by its own handle, and only those. */
const children = new Set();

export function stopChildren() {
	for (const child of children)
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}
process.on('exit', stopChildren);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		stopChildren();
		process.exit(130);
	});
}

/** Runs a command to completion with its output in `logFile`; throws with the log's tail on failure. */
export function runLogged(command, args, { cwd, env = {}, logFile, timeoutMs = 300_000 }) {
	return new Promise((resolvePromise, reject) => {
		const log = createWriteStream(logFile);
		const child = spawn(command, args, {
			cwd,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		children.add(child);
		child.stdout.pipe(log, { end: false });
		child.stderr.pipe(log, { end: false });
		const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			children.delete(child);
			log.end(() => {
				if (code === 0) return resolvePromise();
				const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
				reject(
					new Error(
						`${[command, ...args].join(' ')} failed (${signal ?? `exit ${code}`}); see ${logFile}\n${tail}`
					)
				);
			});
		});
	});
}

/** CPU time (clock ticks, 100 a second) a process has used, from /proc; null where there is no /proc. */
export function cpuTicks(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return Number(fields[11]) + Number(fields[12]);
	} catch {
		return null;
	}
}

/**
 * Seconds a process's main thread has spent runnable but waiting for a CPU (the scheduler's run
 * queue, /proc/PID/schedstat); null where there is no /proc. On a shared machine this says how much
 * of a slow answer was the machine's load rather than the app's work.
 */
export function runQueueSeconds(pid) {
	try {
		return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
	} catch {
		return null;
	}
}

/**
 * Waits (at most 120 s) until a server has stopped using CPU. When autocannon stops, requests it
 * already sent are still being served: a slow page leaves seconds of work that would otherwise be
 * charged to whichever URL is measured next.
 */
export async function waitForIdle(server) {
	let quiet = 0;
	let last = cpuTicks(server.child.pid);
	if (last === null) return new Promise((r) => setTimeout(r, 2000));
	for (let i = 0; i < 480 && quiet < 2; i++) {
		await new Promise((r) => setTimeout(r, 250));
		const now = cpuTicks(server.child.pid);
		if (now === null) return;
		quiet = now - last <= 2 ? quiet + 1 : 0;
		last = now;
	}
}

function freePort() {
	return new Promise((resolvePromise, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolvePromise(port));
		});
	});
}

/**
 * The node flags `npm run serve` gives the app (package.json): the heap grows by at most 25% over
 * what is live after each collection, so memory follows what an import really holds, and an import
 * step may ask for a collection once it has answered (src/lib/server/services/memory.ts).
 */
export const APP_NODE_FLAGS = (process.env.SYS15C_FLAGS ?? '--heap-growing-percent=25 --expose-gc').split(' ');
/**
 * The app's environment as `npm run serve` sets it: glibc malloc with two arenas and a fixed mmap
 * threshold, so large buffers (an upload, a parsed slice) go back to the system when freed.
 */
export const APP_ENV = {
	MALLOC_ARENA_MAX: '2',
	MALLOC_MMAP_THRESHOLD_: '131072',
	MALLOC_TRIM_THRESHOLD_: '131072'
};

/**
 * The app's production entry (server.js, as `npm run serve` starts it) serving the build `entry`
 * belongs to; a checkout from before server.js existed is started through adapter-node's own entry.
 */
function productionEntry(cwd, entry) {
	const wrapper = join(cwd, 'server.js');
	return existsSync(wrapper)
		? { file: wrapper, env: { BUILD_DIR: relative(cwd, dirname(entry)) } }
		: { file: entry, env: {} };
}

/**
 * Starts a built adapter-node app on a loopback port and waits (at most 60 s) until it answers.
 * `nodeArgs` are flags for node itself, such as --cpu-prof, which NODE_OPTIONS does not accept.
 */
export async function startServer(name, { cwd, entry, env, nodeArgs = [] }) {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const logFile = join(RESULTS, `${name}-server.log`);
	const log = createWriteStream(logFile);
	const start = productionEntry(cwd, entry);
	const child = spawn(process.execPath, [...nodeArgs, start.file], {
		cwd,
		env: {
			...process.env,
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: origin,
			...start.env,
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.add(child);
	child.stdout.pipe(log);
	child.stderr.pipe(log);
	for (let attempt = 0; attempt < 240; attempt++) {
		if (child.exitCode !== null)
			throw new Error(`${name} server exited with ${child.exitCode}; see ${logFile}`);
		try {
			const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(5000) });
			await response.arrayBuffer();
			return { name, origin, child, logFile };
		} catch {
			await new Promise((r) => setTimeout(r, 250));
		}
	}
	throw new Error(`${name} server did not answer within 60 s; see ${logFile}`);
}

/** Stops the run when a server has gone: figures from a dead server are connection errors, not speed. */
export function assertRunning(server) {
	const { child } = server;
	if (child.exitCode !== null || child.signalCode !== null) {
		throw new Error(
			`the ${server.name} server stopped mid-run (${child.signalCode ?? `exit ${child.exitCode}`}); ` +
				`if it was a signal, something else on the machine ended it. See ${rel(server.logFile)}`
		);
	}
}

/**
 * Stops one server and waits (at most 30 s) for it to exit: adapter-node closes its connections on
 * SIGTERM and node then exits by itself, which is when a --cpu-prof profile is written.
 */
export async function stopServer(server) {
	const { child } = server;
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolvePromise) => child.once('exit', resolvePromise));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
	await exited;
	clearTimeout(timer);
}
