/**
 * The guard every load, action and endpoint calls first. A layout guard is not enough (it does not
 * protect form actions or +server.ts endpoints: kit issues #6315, #9482): `authorise` is called by
 * each route itself, and a coverage test checks it.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { can, type Action, type Role } from '$lib/domain/permissions';
import { transaction } from './database';
import { recordAudit } from './repos/audit';
import type { Actor } from './services/actor';
import { BOM, csvLines, type CsvCell } from '$lib/domain/csv/write';

export interface Authorised {
	actor: Actor & { userId: number };
	organisationId: number;
	role: Role;
}

type GuardEvent = Pick<RequestEvent, 'locals' | 'url' | 'request' | 'getClientAddress'>;

export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return '';
	}
}

function actorFrom(event: GuardEvent): Actor & { userId: number } {
	const user = event.locals.user!;
	return {
		organisationId: event.locals.organisation!.id,
		userId: user.id,
		displayName: user.email,
		requestId: event.locals.requestId,
		ip: clientAddress(event)
	};
}

/**
 * Lets the request through only for a signed-in user whose role may do `action`. Anyone signed
 * out is sent to sign in (and back afterwards); a refusal is a 403 with an audit row.
 */
export async function authorise(event: GuardEvent, action: Action): Promise<Authorised> {
	const { user, organisation } = event.locals;
	if (!user || !organisation) {
		const next = event.request.method === 'GET' ? `${event.url.pathname}${event.url.search}` : event.url.pathname;
		redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
	}
	const actor = actorFrom(event);
	if (!can(user.role, action)) {
		await transaction((tx) =>
			recordAudit(tx, actor, { entity: 'access', action: 'access-denied', detail: `${event.request.method} ${event.url.pathname} needs ${action}; role ${user.role}` })
		);
		error(403, 'You do not have permission to do that');
	}
	return { actor, organisationId: organisation.id, role: user.role };
}

/** A route's numeric id; anything else is a 404, exactly like a missing record. */
export function idParam(value: string | undefined): number {
	if (!value || !/^[1-9]\d{0,15}$/.test(value)) error(404, 'Not found');
	const id = Number(value);
	if (!Number.isSafeInteger(id)) error(404, 'Not found');
	return id;
}

/**
 * Answers 404 for a record that is missing or belongs to another organisation, the two being
 * indistinguishable to the caller. When it does exist elsewhere, the attempt is audited as a denial.
 */
export async function notFound(event: GuardEvent, entity: string, id: number, existsElsewhere: (organisationId: number, id: number) => Promise<boolean>): Promise<never> {
	if (event.locals.user && event.locals.organisation && (await existsElsewhere(event.locals.organisation.id, id))) {
		const actor = actorFrom(event);
		await transaction((tx) =>
			recordAudit(tx, actor, { entity, entityId: id, action: 'access-denied', detail: `${event.request.method} ${event.url.pathname}: record of another organisation` })
		);
	}
	error(404, 'Not found');
}


/** A whole-number form field (a version, an id), or null for anything else: never NaN or Infinity. */
export function wholeNumberField(form: FormData, name: string): number | null {
	const value = form.get(name);
	return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

/**
 * A CSV download: an attachment with a safe file name (csvFileName), never cached (it holds the
 * organisation's data; the hooks set the same header on every response, this keeps it if they change).
 */
/** Rows written per part of a streamed download: a few milliseconds of work between turns of the event loop. */
const ROWS_PER_PART = 1000;

/**
 * A CSV download written a thousand rows per turn of the event loop, so one as large as an upload
 * (200,000 rows) never holds the event loop while it is rendered. UTF-8 with a BOM, CRLF, formulas neutralised.
 */
export function csvStreamResponse(header: readonly string[], rows: readonly (readonly CsvCell[])[], fileName: string): Response {
	const encoder = new TextEncoder();
	let at = -1;
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (at < 0) controller.enqueue(encoder.encode(`${BOM}${csvLines([header])}`));
			else controller.enqueue(encoder.encode(csvLines(rows.slice(at, at + ROWS_PER_PART))));
			at = at < 0 ? 0 : at + ROWS_PER_PART;
			if (at >= rows.length) controller.close();
		}
	});
	return new Response(body, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' } });
}

/**
 * A CSV download written while its rows are being made: `produce` hands each batch of rows to `emit`
 * as it makes them (an import's plan, a slice of the file at a time), and each batch is encoded at
 * once, so only the download's bytes are held, never every row as arrays of cells. Written as
 * csvStreamResponse writes. The headers are sent before the rows are made: a failure part-way ends
 * the download as failed (the browser says so), and a download the client abandons stops `produce`
 * at its next batch.
 */
export function csvProducedResponse(header: readonly string[], fileName: string, produce: (emit: (rows: readonly (readonly CsvCell[])[]) => void) => Promise<void>): Response {
	const encoder = new TextEncoder();
	let cancelled = false;
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(encoder.encode(`${BOM}${csvLines([header])}`));
			const emit = (rows: readonly (readonly CsvCell[])[]) => {
				if (cancelled) throw new DownloadAbandoned();
				for (let at = 0; at < rows.length; at += ROWS_PER_PART) controller.enqueue(encoder.encode(csvLines(rows.slice(at, at + ROWS_PER_PART))));
			};
			produce(emit).then(
				() => {
					if (!cancelled) controller.close();
				},
				(error: unknown) => {
					if (cancelled) return;
					console.error(`could not finish the download ${fileName}`, error);
					controller.error(error);
				}
			);
		},
		cancel() {
			cancelled = true;
		}
	});
	return new Response(body, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' } });
}

/** Thrown into a download's producer when the client has gone: there is no one to write to. */
class DownloadAbandoned extends Error {}

export function csvResponse(body: string, fileName: string): Response {
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'no-store'
		}
	});
}
