/** Checking that a page is the one meant, measuring it, and looking at what it ships and queries. */
import { createClient } from '@libsql/client';
import autocannon from 'autocannon';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { RESULTS, VITE_NODE } from './paths.js';
import { runLogged } from './processes.js';

function tableRows(html) {
	const body = html.match(/<tbody[^>]*>([\s\S]*?)<\/tbody>/);
	return body ? (body[1].match(/<tr[\s>]/g) ?? []).length : 0;
}

/** Fetches a page once and proves it is the page we mean to measure, not an error page. */
export async function checkPage(url, marker, headers = {}) {
	const response = await fetch(url, {
		headers,
		redirect: 'manual',
		signal: AbortSignal.timeout(60_000)
	});
	const html = await response.text();
	if (response.status !== 200)
		throw new Error(
			`${url} answered ${response.status} ${response.headers.get('location') ?? ''}, not 200`
		);
	if (!html.includes(marker))
		throw new Error(`${url} has no ${marker}: not the page we meant to measure`);
	const rows = tableRows(html);
	if (rows === 0) throw new Error(`${url} shows no rows`);
	const status =
		html.match(/data-testid="result-count"[^>]*>([\s\S]*?)<\/p>/)?.[1].replace(/<[^>]*>/g, '') ??
		'';
	const total = status.match(/((?:more than )?[\d,]+)\s+systems?/)?.[1] ?? null;
	const firstId = Number(html.match(/<tbody[\s\S]*?href="\/systems\/(\d+)"/)?.[1] ?? NaN);
	return { rows, total, firstId, html, headers: response.headers };
}

/**
 * Ways to address the mid-list page, each with the row it must start with: a keyset cursor in the
 * app's format (base64url JSON of [sort key, id] of the row before), then a page number. The first
 * that really starts at that row is measured; a URL the app ignores would measure page 1 instead.
 */
export async function deepPageCandidates(databaseFile, deepPage, pageSize) {
	const client = createClient({ url: pathToFileURL(databaseFile).href });
	try {
		const result = await client.execute({
			sql: "SELECT id, name FROM system WHERE organisation_id = 1 AND lifecycle <> 'archived' ORDER BY name, id LIMIT 2 OFFSET ?",
			args: [(deepPage - 1) * pageSize - 1]
		});
		const [previous, first] = result.rows;
		if (!first) return { firstId: null, paths: [] };
		const cursor = Buffer.from(
			JSON.stringify([String(previous.name), Number(previous.id)])
		).toString('base64url');
		return {
			firstId: Number(first.id),
			paths: [`/systems?after=${cursor}`, `/systems?page=${deepPage}`]
		};
	} finally {
		client.close();
	}
}

/** One autocannon run against one URL. */
export function measure(url, { duration, connections, headers = {} }) {
	return new Promise((resolvePromise, reject) => {
		autocannon(
			{ url, headers, connections, duration, pipelining: 1, timeout: 60 },
			(error, result) => (error ? reject(error) : resolvePromise(result))
		);
	});
}

export const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Every JS module a browser fetches when it opens `url`: scripts, modulepreloads, the start script's imports, and their static imports. */
export async function shippedJs(url, page) {
	const found = new Set();
	const add = (ref, base) => found.add(new URL(ref, base).href);
	for (const [, ref] of page.html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) add(ref, url);
	for (const [tag] of page.html.matchAll(/<link\b[^>]*>/g)) {
		const href = tag.match(/\bhref="([^"]+)"/)?.[1];
		if (href && /\brel="modulepreload"/.test(tag)) add(href, url);
	}
	for (const [, body] of page.html.matchAll(
		/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g
	)) {
		for (const [, ref] of body.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) add(ref, url);
	}
	for (const part of (page.headers.get('link') ?? '').split(/,(?=\s*<)/)) {
		const ref = part.match(/<([^>]+)>/)?.[1];
		if (ref && /rel="?modulepreload"?/.test(part)) add(ref, url);
	}
	const staticImport = /(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;
	const files = [];
	const queue = [...found];
	while (queue.length > 0 && files.length < 300) {
		const href = queue.shift();
		const response = await fetch(href, { signal: AbortSignal.timeout(60_000) });
		if (response.status !== 200) throw new Error(`${href} answered ${response.status}`);
		const bytes = Buffer.from(await response.arrayBuffer());
		files.push({
			href,
			raw: bytes.length,
			gzip9: gzipSync(bytes, { level: 9 }).length,
			gzipDefault: gzipSync(bytes).length
		});
		for (const [, ref] of bytes.toString('utf8').matchAll(staticImport)) {
			const next = new URL(ref, href).href;
			if (!found.has(next)) {
				found.add(next);
				queue.push(next);
			}
		}
	}
	const sum = (key) => files.reduce((total, f) => total + f[key], 0);
	return { files, raw: sum('raw'), gzip9: sum('gzip9'), gzipDefault: sum('gzipDefault') };
}

/** Runs bench/explain.ts in the app's folder with vite-node, so `$lib` is the code that was measured. */
export async function explainQueries(app, databaseFile, paths) {
	const out = join(RESULTS, 'explain.json');
	rmSync(out, { force: true });
	await runLogged(process.execPath, [VITE_NODE, app.explainScript], {
		cwd: app.cwd,
		env: {
			BENCH_DATABASE_URL: pathToFileURL(databaseFile).href,
			BENCH_EXPLAIN_URLS: JSON.stringify(paths),
			BENCH_EXPLAIN_OUT: out
		},
		logFile: join(RESULTS, 'explain.log'),
		timeoutMs: 180_000
	});
	return JSON.parse(readFileSync(out, 'utf8'));
}
