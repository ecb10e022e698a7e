/**
 * $filter to parameterised SQL. The text is parsed by @odata/parser (the OData ABNF, maintained),
 * and its tree translated here node by node: only the node types listed are accepted, every
 * property is checked against the set, every literal against the property's type, and every value
 * is bound (`?2`, `?3`...), never written into the SQL.
 */
import { defaultParser } from '@odata/parser';
import { ODataError, type EdmType, type EntitySetDefinition, type ODataProperty } from './model';

/** Longest $filter read, and how deep expressions may nest: far above what Power BI sends. */
export const MAX_FILTER_LENGTH = 4_000;
export const MAX_FILTER_DEPTH = 20;
/** Comparisons and calls in one $filter. */
export const MAX_FILTER_TERMS = 100;

export interface SqlFragment {
	sql: string;
	args: (string | number)[];
}

/** The tree node shape @odata/parser returns (its own types are looser). */
export interface Node {
	type: string;
	raw: string;
	position?: number;
	value: unknown;
}

const COMPARISONS: Record<string, string> = {
	EqualsExpression: '=',
	NotEqualsExpression: '<>',
	LesserThanExpression: '<',
	LesserOrEqualsExpression: '<=',
	GreaterThanExpression: '>',
	GreaterOrEqualsExpression: '>='
};
const FLIPPED: Record<string, string> = {
	'=': '=',
	'<>': '<>',
	'<': '>',
	'<=': '>=',
	'>': '<',
	'>=': '<='
};
const INTEGER_LITERALS = ['Edm.SByte', 'Edm.Byte', 'Edm.Int16', 'Edm.Int32', 'Edm.Int64'];
const NUMBER_LITERALS = [...INTEGER_LITERALS, 'Edm.Decimal', 'Edm.Double', 'Edm.Single'];

function bad(message: string): ODataError {
	return new ODataError(400, 'InvalidFilter', message, '$filter');
}

/** The deepest bracket nesting outside string literals: checked before parsing, so no input can exhaust the parser's stack. */
export function bracketDepth(text: string): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (const ch of text) {
		if (ch === "'") inString = !inString;
		else if (!inString && ch === '(') deepest = Math.max(deepest, ++depth);
		else if (!inString && ch === ')') depth--;
	}
	return deepest;
}

/** Parses `text` as a $filter expression and translates it; `firstArg` numbers the first bound value. */
export function translateFilter(set: EntitySetDefinition, text: string, firstArg = 2): SqlFragment {
	if (text.length > MAX_FILTER_LENGTH)
		throw bad(`$filter must be ${MAX_FILTER_LENGTH.toLocaleString('en-GB')} characters or fewer`);
	if (bracketDepth(text) > MAX_FILTER_DEPTH)
		throw bad(`$filter nests brackets more than ${MAX_FILTER_DEPTH} deep`);
	let tree: Node | undefined;
	try {
		tree = defaultParser.filter(text) as unknown as Node | undefined;
	} catch (error) {
		throw bad(`$filter is not a valid OData expression (${syntaxMessage(error)})`);
	}
	if (!tree || tree.raw.length !== text.trim().length)
		throw bad(
			`$filter is not a valid OData expression (unexpected text at character ${(tree?.raw.length ?? 0) + 1})`
		);
	const args: (string | number)[] = [];
	const counter = { terms: 0 };
	const sql = boolean(tree, { set, args, firstArg, counter }, 1);
	return { sql, args };
}

function syntaxMessage(error: unknown): string {
	if (error instanceof RangeError) return 'too deeply nested';
	const message = error instanceof Error ? error.message : '';
	const at = /at (\d+)/.exec(message);
	return at ? `unexpected text at character ${Number(at[1]) + 1}` : 'it could not be read';
}

interface Context {
	set: EntitySetDefinition;
	args: (string | number)[];
	firstArg: number;
	counter: { terms: number };
}

function bind(ctx: Context, value: string | number): string {
	ctx.args.push(value);
	return `?${ctx.firstArg + ctx.args.length - 1}`;
}

function child(node: Node, key: 'left' | 'right'): Node {
	const found = (node.value as Partial<Record<string, Node>>)[key];
	if (!found) throw bad(`$filter has an incomplete expression at ${describe(node)}`);
	return found;
}

/** A boolean expression: and, or, not, brackets, comparisons and the string functions. */
function boolean(node: Node, ctx: Context, depth: number): string {
	if (depth > MAX_FILTER_DEPTH) throw bad(`$filter nests more than ${MAX_FILTER_DEPTH} deep`);
	switch (node.type) {
		case 'AndExpression':
		case 'OrExpression': {
			const op = node.type === 'AndExpression' ? 'AND' : 'OR';
			return `(${boolean(child(node, 'left'), ctx, depth + 1)} ${op} ${boolean(child(node, 'right'), ctx, depth + 1)})`;
		}
		case 'BoolParenExpression':
		case 'ParenExpression':
		case 'CommonExpression':
			return boolean(node.value as Node, ctx, depth + 1);
		case 'NotExpression':
			return `(NOT ${boolean(node.value as Node, ctx, depth + 1)})`;
		case 'MethodCallExpression':
			return method(node, ctx);
		case 'FirstMemberExpression': {
			const property = propertyOf(node, ctx.set);
			if (property.type !== 'Edm.Boolean')
				throw bad(`${property.name} is not true or false: compare it with a value`);
			return `(${property.sql}) = 1`;
		}
		default:
			if (node.type in COMPARISONS) return comparison(node, ctx);
			throw bad(`$filter does not support ${describe(node)}`);
	}
}

function describe(node: Node): string {
	const raw = node.raw.length > 40 ? `${node.raw.slice(0, 40)}…` : node.raw;
	return `'${raw}'`;
}

function countTerm(ctx: Context): void {
	if (++ctx.counter.terms > MAX_FILTER_TERMS)
		throw bad(`$filter has more than ${MAX_FILTER_TERMS} comparisons`);
}

function unwrap(node: Node): Node {
	let n = node;
	while (n.type === 'CommonExpression' || n.type === 'ParenExpression') n = n.value as Node;
	return n;
}

/** The set's property a member expression names: a plain name only (no paths, no $it). */
export function propertyOf(node: Node, set: EntitySetDefinition): ODataProperty {
	let n = unwrap(node);
	if (n.type === 'FirstMemberExpression') n = n.value as Node;
	if (n.type === 'MemberExpression') n = n.value as Node;
	const id = n.type === 'PropertyPathExpression' ? (n.value as Node | undefined) : undefined;
	const name = id?.type === 'ODataIdentifier' ? (id.value as { name?: unknown }).name : undefined;
	if (typeof name !== 'string' || name !== n.raw)
		throw bad(`${describe(node)} is not a property of ${set.name}`);
	const property = set.properties.find((p) => p.name === name);
	if (!property)
		throw new ODataError(400, 'UnknownProperty', `${set.name} has no property ${name}`, name);
	return property;
}

function isMember(node: Node): boolean {
	return unwrap(node).type === 'FirstMemberExpression';
}

function comparison(node: Node, ctx: Context): string {
	countTerm(ctx);
	let op = COMPARISONS[node.type] ?? '=';
	let left = child(node, 'left');
	let right = child(node, 'right');
	if (!isMember(left) && isMember(right)) {
		[left, right] = [right, left];
		op = FLIPPED[op] ?? op;
	}
	const property = propertyOf(left, ctx.set);
	const literal = unwrap(right);
	if (literal.type !== 'Literal')
		throw bad(`compare ${property.name} with a value, not ${describe(right)}`);
	if (literal.value === 'null') {
		if (op === '=') return `(${property.sql}) IS NULL`;
		if (op === '<>') return `(${property.sql}) IS NOT NULL`;
		throw bad(`${property.name} can only be compared with null by eq or ne`);
	}
	return `(${property.sql}) ${op} ${bind(ctx, literalFor(property, literal))}`;
}

/** The literal as the value bound for `property`, or a type-mismatch error. */
export function literalFor(property: ODataProperty, literal: Node): string | number {
	const type = String(literal.value);
	const raw = literal.raw;
	const mismatch = () =>
		new ODataError(
			400,
			'TypeMismatch',
			`${property.name} is ${property.type.slice(4)}: ${describe(literal)} is not (a ${type.slice(4)})`,
			property.name
		);
	switch (property.type as EdmType) {
		case 'Edm.String':
			if (type !== 'Edm.String') throw mismatch();
			return stringValue(raw);
		case 'Edm.Int64':
		case 'Edm.Int32': {
			if (!NUMBER_LITERALS.includes(type)) throw mismatch();
			const n = Number(raw);
			if (!Number.isFinite(n) || (INTEGER_LITERALS.includes(type) && !Number.isSafeInteger(n)))
				throw mismatch();
			return n;
		}
		case 'Edm.Decimal': {
			if (!NUMBER_LITERALS.includes(type)) throw mismatch();
			const pence = poundsToPence(raw);
			if (pence === null) throw mismatch();
			return pence;
		}
		case 'Edm.Boolean':
			if (type !== 'Edm.Boolean') throw mismatch();
			return raw.toLowerCase() === 'true' ? 1 : 0;
		case 'Edm.Date':
			if (type !== 'Edm.Date') throw mismatch();
			return raw;
		case 'Edm.DateTimeOffset': {
			if (type !== 'Edm.DateTimeOffset' && type !== 'Edm.Date') throw mismatch();
			const at = new Date(raw.length === 10 ? `${raw}T00:00:00Z` : raw);
			if (Number.isNaN(at.getTime())) throw mismatch();
			return at.toISOString();
		}
	}
}

/** 'O''Brien' -> O'Brien. */
function stringValue(raw: string): string {
	return raw.slice(1, -1).replace(/''/g, "'");
}

/**
 * A pounds literal in pence, by moving the decimal point in the text (no float rounding): 12.34 -> 1234.
 * A third decimal place stays fractional (12.345 -> 1234.5), so `gt 12.345` still compares exactly.
 */
export function poundsToPence(raw: string): number | null {
	const m = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(raw);
	if (!m || m[4] !== undefined) {
		const n = Number(raw) * 100;
		return Number.isFinite(n) ? n : null;
	}
	const decimals = m[3] ?? '';
	const whole = `${m[2]}${decimals.slice(0, 2).padEnd(2, '0')}`;
	const rest = decimals.slice(2);
	const n = Number(`${m[1]}${whole}${rest ? `.${rest}` : ''}`);
	return Number.isFinite(n) ? n : null;
}

const TEXT_FUNCTIONS = ['contains', 'startswith', 'endswith'];

/** contains, startswith, endswith: case-sensitive, as OData defines them. */
function method(node: Node, ctx: Context): string {
	countTerm(ctx);
	const { method: name, parameters } = node.value as { method: string; parameters: Node[] };
	if (!TEXT_FUNCTIONS.includes(name))
		throw bad(`$filter supports ${TEXT_FUNCTIONS.join(', ')}; not ${name}`);
	const [first, second] = parameters;
	if (parameters.length !== 2 || !first || !second)
		throw bad(`${name} takes a property and a text`);
	const property = propertyOf(first, ctx.set);
	if (property.type !== 'Edm.String')
		throw new ODataError(
			400,
			'TypeMismatch',
			`${name} needs a text property; ${property.name} is ${property.type.slice(4)}`,
			property.name
		);
	const literal = unwrap(second);
	if (literal.type !== 'Literal' || literal.value !== 'Edm.String')
		throw new ODataError(400, 'TypeMismatch', `${name} needs a text in quotes`, property.name);
	const text = stringValue(literal.raw);
	const p = bind(ctx, text);
	// instr and substr are case-sensitive and count characters, as SQLite's LIKE (case-folding) is not.
	if (name === 'contains') return `instr((${property.sql}), ${p}) > 0`;
	const length = bind(ctx, [...text].length);
	if (name === 'startswith') return `substr((${property.sql}), 1, ${length}) = ${p}`;
	return `(${length} = 0 OR substr((${property.sql}), -${length}) = ${p})`;
}
