/**
 * Preloaded into the app's server by the roll-ups benchmark (node --require), never by the app
 * itself: measures how long the event loop is held, with node's own event-loop delay histogram
 * sampled every 5 ms. On SIGUSR2 it writes what it saw since the last signal to LOOP_MONITOR_FILE
 * (the longest hold, the 99th percentile, how many samples, a sequence number) and starts again.
 */
const { monitorEventLoopDelay } = require('node:perf_hooks');
const { writeFileSync } = require('node:fs');

const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
let sequence = 0;
process.on('SIGUSR2', () => {
	sequence++;
	const ms = (ns) => ns / 1e6;
	const report = { sequence, maxMs: ms(histogram.max), p99Ms: ms(histogram.percentile(99)), meanMs: ms(histogram.mean), samples: histogram.count };
	writeFileSync(process.env.LOOP_MONITOR_FILE, JSON.stringify(report));
	histogram.reset();
});
