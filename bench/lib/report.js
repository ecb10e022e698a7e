/** Formatting the figures: the Markdown table for the README and bench/results/latest.md. */
import { cpus } from 'node:os';

export const int = (n) => Math.round(n).toLocaleString('en-GB');
const ms = (n) => (n >= 100 ? int(n) : n.toFixed(1));
const pct = (n) => `${(n * 100).toFixed(n < 0.1 ? 1 : 0)}%`;
const kb = (bytes) => (bytes / 1000).toFixed(1);

/** Keeps what explains a plan (FROM, WHERE, ORDER BY) and drops long column and placeholder lists. */
function abbreviateSql(sql) {
	const from = sql.search(/ from /i);
	const short = (from > 80 ? `select …${sql.slice(from)}` : sql).replace(
		/\((\?, ){4,}\?\)/g,
		(list) => `(${(list.match(/\?/g) ?? []).length} × ?)`
	);
	return short.length > 400 ? `${short.slice(0, 400)}…` : short;
}

/** The results as Markdown, ready for the README. */
export function markdown({
	engine = 'file',
	options,
	primary: primaryPath,
	targetRatio,
	jsBudgetBytes,
	results,
	baseline,
	js,
	baselineJs,
	meta,
	source,
	explain,
	startedAt
}) {
	const cpu = cpus();
	const lines = [];
	lines.push(
		`### /systems with ${options.systems.toLocaleString('en-GB')} systems, ${engine === 'sqld' ? 'on sqld' : 'on the embedded file'}`,
		''
	);
	lines.push(
		`Run ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; ` +
			`app source ${source}. autocannon, ${options.connections} connections, ${options.rounds} interleaved rounds of ${options.duration} s per URL; ` +
			`medians across rounds. Data: ${meta.systems.toLocaleString('en-GB')} systems, ${meta.reviews.toLocaleString('en-GB')} reviews, ` +
			`${meta.outcomes.toLocaleString('en-GB')} outcomes, ${meta.links.toLocaleString('en-GB')} workstream links (bench/generate.js v${meta.generatorVersion}, ` +
			`${int(meta.rowsPerSecond)} rows/s).`,
		''
	);
	lines.push(
		'Each `/systems` URL is measured beside its **floor**: the same query string on a page of the bare app that does the same work in the least code ' +
			'(bench/baseline/src/routes/floor/+server.js: the session looked up by its hash, the user and organisation, the same filtered keyset query, ' +
			'the count bounded at 1,001 and the three filter lists as prepared raw SQL, the HTML by template strings; it must show the same rows and count). ' +
			'The bare 50-row page stays as a second reference.',
		''
	);
	lines.push(
		'| Page | Rows / matching | Median req/s | vs floor | Per-round vs floor | vs bare page | CPU ms a request | p50 ms | p99 ms | Requests | Errors | Page kB |'
	);
	lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	const cpuMs = (r) => (Number.isFinite(r.cpuMs) ? r.cpuMs.toFixed(1) : '');
	const rate = (r) => (r.rps < 10 ? r.rps.toFixed(1) : int(r.rps));
	lines.push(
		`| Bare SvelteKit page, 50 rows | ${baseline.rows} / – | ${rate(baseline)} |  |  | 100% | ${cpuMs(baseline)} | ${ms(baseline.p50)} | ${ms(baseline.p99)} | ${int(baseline.requests)} | ${baseline.errors || ''} |  |`
	);
	for (const r of results) {
		const f = r.floor;
		lines.push(
			`| ${r.label.replace('/systems', '/floor')} | ${f.rows} / ${f.total ?? '–'} | ${rate(f)} | 100% |  | ${pct(f.rps / baseline.rps)} | ${cpuMs(f)} | ${ms(f.p50)} | ${ms(f.p99)} | ${int(f.requests)} | ${f.errors || ''} | ${kb(f.bytes ?? 0)} |`
		);
		const range = `${pct(Math.min(...r.floorRoundRatios))}–${pct(Math.max(...r.floorRoundRatios))}`;
		lines.push(
			`| ${r.label} | ${r.rows} / ${r.total ?? '–'} | ${rate(r)} | **${pct(r.floorRatio)}** | ${range} | ${pct(r.ratio)} | ${cpuMs(r)} | ${ms(r.p50)} | ${ms(r.p99)} | ${int(r.requests)} | ${r.errors || ''} | ${kb(r.bytes ?? 0)} |`
		);
	}
	const meeting = results.filter((r) => r.floorRatio >= targetRatio);
	const missing = results.filter((r) => r.floorRatio < targetRatio);
	lines.push('');
	lines.push(
		`**Target: every /systems URL at ≥ ${pct(targetRatio)} of its floor's requests/s.** ` +
			`${meeting.length} of ${results.length} URLs meet it` +
			(missing.length
				? `; below: ${missing.map((r) => `${r.label} ${pct(r.floorRatio)}`).join(', ')}: **not met**.`
				: ': **met**.') +
			` Against the bare 50-row page, \`${primaryPath}\` reaches ${pct(results.find((r) => r.path === primaryPath)?.ratio ?? 0)}.`
	);
	lines.push('');
	lines.push(
		`**JavaScript shipped for /systems:** ${js.files.length} files, ${kb(js.raw)} kB raw, ${kb(js.gzip9)} kB gzip -9, ${kb(js.gzipDefault)} kB gzip -6 ` +
			`(budget 60 kB = 60,000 bytes gzip: ${Math.max(js.gzip9, js.gzipDefault) < jsBudgetBytes ? '**met**' : '**not met**'}). ` +
			`Baseline page for comparison: ${baselineJs.files.length} files, ${kb(baselineJs.gzipDefault)} kB gzip -6.`
	);
	if (explain) {
		lines.push(
			'',
			"<details><summary>SQL behind each URL: median ms per statement run alone, and SQLite's plan</summary>",
			''
		);
		for (const entry of explain) {
			const shown = entry.path.length > 60 ? `${entry.path.slice(0, 60)}…` : entry.path;
			lines.push(`\`${shown}\`: ${ms(entry.totalMs)} ms of SQL per request`, '');
			for (const s of entry.statements.filter((st) => st.ms >= 0.5)) {
				const shortSql = abbreviateSql(s.sql);
				lines.push(`- ${s.label}, ${ms(s.ms)} ms: \`${shortSql.replace(/`/g, "'")}\``);
				for (const step of s.plan) lines.push(`  - ${step.trim().replace(/`/g, "'")}`);
			}
			lines.push('');
		}
		lines.push('</details>');
	}
	return lines.join('\n') + '\n';
}
