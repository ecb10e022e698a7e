/** The import benchmark's figures as Markdown, for bench/results/import-latest.md and the README. */
import { cpus } from 'node:os';
import { int } from './report.js';

const seconds = (ms) => (ms / 1000).toFixed(2);
const mb = (bytes) => (bytes / 1e6).toFixed(0);
const times = (ratio) => `${ratio.toFixed(1)}×`;
const latency = (ms) => (Number.isFinite(ms) ? (ms >= 100 ? int(ms) : ms.toFixed(1)) : '–');
const met = (ok) => (ok ? '**met**' : '**not met**');

/** One table row: a step, its time, its ratio to the baseline, the server's memory and the page loads while it ran. */
function stepRow(label, ms, baselineMs, step) {
	const loads = step?.loads;
	const over = loads
		? `${loads.over500}${loads.failures.length ? ` (${loads.failures.length} failed)` : ''}`
		: '';
	return `| ${label} | ${seconds(ms)} | ${baselineMs ? times(ms / baselineMs) : ''} | ${step ? `${mb(step.memory.maxRss)} (${mb(step.memory.anonAtPeak)} + ${mb(step.memory.fileAtPeak)})` : ''} | ${loads ? loads.count : ''} | ${loads ? latency(loads.median) : ''} | ${loads ? latency(loads.max) : ''} | ${over} | ${step?.loop ? latency(step.loop.maxMs) : ''} |`;
}

/**
 * The edits another officer saved while the commit ran, against the same edits with nothing else
 * running, and how long the commit held the database's write lock (from the app's log).
 */
function smallWritesTable(idle, commit) {
	const w = commit.smallWrites;
	const row = (label, s) =>
		`| ${label} | ${s.count} | ${latency(s.median)} | ${latency(s.max)} | ${s.over500} | ${s.over1000} | ${s.failures.length || ''} |`;
	return [
		`**Small writes during the commit.** While the commit runs, an edit of a system is saved (POST /systems/[id]/edit, as a browser without JavaScript posts it) every 250 ms, whether or not the earlier ones have answered, as several officers at work would. ` +
			`The commit held the write lock for ${commit.writeLockMs == null ? 'an unknown time (the app logged none)' : `**${seconds(commit.writeLockMs)} s** of its ${seconds(commit.ms)} s`}.`,
		'',
		'| Edits saved | count | median ms | longest ms | over 500 ms | over 1 s | failed |',
		'|---|---:|---:|---:|---:|---:|---:|',
		row('Idle, before the import', idle),
		row('During the commit', w),
		''
	];
}

export function importMarkdown(r) {
	const cpu = cpus();
	const { inventory, baselines, first, second, targets } = r;
	const baselineMs = r.baseline.totalMs;
	const lines = [];
	lines.push(`### Import of a ${inventory.rows.toLocaleString('en-GB')}-row CSV`, '');
	lines.push(
		`Run ${r.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; app source ${r.source}. ` +
			`File: ${inventory.rows.toLocaleString('en-GB')} rows × ${inventory.columns} columns, ${(inventory.bytes / 1e6).toFixed(1)} MB, UTF-8 with BOM, CRLF, the export's headings; ` +
			`${inventory.badRows.length} deliberately bad rows and a blank line (bench/lib/inventory.js v${inventory.version}, seed ${inventory.seed}). ` +
			`Value mapping and the update diff are on: ${int(inventory.ownWordRows.reduce((n, w) => n + w.rows, 0))} rows use ${inventory.ownWordRows.length} values in the council's own words (${inventory.ownWordRows.map((w) => `'${w.text}' ${int(w.rows)}`).join(', ')}), ` +
			`which the preview is given the officer's answers for (vk/vv), and ${int(inventory.expected.update)} rows (40%) update systems already in the database, a tenth of them with blank cells (which never erase). ` +
			`The app's database holds the bench organisation (3 directorates, 11 service areas, 7 workstreams) and those ${int(inventory.earlierRows)} systems, imported beforehand through the app from an earlier file (${seconds(r.earlier.ms)} s, not timed against the baseline). ` +
			`The baseline starts from the organisation with no systems. Baseline: papaparse parse of the same text, then the same good rows as multi-row INSERTs through @libsql/client in one transaction, ` +
			`run ${baselines.length} times in this run (before, between and after the app's imports), median used. /systems is loaded (signed in) every 100 ms while each step runs.`,
		''
	);
	lines.push(
		'| Step | Seconds | vs baseline | Server peak RSS MB (anonymous + file) | /systems loads | median ms | max ms | over 500 ms | Event loop held, max ms |'
	);
	lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
	lines.push(
		`| Baseline: papaparse parse (${baselines.map((b) => seconds(b.parseMs)).join(', ')}) | ${seconds(r.baseline.parseMs)} |  |  |  |  |  |  |`
	);
	lines.push(
		`| Baseline: convert + multi-row INSERT (${baselines.map((b) => seconds(b.insertMs)).join(', ')}) | ${seconds(r.baseline.insertMs)} |  |  |  |  |  |  |`
	);
	lines.push(`| **Baseline total** | **${seconds(baselineMs)}** | 1.0× |  |  |  |  |  |`);
	lines.push(
		`| Idle, before the import |  |  | ${mb(r.idle.memory.rss)} | ${r.idle.loads.count} | ${latency(r.idle.loads.median)} | ${latency(r.idle.loads.max)} | ${r.idle.loads.over500} |`
	);
	lines.push(
		stepRow(
			`App: upload (POST /import, ${(inventory.bytes / 1e6).toFixed(1)} MB multipart)`,
			first.upload.ms,
			baselineMs,
			first.upload
		)
	);
	lines.push(
		stepRow('App: preview (GET /import/[id])', first.preview.ms, baselineMs, first.preview)
	);
	lines.push(
		stepRow(
			`App: updates.csv (every updated system's fields before and after: ${int(first.updates.lines)} lines, ${(first.updates.bytes / 1e6).toFixed(1)} MB)`,
			first.updates.ms,
			baselineMs,
			first.updates
		)
	);
	lines.push(stepRow('App: commit (POST ?/commit)', first.commit.ms, baselineMs, first.commit));
	lines.push(
		`| **App: preview + commit** | **${seconds(first.preview.ms + first.commit.ms)}** | **${times((first.preview.ms + first.commit.ms) / baselineMs)}** |  |  |  |  |  |`
	);
	lines.push(
		`| App: upload + preview + commit | ${seconds(first.upload.ms + first.preview.ms + first.commit.ms)} | ${times((first.upload.ms + first.preview.ms + first.commit.ms) / baselineMs)} |  |  |  |  |  |`
	);
	lines.push(stepRow('Same file again: upload', second.upload.ms, baselineMs, second.upload));
	lines.push(
		stepRow(
			`Same file again: preview (diff against ${int(first.created)} systems)`,
			second.preview.ms,
			baselineMs,
			second.preview
		)
	);
	lines.push('');
	lines.push(...smallWritesTable(r.idle.writes, first.commit));
	const c = first.preview.counts;
	const s = second.preview.counts;
	lines.push(
		`**What the app did.** Preview: ${int(c.create)} to create, ${int(c.update)} to update, ${int(c.unchanged)} unchanged, ${int(c.rejected)} rejected ` +
			`(expected ${int(inventory.expected.create)}, ${int(inventory.expected.update)} and ${int(inventory.expected.rejected)}${r.checks.rejectedRowsMatch ? '; the rejected row numbers are the bad rows' : `; rejected rows listed: ${r.checks.rejectedRowsShown}`}). ` +
			`Commit: ${int(first.commit.created)} created and ${int(first.commit.updated)} updated; the database then holds ${int(first.created)} systems. ` +
			`Same file again: ${int(s.create)} created, ${int(s.update)} updated, ${int(s.unchanged)} unchanged, ${int(s.rejected)} rejected ` +
			`(${r.checks.idempotent ? 'nothing changes: **OK**' : '**BROKEN**: importing the same file twice must change nothing'}).`
	);
	lines.push('');
	lines.push(
		`**Targets.** Import at most 3× the baseline: the commit alone (which decodes, parses, maps, validates, diffs and writes again) takes ` +
			`${times(targets.commitRatio)}: ${met(targets.commitRatio <= 3)}; preview + commit ${times(targets.previewCommitRatio)}: ${met(targets.previewCommitRatio <= 3)}. ` +
			`Peak memory under 400 MB: the server's VmHWM is ${mb(targets.peakAfterFirst)} MB after the first import and ${mb(targets.peakBytes)} MB after the second preview: ${met(targets.peakBytes < 400e6)}. ` +
			`Every concurrent page load under 500 ms: the slowest /systems load during the commit took ${latency(first.commit.loads.max)} ms ` +
			`(${first.commit.loads.over500} of ${first.commit.loads.count} over 500 ms${first.commit.loads.failures.length ? `, ${first.commit.loads.failures.length} failed: ${[...new Set(first.commit.loads.failures.map((f) => f.reason))].join('; ')}` : ''}): ` +
			`${met(first.commit.loads.count > 0 && first.commit.loads.max < 500 && first.commit.loads.failures.length === 0)}; over every step above, ${r.allLoads.over500} of ${r.allLoads.count} loads took over 500 ms.`
	);
	return lines.join('\n') + '\n';
}
