/**
 * Measuring pages one request at a time (the roll-ups and recharges benchmarks): with one request
 * in flight, a request's latency is its own work and an upper bound on how long it held the event
 * loop. Also runs the project's vite-node scripts against a generated database.
 */
import { spawn } from 'node:child_process';
import { MAIN, VITE_NODE } from './paths.js';

/** Runs a vite-node script of the project and resolves with its exit code and output. */
export function runScript(script, args, env) {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(
			process.execPath,
			[VITE_NODE, '--config', 'vite.cli.config.ts', script, '--', ...args],
			{
				cwd: MAIN,
				env: { ...process.env, SEED_DEMO: 'false', ...env },
				stdio: ['ignore', 'pipe', 'pipe']
			}
		);
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('error', reject);
		child.on('close', (code) => resolvePromise({ code, output }));
	});
}

/**
 * One request after another for `seconds` (at least three): each latency in ms. One at a time, so a
 * request's latency is its own work, and a slow page is measured however slow it is.
 */
export async function loadSequentially(url, headers, seconds) {
	const latencies = [];
	const until = performance.now() + seconds * 1000;
	while (latencies.length < 3 || (performance.now() < until && latencies.length < 10_000)) {
		const started = performance.now();
		const response = await fetch(url, {
			headers,
			redirect: 'manual',
			signal: AbortSignal.timeout(120_000)
		});
		await response.arrayBuffer();
		if (response.status !== 200)
			throw new Error(`${url} answered ${response.status} while being measured`);
		latencies.push(performance.now() - started);
	}
	return latencies;
}

export const percentile = (values, p) =>
	[...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

export async function timed(work) {
	const started = performance.now();
	const result = await work();
	return { result, seconds: (performance.now() - started) / 1000 };
}

export async function checkPage(url, marker, headers) {
	const response = await fetch(url, {
		headers,
		redirect: 'manual',
		signal: AbortSignal.timeout(120_000)
	});
	const html = await response.text();
	if (response.status !== 200) throw new Error(`${url} answered ${response.status}, not 200`);
	if (!html.includes(marker))
		throw new Error(`${url} has no ${marker}: not the page meant to be measured`);
	return html;
}
