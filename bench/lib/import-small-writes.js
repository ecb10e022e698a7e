/**
 * Small writes while an import commits: other officers saving systems' edit forms, as a browser
 * without JavaScript posts them (src/routes/systems/[id]/edit). Each save waits for whatever holds
 * the database's write lock, so its time is how long the import made it wait.
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

const formHeaders = (origin, session) => ({
	...session,
	origin,
	accept: 'text/html',
	'content-type': 'application/x-www-form-urlencoded'
});

/** Creates one system the writes edit, through the new-system form; returns its id and version. */
async function createProbeSystem(origin, session, n) {
	const body = fieldsOf('created');
	body.set('name', `Benchmark probe ${n}: edited while an import commits`);
	const response = await fetch(`${origin}/systems/new`, {
		method: 'POST',
		headers: formHeaders(origin, session),
		body: body.toString(),
		redirect: 'manual',
		signal: AbortSignal.timeout(TIMEOUT_MS)
	});
	await response.arrayBuffer();
	const id =
		response.status === 303
			? response.headers.get('location')?.match(/^\/systems\/(\d+)$/)?.[1]
			: undefined;
	if (!id)
		throw new Error(
			`creating a probe system answered ${response.status} ${response.headers.get('location') ?? ''}`
		);
	return { id: Number(id), n, version: 1, busy: false };
}

/** Creates `count` systems for the edits to save, so that edits in flight at once never edit the same one. */
export async function createProbeSystems(origin, session, count = 40) {
	const probes = [];
	for (let n = 1; n <= count; n++) probes.push(await createProbeSystem(origin, session, n));
	return probes;
}

/** One edit of `probe` through its edit form; resolves with how long it took and whether it saved. */
async function saveEdit(origin, session, probe) {
	const body = fieldsOf(`edit ${probe.version} at ${new Date().toISOString()}`);
	body.set('name', `Benchmark probe ${probe.n}: edited while an import commits`);
	body.set('version', String(probe.version));
	const started = performance.now();
	try {
		const response = await fetch(`${origin}/systems/${probe.id}/edit`, {
			method: 'POST',
			headers: formHeaders(origin, session),
			body: body.toString(),
			redirect: 'manual',
			signal: AbortSignal.timeout(TIMEOUT_MS)
		});
		await response.arrayBuffer();
		if (response.status === 303) probe.version++;
		return {
			ms: performance.now() - started,
			failure: response.status === 303 ? null : `answered ${response.status}`
		};
	} catch (error) {
		return {
			ms: performance.now() - started,
			failure: error instanceof Error ? error.message : String(error)
		};
	}
}

/**
 * Starts an edit every `everyMs` whether or not the earlier ones have answered (as several officers
 * at work would), each of a probe system no edit in flight is saving, until stopped or `maxWrites`
 * have been started. Each save must redirect to the system's page (a 409 would mean the version
 * count went wrong). `stop()` waits for the saves in flight and summarises how long each took.
 */
export function smallWritesEvery(origin, session, probes, { everyMs = 250, maxWrites = 400 } = {}) {
	const inFlight = new Set();
	const writes = [];
	const failures = [];
	let skipped = 0;
	let started = 0;
	const tick = () => {
		if (started >= maxWrites) return;
		const probe = probes.find((p) => !p.busy);
		if (!probe) return void skipped++;
		started++;
		probe.busy = true;
		const save = saveEdit(origin, session, probe).then(({ ms, failure }) => {
			probe.busy = false;
			writes.push(ms);
			if (failure) failures.push({ ms, reason: failure });
			inFlight.delete(save);
		});
		inFlight.add(save);
	};
	tick();
	const timer = setInterval(tick, everyMs);
	return {
		async stop() {
			clearInterval(timer);
			await Promise.all(inFlight);
			return summariseWrites(writes, failures, skipped);
		}
	};
}

function summariseWrites(writes, failures, skipped) {
	const sorted = [...writes].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return {
		count: writes.length,
		median:
			sorted.length === 0
				? NaN
				: sorted.length % 2
					? sorted[mid]
					: (sorted[mid - 1] + sorted[mid]) / 2,
		max: sorted.length ? sorted[sorted.length - 1] : NaN,
		over500: sorted.filter((ms) => ms > 500).length,
		over1000: sorted.filter((ms) => ms > 1000).length,
		skipped,
		failures
	};
}
