/**
 * The three steps of an import as an officer's browser makes them, without JavaScript: the upload form
 * (src/routes/import/+page.svelte), the preview page, and its commit form with the hidden fields the
 * preview wrote (the delimiter, the mapping and the fingerprint of the plan the officer saw; src/routes/import/[id]).
 * Each throws when the app answers with anything but the page or redirect an officer would get.
 */

const TIMEOUT_MS = 600_000;

/** Headers of a plain form post: Accept text/html gets SvelteKit's 303, not use:enhance's JSON. */
const formHeaders = (origin, session) => ({ ...session, origin, accept: 'text/html' });

const decodeEntities = (text) =>
	text.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|#39|apos);/gi, (entity, body) => {
		if (body[0] === '#')
			return String.fromCodePoint(
				body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1))
			);
		return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[body.toLowerCase()] ?? entity;
	});
const textOf = (html) =>
	decodeEntities(html.replace(/<[^>]*>/g, ' '))
		.replace(/\s+/g, ' ')
		.trim();

/** The messages on an error page or in a form's error summary, for the exception. */
function problemsOn(html) {
	const found = [
		...html.matchAll(
			/<(?:p|div)[^>]*class="govuk-(?:error-message|error-summary__body)"[^>]*>([\s\S]*?)<\/(?:p|div)>/g
		)
	].map((m) => textOf(m[1]));
	return found.length ? found.join(' | ') : textOf(html).slice(0, 300);
}

/** POST /import?/upload with the file as multipart field `file`; returns the upload's id. */
export async function upload(origin, session, bytes, fileName) {
	const form = new FormData();
	form.append('file', new File([bytes], fileName, { type: 'text/csv' }));
	const started = performance.now();
	const response = await fetch(`${origin}/import?/upload`, {
		method: 'POST',
		headers: formHeaders(origin, session),
		body: form,
		redirect: 'manual',
		signal: AbortSignal.timeout(TIMEOUT_MS)
	});
	const body = await response.text();
	const ms = performance.now() - started;
	const uploadId =
		response.status === 303
			? response.headers.get('location')?.match(/^\/import\/(\d+)$/)?.[1]
			: undefined;
	if (!uploadId)
		throw new Error(
			`upload answered ${response.status} ${response.headers.get('location') ?? ''}: ${problemsOn(body)}`
		);
	return { ms, uploadId: Number(uploadId) };
}

/**
 * GET /import/[id]: the counts the preview shows, the row numbers it lists as rejected, and the
 * commit form's fields (null when the page offers no commit: a file or mapping problem).
 */
export async function preview(origin, session, uploadId, answers = []) {
	const query = answers.length ? `?${new URLSearchParams(answers)}` : '';
	const started = performance.now();
	const response = await fetch(`${origin}/import/${uploadId}${query}`, {
		headers: session,
		redirect: 'manual',
		signal: AbortSignal.timeout(TIMEOUT_MS)
	});
	const html = await response.text();
	const ms = performance.now() - started;
	if (response.status !== 200)
		throw new Error(
			`preview /import/${uploadId} answered ${response.status} ${response.headers.get('location') ?? ''}`
		);
	const formHtml = html.match(/<form[^>]*action="\?\/commit"[^>]*>([\s\S]*?)<\/form>/)?.[1];
	if (!formHtml)
		throw new Error(`preview /import/${uploadId} offers no commit form: ${problemsOn(html)}`);
	const fields = new URLSearchParams();
	for (const [tag] of formHtml.matchAll(/<input\b[^>]*>/g)) {
		if (!/\btype="hidden"/.test(tag)) continue;
		const name = tag.match(/\bname="([^"]*)"/)?.[1];
		if (name)
			fields.append(
				decodeEntities(name),
				decodeEntities(tag.match(/\bvalue="([^"]*)"/)?.[1] ?? '')
			);
	}
	// The counts as the page shows them, in its 'What will happen' list (src/routes/import/[id]/+page.svelte).
	const list = html.match(/<dl[^>]*data-testid="import-counts"[^>]*>([\s\S]*?)<\/dl>/)?.[1] ?? '';
	const shown = new Map(
		[...list.matchAll(/<dt[^>]*>([^<]*)<\/dt>\s*<dd[^>]*>([^<]*)<\/dd>/g)].map((m) => [
			decodeEntities(m[1]).trim(),
			m[2].replace(/,/g, '').trim()
		])
	);
	const counts = {};
	const LABELS = {
		create: 'New systems',
		update: 'Systems updated',
		unchanged: 'Left unchanged',
		rejected: 'Rows rejected (not imported)'
	};
	for (const [key, label] of Object.entries(LABELS)) {
		const value = shown.get(label);
		if (value == null || !/^\d+$/.test(value))
			throw new Error(`preview /import/${uploadId}: the page shows no '${label}' count`);
		counts[key] = Number(value);
	}
	if (!fields.get('plan'))
		throw new Error(`preview /import/${uploadId}: the commit form has no plan fingerprint`);
	const rejectedTable = html.match(/<caption[^>]*>Rejected rows[\s\S]*?<\/table>/)?.[0] ?? '';
	const rejectedRows = [
		...new Set(
			[...rejectedTable.matchAll(/<tr[^>]*>\s*<td[^>]*>(\d+)<\/td>/g)].map((m) => Number(m[1]))
		)
	];
	const commitDisabled = /<button[^>]*\bdisabled\b[^>]*>/.test(formHtml);
	// The update diff: the systems listed by name, and the link to all of them (with the preview's settings).
	const updatesHref = html.match(/href="(\/import\/\d+\/updates\.csv[^"]*)"/)?.[1];
	const unknownValues = [...html.matchAll(/name="vk\d+"/g)].length;
	return {
		ms,
		counts,
		fields,
		rejectedRows,
		commitDisabled,
		htmlBytes: Buffer.byteLength(html),
		updatesHref: updatesHref && decodeEntities(updatesHref),
		unknownValues
	};
}

/** GET the preview's 'all updated systems' CSV; returns its size and lines (a heading, then one line per changed field). */
export async function updatesCsv(origin, session, href) {
	const started = performance.now();
	const response = await fetch(`${origin}${href}`, {
		headers: session,
		redirect: 'manual',
		signal: AbortSignal.timeout(TIMEOUT_MS)
	});
	const body = await response.text();
	const ms = performance.now() - started;
	if (response.status !== 200) throw new Error(`${href} answered ${response.status}`);
	const lines = body.split(/\r?\n/).filter((line) => line !== '').length - 1;
	return { ms, bytes: Buffer.byteLength(body), lines };
}

/** POST /import/[id]?/commit with the preview's fields; returns the number the app says it imported. */
export async function commit(origin, session, uploadId, fields) {
	const started = performance.now();
	const response = await fetch(`${origin}/import/${uploadId}?/commit`, {
		method: 'POST',
		headers: {
			...formHeaders(origin, session),
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: fields.toString(),
		redirect: 'manual',
		signal: AbortSignal.timeout(TIMEOUT_MS)
	});
	const body = await response.text();
	const ms = performance.now() - started;
	// The app redirects to the result page and says what it did in the one-off success message (a cookie).
	const message = decodeURIComponent(response.headers.getSetCookie().join(';'));
	const done =
		response.status === 303 ? message.match(/(\d+) systems? added, (\d+) updated/) : null;
	if (!done)
		throw new Error(
			`commit answered ${response.status} ${response.headers.get('location') ?? ''}: ${problemsOn(body)}`
		);
	return {
		ms,
		created: Number(done[1]),
		updated: Number(done[2]),
		imported: Number(done[1]) + Number(done[2])
	};
}
