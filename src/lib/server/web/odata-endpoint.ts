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
import { db } from '../db/database';
import { letOthersRun } from '../db/bulk';
import * as odata from '../repos/odata';
import { ENTITY_SETS, entitySet } from '../repos/odata-sets';
import { csvProducedResponse } from './csv-response';
import { apiCaller, ApiRefusal, type ApiCaller } from './odata-auth';
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
		if (!caller.scopes.includes(set.name as never))
			throw new ODataError(403, 'Forbidden', `This API token may not read ${set.name}`);
		const params = event.url.searchParams;
		const plan = planQuery(set, params);
		if (plan.format === 'csv') return csv(set, plan, caller.organisationId);
		return page(event, set, plan, caller.organisationId, serviceRoot(event, slug));
	});
}

/** Rows read per statement: a few milliseconds each, with a turn of the event loop between. */
const CHUNK_ROWS = 1_000;

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
 * `count` rows from `start`. In key order they are read a thousand at a time, each statement
 * starting after the last key, so no one statement holds the event loop for a whole page; an
 * $orderby is read in one statement, since each part would sort the set again.
 */
async function readRows(
	set: EntitySetDefinition,
	plan: QueryPlan,
	organisationId: number,
	start: LinkState,
	count: number
): Promise<odata.Page> {
	const chunk = plan.orderBy.length === 0 ? CHUNK_ROWS : count;
	const read: odata.Page = { rows: [], keys: [] };
	let state = start;
	while (read.rows.length < count) {
		const want = Math.min(chunk, count - read.rows.length);
		const part = await odata.readPage(db(), set, plan, organisationId, state, want);
		read.rows.push(...part.rows);
		read.keys.push(...part.keys);
		if (part.rows.length < want) break;
		state = after(plan, state, part.keys.at(-1) ?? null, want);
		await letOthersRun();
	}
	return read;
}

/** Rows in one page: 5,000, or fewer if the client prefers (Prefer: odata.maxpagesize). */
function pageSize(request: Request): number {
	const prefer = /odata\.maxpagesize=(\d{1,9})/.exec(request.headers.get('prefer') ?? '');
	const asked = prefer ? Number(prefer[1]) : MAX_PAGE_SIZE;
	return Math.max(1, Math.min(MAX_PAGE_SIZE, asked));
}

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
	// One row more than the page, to know whether another page follows.
	const read =
		limit > 0
			? await readRows(set, plan, organisationId, state, limit + 1)
			: { rows: [], keys: [] };
	const more = read.rows.length > limit;
	const rows = more ? read.rows.slice(0, limit) : read.rows;
	const body: Record<string, unknown> = {
		'@odata.context': `${root}/$metadata#${set.name}${plan.selectText ? `(${plan.selectText})` : ''}`
	};
	if (plan.count) body['@odata.count'] = await odata.countRows(db(), set, plan, organisationId);
	body.value = rows;
	if (more) {
		const next = after(plan, state, read.keys[limit - 1] ?? null, limit);
		const link = new URL(event.url);
		link.searchParams.set('$skiptoken', makeSkipToken(organisationId, set.name, params, next));
		body['@odata.nextLink'] = link.href;
	}
	const applied: Record<string, string> = event.request.headers
		.get('prefer')
		?.includes('odata.maxpagesize')
		? { 'preference-applied': `odata.maxpagesize=${size}` }
		: {};
	return json(body, applied);
}

function csvCell(plan: QueryPlan, i: number, value: unknown): CsvCell {
	if (value === null || value === undefined) return '';
	if (plan.select[i]?.type === 'Edm.Decimal') return (value as number).toFixed(2);
	return value as CsvCell;
}

/** The whole set (filtered, ordered, $top and $skip applied) as one CSV, read 5,000 rows at a time. */
function csv(set: EntitySetDefinition, plan: QueryPlan, organisationId: number): Response {
	const header = plan.select.map((p) => p.name);
	return csvProducedResponse(header, csvFileName(set.name, todayInUk()), async (emit) => {
		let state: LinkState = { afterKey: null, offset: plan.skip, served: 0 };
		for (;;) {
			const limit = Math.min(MAX_PAGE_SIZE, (plan.top ?? Infinity) - state.served);
			if (limit <= 0) return;
			const read = await readRows(set, plan, organisationId, state, limit);
			emit(read.rows.map((row) => header.map((name, i) => csvCell(plan, i, row[name]))));
			if (read.rows.length < limit) return;
			state = after(plan, state, read.keys.at(-1) ?? null, limit);
			await letOthersRun();
		}
	});
}
