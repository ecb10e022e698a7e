/**
 * Small writes while an import commits: another officer saving a system's edit form, as a browser
 * without JavaScript posts it (src/routes/systems/[id]/edit), one at a time. Each save waits for
 * whatever holds the database's write lock, so its time is how long the import made it wait.
 */

const TIMEOUT_MS = 120_000;

/** One system's form as the benchmark fills it: the fields a new system needs, and a description to change. */
const fieldsOf = (description) =>
	new URLSearchParams({
		name: 'Benchmark probe: edited while an import commits',
		description,
		hosting: 'saas',
		criticality: 'low',
		personalData: 'none',
		lifecycle: 'live'
	});

const formHeaders = (origin, session) => ({ ...session, origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' });

/** Creates the system the writes edit, through the new-system form; returns its id. */
export async function createProbeSystem(origin, session) {
	const response = await fetch(`${origin}/systems/new`, { method: 'POST', headers: formHeaders(origin, session), body: fieldsOf('created').toString(), redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
	await response.arrayBuffer();
	const id = response.status === 303 ? response.headers.get('location')?.match(/^\/systems\/(\d+)$/)?.[1] : undefined;
	if (!id) throw new Error(`creating the probe system answered ${response.status} ${response.headers.get('location') ?? ''}`);
	return { id: Number(id), version: 1 };
}

/**
 * Saves an edit of `probe` every `everyMs` (or as soon as the last one answers, when it took
 * longer), one at a time, until stopped or `maxWrites` have been made. Each save must redirect to
 * the system's page (a 409 would mean the version count went wrong, anything else is a failure).
 * `stop()` waits for the save in flight and returns each save's time and when it started (ms after
 * the loop started).
 */
export function smallWritesEvery(origin, session, probe, { everyMs = 250, maxWrites = 400 } = {}) {
	const writes = [];
	const failures = [];
	let stopped = false;
	const began = performance.now();
	const loop = (async () => {
		for (let i = 0; i < maxWrites && !stopped; i++) {
			const started = performance.now();
			const body = fieldsOf(`edit ${probe.version} at ${new Date().toISOString()}`);
			body.set('version', String(probe.version));
			try {
				const response = await fetch(`${origin}/systems/${probe.id}/edit`, { method: 'POST', headers: formHeaders(origin, session), body: body.toString(), redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
				await response.arrayBuffer();
				const ms = performance.now() - started;
				writes.push({ atMs: started - began, ms });
				if (response.status === 303) probe.version++;
				else failures.push({ ms, reason: `answered ${response.status}` });
			} catch (error) {
				const ms = performance.now() - started;
				writes.push({ atMs: started - began, ms });
				failures.push({ ms, reason: error instanceof Error ? error.message : String(error) });
			}
			const wait = everyMs - (performance.now() - started);
			if (wait > 0 && !stopped) await new Promise((r) => setTimeout(r, wait));
		}
	})();
	return {
		async stop() {
			stopped = true;
			await loop;
			return summariseWrites(writes, failures);
		}
	};
}

function summariseWrites(writes, failures) {
	const sorted = writes.map((w) => w.ms).sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return {
		count: writes.length,
		median: sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
		max: sorted.length ? sorted[sorted.length - 1] : NaN,
		over500: sorted.filter((ms) => ms > 500).length,
		over1000: sorted.filter((ms) => ms > 1000).length,
		writes,
		failures
	};
}
