/**
 * The OData v4 feed's answers: the service document, $metadata, and each entity set as JSON pages
 * (at most 5,000 rows, then an absolute, signed @odata.nextLink) or as one CSV (UTF-8 with a BOM).
 * Every failure is an OData JSON error; nothing here writes a token or a query value to the log.
 */
import type { RequestEvent } from '@sveltejs/kit';
import {
	MAX_PAGE_SIZE,
	ODataError,
	metadataXml,
	odataErrorBody,
	planQuery,
	serviceDocument,
	type EntitySetDefinition,
	type QueryPlan
} from '$lib/domain/odata';
import type { CsvCell } from '$lib/domain/csv/write';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';
import { db, snapshotRead } from '../db/database';
import type { Executor } from '../db';
import { letOthersRun } from '../db/bulk';
import * as odata from '../repos/odata';
import { ENTITY_SETS, entitySet } from '../repos/odata-sets';
import { csvProducedResponse, producedStream } from './csv-response';
import { apiCaller, ApiRefusal, refuseSet, type ApiCaller } from './odata-auth';
import { makeSkipToken, readSkipToken, type LinkState } from './odata-links';

const ODATA_HEADERS = { 'odata-version': '4.0', 'cache-control': 'no-store' };
const JSON_TYPE =
	'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

function json(body: unknown, extra: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), {
		headers: { ...ODATA_HEADERS, 'content-type': JSON_TYPE, ...extra }
	});
}

function errorResponse(error: ODataError): Response {
	const extra = error instanceof ApiRefusal ? error.headers : {};
	return new Response(JSON.stringify(odataErrorBody(error)), {
		status: error.status,
		headers: { ...ODATA_HEADERS, 'content-type': JSON_TYPE, ...extra }
	});
}

const serviceRoot = (event: RequestEvent, slug: string) =>
	`${event.url.origin}/api/odata/v4/${encodeURIComponent(slug)}`;

/** Runs `work` for the token's caller; an ODataError becomes its JSON answer. */
async function answer(
	event: RequestEvent,
	work: (caller: ApiCaller, slug: string) => Promise<Response>
): Promise<Response> {
	const slug = event.params.org ?? '';
	try {
		return await work(await apiCaller(event, slug), slug);
	} catch (error) {
		if (error instanceof ODataError) return errorResponse(error);
		throw error;
	}
}

function readable(caller: ApiCaller): EntitySetDefinition[] {
	return ENTITY_SETS.filter((s) => caller.scopes.includes(s.name as never));
}

/** GET /api/odata/v4/{organisation}: the service document. */
export function serveServiceDocument(event: RequestEvent): Promise<Response> {
	return answer(event, async (caller, slug) =>
		json(serviceDocument(`${serviceRoot(event, slug)}/`, readable(caller)))
	);
}

/** GET /api/odata/v4/{organisation}/{set} (or $metadata). */
export function serveEntitySet(event: RequestEvent): Promise<Response> {
	return answer(event, async (caller, slug) => {
		const name = event.params.set ?? '';
		if (name === '$metadata')
			return new Response(metadataXml(readable(caller)), {
				headers: { ...ODATA_HEADERS, 'content-type': 'application/xml;charset=utf-8' }
			});
		const set = entitySet(name);
		if (!set)
			throw new ODataError(
				404,
				'UnknownEntitySet',
				`There is no entity set named ${name.slice(0, 60)}`
			);
		if (!caller.scopes.includes(set.name as never)) await refuseSet(event, caller, set.name);
		const params = event.url.searchParams;
		const plan = planQuery(set, params);
		if (plan.format === 'csv') return csv(set, plan, caller.organisationId);
		return page(event, set, plan, caller.organisationId, serviceRoot(event, slug));
	});
}

/** Rows read per statement: 1,000 took up to 100 ms of CPU on a loaded machine (bench/odata.js); 500 about half. */
const CHUNK_ROWS = 500;

function after(
	plan: QueryPlan,
	state: LinkState,
	lastKey: (string | number)[] | null,
	rows: number
) {
	return plan.orderBy.length === 0
		? { afterKey: lastKey, offset: 0, served: state.served + rows }
		: { afterKey: null, offset: state.offset + rows, served: state.served + rows };
}

/**
 * `count` rows from `start`, a part at a time. In key order they are read 500 at a time,
 * each statement starting after the last key, so no one statement holds the event loop for a whole
 * page, and other requests run between parts; an $orderby is read a page (5,001 rows) per
 * statement, since each part would sort the set again.
 */
async function* readRows(
	ex: Executor,
	set: EntitySetDefinition,
	plan: QueryPlan,
	organisationId: number,
	start: LinkState,
	count: number
): AsyncGenerator<odata.Page> {
	const chunk = plan.orderBy.length === 0 ? CHUNK_ROWS : Math.min(count, MAX_PAGE_SIZE + 1);
	let state = start;
	for (let read = 0; read < count;) {
		const want = Math.min(chunk, count - read);
		const part = await odata.readPage(ex, set, plan, organisationId, state, want);
		yield part;
		read += part.rows.length;
		if (part.rows.length < want) return;
		state = after(plan, state, part.keys.at(-1) ?? null, want);
		await letOthersRun();
	}
}

/** Rows in one page: 5,000, or fewer if the client prefers (Prefer: odata.maxpagesize). */
function pageSize(request: Request): number {
	const prefer = /odata\.maxpagesize=(\d{1,9})/.exec(request.headers.get('prefer') ?? '');
	const asked = prefer ? Number(prefer[1]) : MAX_PAGE_SIZE;
	return Math.max(1, Math.min(MAX_PAGE_SIZE, asked));
}

/**
 * One page as OData JSON, written as its rows are read (500 at a time): the page is never
 * held whole, as rows or as one string. The next link comes after the rows, as OData's streaming
 * JSON allows, since only the row after the page tells whether there is one.
 */
async function page(
	event: RequestEvent,
	set: EntitySetDefinition,
	plan: QueryPlan,
	organisationId: number,
	root: string
): Promise<Response> {
	const params = event.url.searchParams;
	const state: LinkState = plan.skiptoken
		? readSkipToken(plan.skiptoken, organisationId, set.name, params)
		: { afterKey: null, offset: plan.skip, served: 0 };
	const size = pageSize(event.request);
	const remaining = plan.top === null ? Infinity : Math.max(0, plan.top - state.served);
	const limit = Math.min(size, remaining);
	const head: Record<string, unknown> = {
		'@odata.context': `${root}/$metadata#${set.name}${plan.selectText ? `(${plan.selectText})` : ''}`
	};
	if (plan.count) head['@odata.count'] = await odata.countRows(db(), set, plan, organisationId);
	const opening = `${JSON.stringify(head).slice(0, -1)},"value":[`;
	const body = producedStream(
		opening,
		async (write) => {
			let written = 0;
			let lastKey: (string | number)[] | null = null;
			let more = false;
			// One row more than the page, to know whether another page follows.
			// The page's parts from one snapshot (db/index.ts withSnapshotReader), as /systems.csv.
			if (limit > 0)
				await snapshotRead(async (ex) => {
					for await (const part of readRows(ex, set, plan, organisationId, state, limit + 1)) {
						let text = '';
						for (let i = 0; i < part.rows.length; i++) {
							if (written === limit) {
								more = true;
								break;
							}
							text += `${written > 0 ? ',' : ''}${JSON.stringify(part.rows[i])}`;
							lastKey = part.keys[i] ?? null;
							written++;
						}
						if (text) await write(text);
					}
				});
			if (!more) return void (await write(']}'));
			const link = new URL(event.url);
			const next = after(plan, state, lastKey, limit);
			link.searchParams.set('$skiptoken', makeSkipToken(organisationId, set.name, params, next));
			await write(`],"@odata.nextLink":${JSON.stringify(link.href)}}`);
		},
		`the OData page of ${set.name}`
	);
	const applied: Record<string, string> = event.request.headers
		.get('prefer')
		?.includes('odata.maxpagesize')
		? { 'preference-applied': `odata.maxpagesize=${size}` }
		: {};
	return new Response(body, {
		headers: { ...ODATA_HEADERS, 'content-type': JSON_TYPE, ...applied }
	});
}

function csvCell(plan: QueryPlan, i: number, value: unknown): CsvCell {
	if (value === null || value === undefined) return '';
	if (plan.select[i]?.type === 'Edm.Decimal') return (value as number).toFixed(2);
	return value as CsvCell;
}

/** The whole set (filtered, ordered, $top and $skip applied) as one CSV, written as it is read. */
function csv(set: EntitySetDefinition, plan: QueryPlan, organisationId: number): Response {
	const header = plan.select.map((p) => p.name);
	return csvProducedResponse(header, csvFileName(set.name, todayInUk()), async (emit) => {
		const start: LinkState = { afterKey: null, offset: plan.skip, served: 0 };
		await snapshotRead(async (ex) => {
			for await (const part of readRows(ex, set, plan, organisationId, start, plan.top ?? Infinity))
				await emit(part.rows.map((row) => header.map((name, i) => csvCell(plan, i, row[name]))));
		});
	});
}
