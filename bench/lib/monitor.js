/** Watching a server while it works: its memory from /proc, and how long other people's page loads take. */
import { readFileSync, writeFileSync } from 'node:fs';
import { median } from './pages.js';

/**
 * Resident memory now (VmRSS, and its parts: anonymous memory such as the JS heap and SQLite's page
 * cache, and file pages such as the memory-mapped database) and its peak since the process started
 * (VmHWM), in bytes; null without /proc.
 */
export function readMemory(pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kB = (key) =>
			Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN) * 1024;
		return { rss: kB('VmRSS'), anon: kB('RssAnon'), file: kB('RssFile'), hwm: kB('VmHWM') };
	} catch {
		return null;
	}
}

/**
 * Starts VmHWM again from the current resident memory (Linux: '5' to /proc/PID/clear_refs), so a
 * peak can be read for one part of a run; false when the kernel or permissions do not allow it.
 */
export function resetPeakMemory(pid) {
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/** Samples VmRSS every `everyMs` until stopped; VmHWM catches any peak between samples. */
export function sampleMemory(pid, everyMs = 50) {
	let peak = readMemory(pid) ?? { rss: NaN, anon: NaN, file: NaN };
	const keepPeak = (m) => {
		if (m && !(m.rss <= peak.rss)) peak = m;
	};
	const timer = setInterval(() => keepPeak(readMemory(pid)), everyMs);
	return {
		stop() {
			clearInterval(timer);
			const m = readMemory(pid);
			keepPeak(m);
			return { maxRss: peak.rss, anonAtPeak: peak.anon, fileAtPeak: peak.file, hwm: m?.hwm ?? NaN };
		}
	};
}

/**
 * Loads `url` one request at a time, starting one every `everyMs` (or as soon as the last one answers
 * when it took longer), until stopped or `maxLoads` have been made. The request in flight when it is
 * stopped is waited for: it overlapped the work being measured. A load that fails counts with the
 * time it took to fail: to the person waiting, it was that slow and then broke.
 */
export function loadPagesEvery(url, headers, { everyMs = 100, maxLoads = 6000 } = {}) {
	const latencies = [];
	const failures = [];
	let stopped = false;
	const loop = (async () => {
		for (let i = 0; i < maxLoads && !stopped; i++) {
			const started = performance.now();
			try {
				const response = await fetch(url, {
					headers,
					redirect: 'manual',
					signal: AbortSignal.timeout(120_000)
				});
				await response.arrayBuffer();
				latencies.push(performance.now() - started);
				if (response.status !== 200)
					failures.push({ ms: performance.now() - started, reason: `answered ${response.status}` });
			} catch (error) {
				latencies.push(performance.now() - started);
				const cause = error?.cause?.code ?? error?.cause?.message;
				failures.push({
					ms: performance.now() - started,
					reason: `${error instanceof Error ? error.message : String(error)}${cause ? ` (${cause})` : ''}`
				});
			}
			const wait = everyMs - (performance.now() - started);
			if (wait > 0 && !stopped) await new Promise((r) => setTimeout(r, wait));
		}
	})();
	return {
		async stop() {
			stopped = true;
			await loop;
			return summariseLoads(latencies, failures);
		}
	};
}

export function summariseLoads(latencies, failures = []) {
	return {
		count: latencies.length,
		median: latencies.length ? median(latencies) : NaN,
		max: latencies.length ? Math.max(...latencies) : NaN,
		over500: latencies.filter((ms) => ms > 500).length,
		failures
	};
}
