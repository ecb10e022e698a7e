/**
 * The system query options of a request to an entity set, read and checked against the set:
 * $select, $filter, $orderby, $top, $skip, $count, $format and the server's own $skiptoken.
 * $filter, $select and $orderby are parsed by @odata/parser; an option the feed does not support
 * is refused (400) rather than ignored, so a report is never silently built on unfiltered rows.
 */
import { defaultParser } from '@odata/parser';
import { ODataError, type EntitySetDefinition, type ODataProperty } from './model';
import { translateFilter, propertyOf, type Node, type SqlFragment } from './filter';

export interface OrderTerm {
	property: ODataProperty;
	descending: boolean;
}

export interface QueryPlan {
	select: readonly ODataProperty[];
	/** The $select text as asked ('' = every property), for @odata.context. */
	selectText: string;
	filter: SqlFragment | null;
	orderBy: readonly OrderTerm[];
	top: number | null;
	skip: number;
	count: boolean;
	format: 'json' | 'csv';
	skiptoken: string | null;
}

const SUPPORTED = [
	'$filter',
	'$select',
	'$orderby',
	'$top',
	'$skip',
	'$count',
	'$format',
	'$skiptoken'
];
const REFUSED: Record<string, string> = {
	$expand: 'Entity sets here are flat tables: join them on their id columns instead of $expand',
	$search: '$search is not supported: use $filter with contains',
	$apply: '$apply is not supported: aggregate in the report, or read the RollupTotals set',
	$compute: '$compute is not supported'
};
/** Integers read from $top and $skip: above this is refused, not wrapped. */
const MAX_COUNT_OPTION = 1_000_000_000;

function single(params: URLSearchParams, name: string): string | null {
	const values = params.getAll(name);
	if (values.length > 1)
		throw new ODataError(400, 'DuplicateOption', `${name} is given more than once`, name);
	return values[0] ?? null;
}

function wholeNumber(params: URLSearchParams, name: string): number | null {
	const text = single(params, name);
	if (text === null) return null;
	if (!/^\d{1,10}$/.test(text.trim()) || Number(text) > MAX_COUNT_OPTION)
		throw new ODataError(
			400,
			'InvalidOption',
			`${name} must be a whole number from 0 to ${MAX_COUNT_OPTION.toLocaleString('en-GB')}`,
			name
		);
	return Number(text);
}

/** Parses one option through @odata/parser's query grammar, returning its node. */
function parseOption(name: '$select' | '$orderby', value: string): Node {
	let tree: Node | undefined;
	try {
		tree = defaultParser.query(`${name}=${value}`) as unknown as Node | undefined;
	} catch {
		tree = undefined;
	}
	const options = (tree?.value as { options?: Node[] } | undefined)?.options ?? [];
	const [option] = options;
	if (options.length !== 1 || !option || option.raw !== `${name}=${value}`)
		throw new ODataError(400, 'InvalidOption', `${name} could not be read`, name);
	return option;
}

function items(node: Node): Node[] {
	return (node.value as { items?: Node[] }).items ?? [];
}

function readSelect(set: EntitySetDefinition, text: string | null): readonly ODataProperty[] {
	if (text === null || text.trim() === '' || text.trim() === '*') return set.properties;
	const chosen: ODataProperty[] = [];
	for (const item of items(parseOption('$select', text))) {
		const name = item.raw.trim();
		if (name === '*') return set.properties;
		const property = set.properties.find((p) => p.name === name);
		if (!property)
			throw new ODataError(400, 'UnknownProperty', `${set.name} has no property ${name}`, name);
		if (!chosen.includes(property)) chosen.push(property);
	}
	return chosen;
}

function readOrderBy(set: EntitySetDefinition, text: string | null): OrderTerm[] {
	if (text === null || text.trim() === '') return [];
	return items(parseOption('$orderby', text)).map((item) => {
		const { expr, direction } = item.value as { expr: Node; direction: number };
		return { property: propertyOf(expr, set), descending: direction === -1 };
	});
}

function readCount(params: URLSearchParams): boolean {
	const text = single(params, '$count');
	if (text === null || text === 'false') return false;
	if (text === 'true') return true;
	throw new ODataError(400, 'InvalidOption', '$count must be true or false', '$count');
}

function readFormat(params: URLSearchParams): 'json' | 'csv' {
	const text = (single(params, '$format') ?? 'json').toLowerCase();
	if (text === 'json' || text.startsWith('application/json')) return 'json';
	if (text === 'csv' || text === 'text/csv') return 'csv';
	throw new ODataError(400, 'InvalidOption', '$format must be json or csv', '$format');
}

/** Reads the query options of a request to `set`, or throws the ODataError to answer. */
export function planQuery(set: EntitySetDefinition, params: URLSearchParams): QueryPlan {
	for (const name of new Set(params.keys())) {
		if (!name.startsWith('$')) continue; // custom options (key=) are the caller's
		if (REFUSED[name]) throw new ODataError(501, 'NotImplemented', REFUSED[name], name);
		if (!SUPPORTED.includes(name))
			throw new ODataError(
				400,
				'UnknownOption',
				`${name} is not a query option of this feed`,
				name
			);
	}
	const selectText = single(params, '$select') ?? '';
	const filterText = single(params, '$filter');
	return {
		select: readSelect(set, selectText),
		selectText: selectText.trim() === '*' ? '' : selectText.replace(/\s+/g, ''),
		filter:
			filterText === null || filterText.trim() === '' ? null : translateFilter(set, filterText),
		orderBy: readOrderBy(set, single(params, '$orderby')),
		top: wholeNumber(params, '$top'),
		skip: wholeNumber(params, '$skip') ?? 0,
		count: readCount(params),
		format: readFormat(params),
		skiptoken: single(params, '$skiptoken')
	};
}
