import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES, type Role } from '$lib/domain/permissions';
import {
	bodyLimitFor,
	countBody,
	FORM_BODY_LIMIT,
	limitBodies,
	SMALL_FORM_LIMIT
} from './body-limit';
import { importMaxBytes } from '../services/imports';

type Event = Parameters<typeof bodyLimitFor>[0];

function eventFor(
	method: string,
	path: string,
	role: Role | null,
	init: { body?: BodyInit; headers?: Record<string, string> } = {}
): Event {
	const url = new URL(`http://portfolio.invalid${path}`);
	// As adapter-node passes them on: a streamed body came chunked.
	const headers = {
		...(init.body instanceof ReadableStream ? { 'transfer-encoding': 'chunked' } : {}),
		...init.headers
	};
	const request = new Request(url, {
		method,
		body: init.body,
		headers,
		duplex: 'half'
	} as RequestInit);
	return {
		request,
		url,
		locals: { user: role ? ({ role } as App.Locals['user']) : null } as App.Locals
	};
}

/** A body of `chunks` pieces of `size` bytes, sent as a stream (no declared length). */
function streamOf(chunks: number, size: number): ReadableStream<Uint8Array> {
	let sent = 0;
	return new ReadableStream({
		pull(controller) {
			if (sent++ === chunks) return controller.close();
			controller.enqueue(new Uint8Array(size).fill(97));
		}
	});
}

const UPLOAD_LIMIT = importMaxBytes() + 1024 * 1024;

describe('bodyLimitFor', () => {
	it.each([
		['POST', '/sign-in', null, SMALL_FORM_LIMIT],
		['POST', '/account/password', 'viewer', SMALL_FORM_LIMIT],
		['POST', '/systems/new', 'editor', FORM_BODY_LIMIT],
		['POST', '/import', 'editor', UPLOAD_LIMIT],
		['POST', '/costs/import', 'org_admin', UPLOAD_LIMIT],
		['POST', '/import', 'platform_admin', UPLOAD_LIMIT],
		['POST', '/import', 'viewer', FORM_BODY_LIMIT],
		['POST', '/import', 'approver', FORM_BODY_LIMIT],
		['POST', '/import', null, FORM_BODY_LIMIT],
		['POST', '/import/12', 'editor', FORM_BODY_LIMIT],
		['POST', '/imports', 'editor', FORM_BODY_LIMIT],
		['PUT', '/import', 'editor', FORM_BODY_LIMIT]
	] as const)('%s %s as %s: %i bytes', (method, path, role, limit) => {
		expect(bodyLimitFor(eventFor(method, path, role))).toBe(limit);
	});

	it('never lets any route but the two uploads, or any role that may not import, above 1 MB', () => {
		const path = fc.oneof(
			fc.constantFrom(
				'/',
				'/sign-in',
				'/systems/new',
				'/import/1',
				'/costs/import/1',
				'/admin/users'
			),
			fc.webPath()
		);
		fc.assert(
			fc.property(
				fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE'),
				path,
				fc.constantFrom(...ROLES, null),
				(method, p, role) => {
					const event = eventFor(method, p.startsWith('/') ? p : `/${p}`, role);
					const upload =
						method === 'POST' &&
						['/import', '/costs/import'].includes(event.url.pathname) &&
						['editor', 'org_admin', 'platform_admin'].includes(role ?? '');
					expect(bodyLimitFor(event) <= FORM_BODY_LIMIT).toBe(!upload);
				}
			)
		);
	});
});

describe('countBody', () => {
	it('passes a body of exactly the limit and refuses one byte more with a 413', async () => {
		const exact = countBody(
			new Request('http://x/', {
				method: 'POST',
				body: streamOf(4, 256),
				duplex: 'half'
			} as RequestInit),
			1024
		);
		expect((await exact.request.arrayBuffer()).byteLength).toBe(1024);
		expect(exact).toMatchObject({ exceeded: false, finished: true });

		const over = countBody(
			new Request('http://x/', {
				method: 'POST',
				body: streamOf(5, 205),
				duplex: 'half'
			} as RequestInit),
			1024
		);
		await expect(over.request.formData()).rejects.toMatchObject({ status: 413 });
		expect(over).toMatchObject({ exceeded: true, finished: false });
	});
});

describe('limitBodies', () => {
	const handle = (event: Event, answer = () => new Response('route answered')) => {
		let resolved = false;
		const response = limitBodies({
			event: event as never,
			resolve: async (e) => {
				resolved = true;
				await e.request.arrayBuffer().catch(() => undefined);
				return answer();
			}
		}) as Promise<Response>;
		return response.then((r) => ({
			status: r.status,
			resolved,
			connection: r.headers.get('connection')
		}));
	};

	it('refuses a declared length over the limit without calling the route', async () => {
		const event = eventFor('POST', '/sign-in', null, {
			body: 'x'.repeat(SMALL_FORM_LIMIT + 1),
			headers: { 'content-type': 'text/plain', 'content-length': String(SMALL_FORM_LIMIT + 1) }
		});
		expect(await handle(event)).toEqual({ status: 413, resolved: false, connection: 'close' });
	});

	it("refuses a viewer's upload of unknown length without calling the route", async () => {
		const event = eventFor('POST', '/import', 'viewer', { body: streamOf(1, 10) });
		expect(await handle(event)).toEqual({ status: 413, resolved: false, connection: 'close' });
	});

	it('answers 413 when the body passes the limit while the route reads it, whatever the route answers', async () => {
		const event = eventFor('POST', '/systems/new', 'editor', { body: streamOf(17, 64 * 1024) });
		expect(await handle(event)).toEqual({ status: 413, resolved: true, connection: 'close' });
	});

	it('closes the connection after a route that did not read what was sent (no Content-Type: adapter-node passes no body)', async () => {
		const event = eventFor('POST', '/systems.csv', 'editor', {
			headers: { 'transfer-encoding': 'chunked' }
		});
		expect(await handle(event)).toEqual({ status: 200, resolved: true, connection: 'close' });
	});

	it('leaves a request without a body alone', async () => {
		expect(await handle(eventFor('GET', '/systems', 'viewer'))).toEqual({
			status: 200,
			resolved: true,
			connection: null
		});
	});

	it("lets an editor's upload of unknown length through to the route", async () => {
		const event = eventFor('POST', '/import', 'editor', { body: streamOf(40, 64 * 1024) });
		expect(await handle(event)).toMatchObject({ status: 200, resolved: true });
	});
});
