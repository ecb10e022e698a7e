/**
 * Reading what bench/lib/loop-monitor.cjs (preloaded into an app server with `nodeArgs`) saw: each
 * SIGUSR2 makes it write its report, with the next sequence number, to the file named here.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN, RESULTS } from './paths.js';

/** Node flags and environment that preload the monitor into a server, reporting to `name`. */
export function loopMonitorFor(name) {
	const file = join(RESULTS, `${name}-event-loop.json`);
	rmSync(file, { force: true });
	let sequence = 0;
	return {
		nodeArgs: ['--require', join(MAIN, 'bench/lib/loop-monitor.cjs')],
		env: { LOOP_MONITOR_FILE: file },
		/** What the server's event loop went through since the last read (the first read starts afresh). */
		async read(server) {
			process.kill(server.child.pid, 'SIGUSR2');
			for (let waited = 0; waited < 5_000; waited += 10) {
				await new Promise((r) => setTimeout(r, 10));
				try {
					const report = JSON.parse(readFileSync(file, 'utf8'));
					if (report.sequence > sequence) {
						sequence = report.sequence;
						return report;
					}
				} catch {
					// Not written yet, or caught mid-write: look again shortly.
				}
			}
			throw new Error('the event-loop monitor did not answer within 5 s');
		}
	};
}
