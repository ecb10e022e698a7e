/**
 * The /systems list's view, read from and written back to the URL so any view can be bookmarked
 * and shared. The same query drives the page, the CSV export and the dashboard's links.
 */
import {
	CRITICALITY,
	HOSTING,
	PERSONAL_DATA,
	REVIEW_STATUS,
	isOneOf,
	type Criticality,
	type Hosting,
	type PersonalData,
	type ReviewStatus
} from './system';
import { OUTCOMES, type Outcome } from './review';

/** The longest search the systems list reads (its input carries it as maxlength); more is ignored. */
export const SEARCH_MAX = 200;

export const SORT_COLUMNS = [
	'name',
	'supplier',
	'directorate',
	'hosting',
	'criticality',
	'users',
	'cost',
	'contractEnd',
	'review',
	'updated'
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export const SORT_LABEL: Record<SortColumn, string> = {
	name: 'Name',
	supplier: 'Supplier',
	directorate: 'Directorate',
	hosting: 'Hosting',
	criticality: 'Criticality',
	users: 'Users',
	cost: 'Annual run cost',
	contractEnd: 'Contract end',
	review: 'Review status',
	updated: 'Last updated'
};

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;
/** 'more' = more than one outcome in the current review. */
export const OUTCOME_FILTERS = [...OUTCOMES, 'multiple'] as const;
export type OutcomeFilter = Outcome | 'multiple';

export interface SystemQuery {
	q: string;
	/** An id, or 'none' for systems with none recorded. */
	directorate: number | 'none' | null;
	serviceArea: number | 'none' | null;
	workstream: number | null;
	outcome: OutcomeFilter | null;
	review: ReviewStatus | 'reviewed' | null;
	hosting: Hosting | null;
	criticality: Criticality | null;
	personalData: PersonalData | null;
	/** 'none': a current decommission or replace outcome has no target date yet (a data-quality gap). */
	targetDate: 'none' | null;
	/** 'none': a current replace outcome has no workstream delivering it yet (a data-quality gap). */
	replaceWorkstream: 'none' | null;
	/** Contract ends within this many months from today (and has not already ended). */
	endingWithin: number | null;
	sort: SortColumn;
	dir: 'asc' | 'desc';
	/** Keyset pagination: the page after this cursor, or before it (see encodeCursor). */
	after: string;
	before: string;
	size: number;
}

export const DEFAULT_QUERY: SystemQuery = {
	q: '',
	directorate: null,
	serviceArea: null,
	workstream: null,
	outcome: null,
	review: null,
	hosting: null,
	criticality: null,
	personalData: null,
	targetDate: null,
	replaceWorkstream: null,
	endingWithin: null,
	sort: 'name',
	dir: 'asc',
	after: '',
	before: '',
	size: DEFAULT_PAGE_SIZE
};

function positiveInt(text: string | null, max: number): number | null {
	if (text == null || !/^\d{1,9}$/.test(text.trim())) return null;
	const n = Number(text.trim());
	return n >= 1 && n <= max ? n : null;
}

function cursorParam(text: string | null): string {
	return text && /^[A-Za-z0-9_-]{1,400}$/.test(text) ? text : '';
}

export type CursorKey = string | number;

/** A page boundary: the sort key and id of a row, as an opaque URL-safe token. */
export function encodeCursor(key: CursorKey, id: number): string {
	const json = JSON.stringify([key, id]);
	const bytes = new TextEncoder().encode(json);
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Reads a cursor back; anything malformed is null (the list then starts from the beginning). */
export function decodeCursor(cursor: string): [CursorKey, number] | null {
	if (!cursor) return null;
	try {
		const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
		const value: unknown = JSON.parse(
			new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
		);
		if (!Array.isArray(value) || value.length !== 2) return null;
		const [key, id] = value as unknown[];
		if ((typeof key !== 'string' && typeof key !== 'number') || !Number.isSafeInteger(id))
			return null;
		return [key, id as number];
	} catch {
		return null;
	}
}

/** Reads a query from URL parameters. Unknown or malformed values fall back to 'no filter', never an error. */
export function parseSystemQuery(params: URLSearchParams): SystemQuery {
	const get = (k: string) => params.get(k);
	const review = get('review');
	const size = positiveInt(get('size'), 100);
	// The filters' one 'Sort by' list sends 'name-desc' for 'Name (descending)'; column headings send sort and dir apart.
	const sortParam = get('sort') ?? '';
	const descending = sortParam.endsWith('-desc');
	const sortKey = descending ? sortParam.slice(0, -'-desc'.length) : sortParam;
	return {
		q: (get('q') ?? '').trim().slice(0, SEARCH_MAX),
		directorate:
			get('directorate') === 'none'
				? 'none'
				: positiveInt(get('directorate'), Number.MAX_SAFE_INTEGER),
		serviceArea:
			get('serviceArea') === 'none'
				? 'none'
				: positiveInt(get('serviceArea'), Number.MAX_SAFE_INTEGER),
		workstream: positiveInt(get('workstream'), Number.MAX_SAFE_INTEGER),
		outcome: isOneOf(OUTCOME_FILTERS, get('outcome')) ? (get('outcome') as OutcomeFilter) : null,
		review: review === 'reviewed' ? 'reviewed' : isOneOf(REVIEW_STATUS, review) ? review : null,
		hosting: isOneOf(HOSTING, get('hosting')) ? (get('hosting') as Hosting) : null,
		criticality: isOneOf(CRITICALITY, get('criticality'))
			? (get('criticality') as Criticality)
			: null,
		personalData: isOneOf(PERSONAL_DATA, get('personalData'))
			? (get('personalData') as PersonalData)
			: null,
		targetDate: get('targetDate') === 'none' ? 'none' : null,
		replaceWorkstream: get('replaceWorkstream') === 'none' ? 'none' : null,
		endingWithin: positiveInt(get('endingWithin'), 120),
		sort: isOneOf(SORT_COLUMNS, sortKey) ? (sortKey as SortColumn) : 'name',
		dir: get('dir') === 'desc' || (descending && isOneOf(SORT_COLUMNS, sortKey)) ? 'desc' : 'asc',
		after: cursorParam(get('after')),
		before: get('after') ? '' : cursorParam(get('before')),
		size: size && (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE
	};
}

/** Writes a query back as URL parameters, leaving out defaults so links stay short. */
export function systemQueryToParams(query: Partial<SystemQuery>): URLSearchParams {
	const full = { ...DEFAULT_QUERY, ...query };
	const params = new URLSearchParams();
	if (full.q) params.set('q', full.q);
	for (const key of [
		'directorate',
		'serviceArea',
		'workstream',
		'outcome',
		'review',
		'hosting',
		'criticality',
		'personalData',
		'targetDate',
		'replaceWorkstream',
		'endingWithin'
	] as const) {
		const value = full[key];
		if (value != null) params.set(key, String(value));
	}
	if (full.sort !== 'name') params.set('sort', full.sort);
	if (full.dir !== 'asc') params.set('dir', full.dir);
	if (full.size !== DEFAULT_PAGE_SIZE) params.set('size', String(full.size));
	if (full.after) params.set('after', full.after);
	else if (full.before) params.set('before', full.before);
	return params;
}

/** A link to the systems list with these filters: `/systems?outcome=replace&directorate=2`. */
export function systemsHref(query: Partial<SystemQuery>, path = '/systems'): string {
	const params = systemQueryToParams(query).toString();
	return params ? `${path}?${params}` : path;
}

/** True when any filter or search narrows the list. */
export function isFiltered(query: SystemQuery): boolean {
	return (
		query.q !== '' ||
		query.directorate != null ||
		query.serviceArea != null ||
		query.workstream != null ||
		query.outcome != null ||
		query.review != null ||
		query.hosting != null ||
		query.criticality != null ||
		query.personalData != null ||
		query.targetDate != null ||
		query.replaceWorkstream != null ||
		query.endingWithin != null
	);
}
