/**
 * Issue 12 finding 3, 'echoed back': a form's failure page repeated whatever was typed, bounded only
 * by the 1 MB body limit. Against the built server, 500 KB typed into a system's name, a business
 * case's narrative and a committee report's summary is refused with the field's limit in words, and
 * the answer (as a page, and as the JSON `use:enhance` asks for) repeats at most the limit of it.
 */
import { describe, expect, test } from 'vitest';
import { baseURL, credentials, sessionCookie } from './support/browser';

const TYPED = 500 * 1024;

/** A form post as the browser sends it: without JavaScript (a page back), or through `use:enhance` (JSON back). */
async function post(path: string, fields: Record<string, string>, as: 'page' | 'json' = 'page') {
	const response = await fetch(`${baseURL}${path}`, {
		method: 'POST',
		headers: {
			origin: baseURL,
			'content-type': 'application/x-www-form-urlencoded',
			...(as === 'json'
				? { accept: 'application/json', 'x-sveltekit-action': 'true' }
				: { accept: 'text/html' }),
			...(sessionCookie ? { cookie: sessionCookie } : {})
		},
		body: new URLSearchParams(fields).toString(),
		redirect: 'manual'
	});
	return {
		status: response.status,
		location: response.headers.get('location'),
		body: await response.text()
	};
}

async function page(path: string): Promise<string> {
	const response = await fetch(`${baseURL}${path}`, {
		headers: sessionCookie ? { cookie: sessionCookie } : {}
	});
	expect(response.status, path).toBe(200);
	return response.text();
}

const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

/** The answer names the limit, repeats the typed run cut to the limit, and is small whatever was sent. */
function expectBounded(
	answer: { status: number; body: string },
	char: string,
	message: string,
	limit: number
) {
	// A page comes back as 400; the JSON for use:enhance as 200 carrying the failure's 400.
	if (answer.status === 200) expect(answer.body).toMatch(/^\{"type":"failure","status":400,/);
	else expect(answer.status).toBe(400);
	const body = answer.body.replaceAll('&#39;', "'");
	expect(body).toContain(message);
	const longestRun = Math.max(
		...[...body.matchAll(new RegExp(`${char}+`, 'g'))].map((m) => m[0].length)
	);
	expect(longestRun).toBeGreaterThanOrEqual(limit);
	expect(longestRun).toBeLessThanOrEqual(limit + 1);
	expect(answer.body.length).toBeLessThan(limit + 150_000);
}

describe.skipIf(!credentials)('what a refusal repeats back', () => {
	test('a system name of 500 KB', async () => {
		const fields = {
			name: 'q'.repeat(TYPED),
			hosting: 'saas',
			criticality: 'high',
			personalData: 'none'
		};
		for (const as of ['page', 'json'] as const)
			expectBounded(
				await post('/systems/new', fields, as),
				'q',
				'Name must be 200 characters or fewer',
				200
			);
	});

	test('a business case narrative of 500 KB', async () => {
		const created = await post('/business-cases?/create', {
			title: `Echo probe ${Date.now()}`,
			stage: 'outline'
		});
		expect(created.status).toBe(303);
		const id = /\/business-cases\/(\d+)/.exec(created.location ?? '')![1]!;
		const version = versionOf(await page(`/business-cases/${id}/edit`));
		const fields = {
			version,
			title: 'Echo probe',
			stage: 'outline',
			firstYear: '2026/27',
			years: '10',
			strategic: 'w'.repeat(TYPED)
		};
		for (const as of ['page', 'json'] as const)
			expectBounded(
				await post(`/business-cases/${id}/edit`, fields, as),
				'w',
				'Strategic case must be 20,000 characters or fewer',
				20_000
			);
	});

	test('a committee report summary of 500 KB', async () => {
		const year = 1990 + Math.floor(Math.random() * 25);
		const created = await post('/reports?/create', {
			financialYear: `${year}/${String((year + 1) % 100).padStart(2, '0')}`,
			quarter: '1'
		});
		expect(created.status).toBe(303);
		const id = /\/reports\/(\d+)/.exec(created.location ?? '')![1]!;
		const version = versionOf(await page(`/reports/${id}`));
		const fields = { version, title: 'Echo probe', summary: 'k'.repeat(TYPED) };
		for (const as of ['page', 'json'] as const)
			expectBounded(
				await post(`/reports/${id}?/save`, fields, as),
				'k',
				'Summary must be 10,000 characters or fewer',
				10_000
			);
	});
});
