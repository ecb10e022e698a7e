/**
 * Preloaded into the app's server by the roll-ups benchmark (node --require), never by the app
 * itself: measures how long the event loop is held, with node's own event-loop delay histogram
 * sampled every 5 ms. On SIGUSR2 it writes what it saw since the last signal to LOOP_MONITOR_FILE
 * (the longest hold, the 99th percentile, how many samples, a sequence number, and when the holds
 * over 50 ms happened, on the clock a --cpu-prof profile uses) and starts again.
 *
 * On a loaded machine a wall-clock gap also counts the time the process waited for a core, so it
 * also reports the CPU time the process used between two ticks of its timer (`maxCpuMs`): what a
 * hold cost in work, which waiting for a core does not inflate (it counts every thread of the
 * process, so it is an upper bound on the main thread's), and how many gaps passed 100 ms by each measure.
 * On Linux it also reports the main thread's own CPU time between two ticks (`maxMainCpuMs`, from
 * /proc/self/task/PID/stat, in 10 ms clock ticks): a worker thread's work (a key save's transaction
 * runs on one) counts in `maxCpuMs` but never holds the loop, so this is the hold's work itself.
 */
const { monitorEventLoopDelay } = require('node:perf_hooks');
const { readFileSync, writeFileSync } = require('node:fs');

const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
let sequence = 0;

// A timer of our own every 5 ms: a gap much longer than that is a hold, kept with its start and end.
const micros = () => Number(process.hrtime.bigint() / 1000n);
let holds = [];
let last = micros();
let lastCpu = process.cpuUsage();
let maxCpuUs = 0;
let wallOver100 = 0;
let cpuOver100 = 0;
const mainStat = `/proc/self/task/${process.pid}/stat`;
/** The main thread's user + system CPU in ms (clock ticks of 10 ms), or null where /proc has no such file. */
const mainCpuMs = () => {
	try {
		const fields = readFileSync(mainStat, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return null;
	}
};
let lastMain = mainCpuMs();
let maxMainCpuMs = 0;
let mainCpuOver100 = 0;
setInterval(() => {
	const main = mainCpuMs();
	const mainDelta = main != null && lastMain != null ? main - lastMain : null;
	if (mainDelta != null) {
		maxMainCpuMs = Math.max(maxMainCpuMs, mainDelta);
		if (mainDelta > 100) mainCpuOver100++;
	}
	lastMain = main;
	const now = micros();
	const cpu = process.cpuUsage(lastCpu);
	const cpuUs = cpu.user + cpu.system;
	if (now - last > 55_000)
		holds.push({
			fromUs: last,
			toUs: now,
			ms: (now - last) / 1000,
			cpuMs: cpuUs / 1000,
			mainCpuMs: mainDelta
		});
	if (now - last > 105_000) wallOver100++;
	if (cpuUs > 100_000) cpuOver100++;
	maxCpuUs = Math.max(maxCpuUs, cpuUs);
	last = now;
	lastCpu = process.cpuUsage();
}, 5).unref();
process.on('SIGUSR2', () => {
	sequence++;
	const ms = (ns) => ns / 1e6;
	const longest = holds.sort((a, b) => b.ms - a.ms).slice(0, 20);
	const report = {
		sequence,
		maxMs: ms(histogram.max),
		p99Ms: ms(histogram.percentile(99)),
		meanMs: ms(histogram.mean),
		samples: histogram.count,
		maxCpuMs: maxCpuUs / 1000,
		wallOver100,
		cpuOver100,
		maxMainCpuMs,
		mainCpuOver100,
		holds: longest
	};
	writeFileSync(process.env.LOOP_MONITOR_FILE, JSON.stringify(report));
	histogram.reset();
	holds = [];
	maxCpuUs = 0;
	wallOver100 = 0;
	cpuOver100 = 0;
	maxMainCpuMs = 0;
	mainCpuOver100 = 0;
});
