import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	MAX_FILTER_DEPTH,
	ODataError,
	money,
	planQuery,
	poundsToPence,
	prop,
	translateFilter,
	type EntitySetDefinition
} from './index';

const SET: EntitySetDefinition = {
	name: 'Things',
	typeName: 'Thing',
	description: 'test',
	key: ['id'],
	source: 'FROM thing t WHERE t.organisation_id = ?1',
	properties: [
		prop('id', 'Edm.Int64', 't.id'),
		prop('name', 'Edm.String', 't.name'),
		prop('count', 'Edm.Int32', 't.count', true),
		...money('cost', 't.cost_pence', true),
		prop('live', 'Edm.Boolean', 't.live'),
		prop('endDate', 'Edm.Date', 'substr(t.end_date, 1, 10)', true),
		prop('updatedAt', 'Edm.DateTimeOffset', 't.updated_at')
	]
};

const filter = (text: string) => translateFilter(SET, text);
const params = (query: string) => new URLSearchParams(query);

function refusal(work: () => unknown): ODataError {
	try {
		work();
	} catch (error) {
		if (error instanceof ODataError) return error;
		throw error;
	}
	throw new Error('expected an ODataError');
}

describe('$filter to SQL', () => {
	it.each([
		["name eq 'Care'", '(t.name) = ?2', ['Care']],
		["name eq 'O''Brien'", '(t.name) = ?2', ["O'Brien"]],
		['count gt 5', '(t.count) > ?2', [5]],
		['5 lt count', '(t.count) > ?2', [5]],
		['costPence le 12345', '(t.cost_pence) <= ?2', [12345]],
		['costPounds ge 123.45', '(t.cost_pence) >= ?2', [12345]],
		['costPounds gt 1.005', '(t.cost_pence) > ?2', [100.5]],
		['endDate lt 2027-04-01', '(substr(t.end_date, 1, 10)) < ?2', ['2027-04-01']],
		['endDate eq null', '(substr(t.end_date, 1, 10)) IS NULL', []],
		['endDate ne null', '(substr(t.end_date, 1, 10)) IS NOT NULL', []],
		['live eq true', '(t.live) = ?2', [1]],
		['live', '(t.live) = 1', []],
		['updatedAt gt 2026-01-01T00:00:00Z', '(t.updated_at) > ?2', ['2026-01-01T00:00:00.000Z']],
		["contains(name,'ar')", 'instr((t.name), ?2) > 0', ['ar']],
		["startswith(name,'Ca')", 'substr((t.name), 1, ?3) = ?2', ['Ca', 2]],
		["endswith(name,'re')", '(?3 = 0 OR substr((t.name), -?3) = ?2)', ['re', 2]],
		[
			"name eq 'a' and (count gt 1 or not contains(name,'b'))",
			'((t.name) = ?2 AND ((t.count) > ?3 OR (NOT instr((t.name), ?4) > 0)))',
			['a', 1, 'b']
		]
	])('%s', (text, sql, args) => {
		expect(filter(text)).toEqual({ sql, args });
	});

	it.each([
		['name eq', 'InvalidFilter'],
		["name eq 'unterminated", 'InvalidFilter'],
		['count gt 1 extra', 'InvalidFilter'],
		['and or', 'InvalidFilter'],
		['nothere eq 1', 'UnknownProperty'],
		['name eq 5', 'TypeMismatch'],
		["count eq 'five'", 'TypeMismatch'],
		['count eq 1.5e400', 'TypeMismatch'],
		['endDate gt 5', 'TypeMismatch'],
		["endDate gt '2026-01-01'", 'TypeMismatch'],
		['live eq 1', 'TypeMismatch'],
		["contains(count,'1')", 'TypeMismatch'],
		['contains(name,1)', 'TypeMismatch'],
		["tolower(name) eq 'a'", 'InvalidFilter'],
		['count gt null', 'InvalidFilter'],
		['name eq name', 'InvalidFilter'],
		['name', 'InvalidFilter'],
		["substringof('a',name)", 'InvalidFilter']
	])('refuses %s (%s)', (text, code) => {
		const error = refusal(() => filter(text));
		expect(error.status).toBe(400);
		expect(error.code).toBe(code);
	});

	it('refuses nesting deeper than the limit before parsing, and a long filter', () => {
		const deep = `${'('.repeat(MAX_FILTER_DEPTH + 1)}count eq 1${')'.repeat(MAX_FILTER_DEPTH + 1)}`;
		expect(refusal(() => filter(deep)).message).toMatch(/nests/);
		const veryDeep = `${'('.repeat(50_000)}count eq 1${')'.repeat(50_000)}`;
		expect(refusal(() => filter(veryDeep)).code).toBe('InvalidFilter');
		const long = Array.from({ length: 400 }, () => 'count eq 1').join(' or ');
		expect(refusal(() => filter(long)).message).toMatch(/characters or fewer/);
	});

	it('refuses a chain of more than 100 comparisons, and deep not-chains', () => {
		const many = Array.from({ length: 101 }, (_, i) => `count eq ${i}`).join(' or ');
		expect(refusal(() => filter(many)).message).toMatch(/more than 100|nests/);
		const nots = `${'not '.repeat(30)}live`;
		expect(refusal(() => filter(nots)).code).toBe('InvalidFilter');
	});

	it('binds every text value and never writes it into the SQL (any text at all)', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 60 }), (text) => {
				const quoted = `'${text.replace(/'/g, "''")}'`;
				let result;
				try {
					result = filter(`name eq ${quoted}`);
				} catch (error) {
					// Text the OData grammar itself refuses (some control characters) is refused, never run.
					expect(error).toBeInstanceOf(ODataError);
					return;
				}
				expect(result).toEqual({ sql: '(t.name) = ?2', args: [text] });
			}),
			{ numRuns: 300 }
		);
	});

	it('reads pounds into pence exactly, by moving the decimal point', () => {
		expect(poundsToPence('0.29')).toBe(29);
		expect(poundsToPence('1234567.89')).toBe(123456789);
		expect(poundsToPence('-5')).toBe(-500);
		expect(poundsToPence('1.5')).toBe(150);
	});
});

describe('query options', () => {
	it('reads $select, $orderby, $top, $skip and $count', () => {
		const plan = planQuery(
			SET,
			params('$select=name,costPounds&$orderby=count desc,name&$top=10&$skip=5&$count=true')
		);
		expect(plan.select.map((p) => p.name)).toEqual(['name', 'costPounds']);
		expect(plan.orderBy.map((o) => [o.property.name, o.descending])).toEqual([
			['count', true],
			['name', false]
		]);
		expect(plan).toMatchObject({ top: 10, skip: 5, count: true, format: 'json', filter: null });
	});

	it('gives every property without $select, and reads $format=csv', () => {
		const plan = planQuery(SET, params('$format=csv'));
		expect(plan.select).toHaveLength(SET.properties.length);
		expect(plan.format).toBe('csv');
	});

	it.each([
		['$top=-1', 400, 'InvalidOption'],
		['$top=1.5', 400, 'InvalidOption'],
		['$top=99999999999', 400, 'InvalidOption'],
		['$skip=abc', 400, 'InvalidOption'],
		['$count=yes', 400, 'InvalidOption'],
		['$format=xml', 400, 'InvalidOption'],
		['$select=nothere', 400, 'UnknownProperty'],
		['$select=name,,', 400, 'InvalidOption'],
		['$orderby=nothere desc', 400, 'UnknownProperty'],
		['$orderby=name sideways', 400, 'InvalidOption'],
		['$top=1&$top=2', 400, 'DuplicateOption'],
		['$expand=Other', 501, 'NotImplemented'],
		['$search=care', 501, 'NotImplemented'],
		['$unknown=1', 400, 'UnknownOption']
	])('refuses %s', (query, status, code) => {
		const error = refusal(() => planQuery(SET, params(query)));
		expect([error.status, error.code]).toEqual([status, code]);
	});

	it('leaves custom options such as key= to the caller', () => {
		expect(planQuery(SET, params('key=abc&x=1')).top).toBeNull();
	});
});
