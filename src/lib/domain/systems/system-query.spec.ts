import { describe, expect, it } from 'vitest';
import {
	DEFAULT_QUERY,
	decodeCursor,
	encodeCursor,
	isFiltered,
	parseSystemQuery,
	systemQueryToParams,
	systemsHref
} from './system-query';

describe('parseSystemQuery', () => {
	it('reads every filter, the sort and the page from the URL', () => {
		const q = parseSystemQuery(
			new URLSearchParams(
				'q=care&directorate=2&serviceArea=3&workstream=4&outcome=replace&review=agreed&hosting=saas&criticality=high&personalData=special_category&targetDate=none&replaceWorkstream=none&endingWithin=12&sort=cost&dir=desc&after=abc_-1&size=25'
			)
		);
		expect(q).toEqual({
			q: 'care',
			directorate: 2,
			serviceArea: 3,
			workstream: 4,
			outcome: 'replace',
			review: 'agreed',
			hosting: 'saas',
			criticality: 'high',
			personalData: 'special_category',
			targetDate: 'none',
			replaceWorkstream: 'none',
			endingWithin: 12,
			sort: 'cost',
			dir: 'desc',
			after: 'abc_-1',
			before: '',
			size: 25
		});
	});

	it('falls back to no filter for anything malformed, never an error', () => {
		const q = parseSystemQuery(
			new URLSearchParams(
				'directorate=abc&outcome=explode&sort=password&after=%3Cscript%3E&size=5000&endingWithin=0&hosting=cloud'
			)
		);
		expect(q).toEqual(DEFAULT_QUERY);
	});

	it("reads the filters' 'Name (descending)' choice ('name-desc') as sort and order, and ignores it on an unknown column", () => {
		expect(parseSystemQuery(new URLSearchParams('sort=cost-desc'))).toMatchObject({
			sort: 'cost',
			dir: 'desc'
		});
		expect(parseSystemQuery(new URLSearchParams('sort=cost'))).toMatchObject({
			sort: 'cost',
			dir: 'asc'
		});
		expect(parseSystemQuery(new URLSearchParams('sort=nonsense-desc'))).toMatchObject({
			sort: 'name',
			dir: 'asc'
		});
		expect(parseSystemQuery(new URLSearchParams('sort=users&dir=desc'))).toMatchObject({
			sort: 'users',
			dir: 'desc'
		});
	});

	it("understands 'none recorded' for directorate and service area", () => {
		expect(
			parseSystemQuery(new URLSearchParams('directorate=none&serviceArea=none'))
		).toMatchObject({ directorate: 'none', serviceArea: 'none' });
		expect(systemsHref({ directorate: 'none' })).toBe('/systems?directorate=none');
	});

	it('reads the data-quality filters, writes them back, and counts them as filtering; anything else is no filter', () => {
		const q = parseSystemQuery(
			new URLSearchParams('criticality=not_assessed&personalData=not_assessed&targetDate=none')
		);
		expect(q).toMatchObject({
			criticality: 'not_assessed',
			personalData: 'not_assessed',
			targetDate: 'none'
		});
		expect(isFiltered(q)).toBe(true);
		expect(systemsHref({ targetDate: 'none' })).toBe('/systems?targetDate=none');
		expect(parseSystemQuery(systemQueryToParams(q))).toEqual(q);
		expect(
			parseSystemQuery(new URLSearchParams('personalData=maybe&targetDate=1&criticality=unknown'))
		).toEqual(DEFAULT_QUERY);
		expect(isFiltered(parseSystemQuery(new URLSearchParams('personalData=none')))).toBe(true);
	});

	it("understands 'reviewed' and 'more than one outcome'", () => {
		expect(parseSystemQuery(new URLSearchParams('review=reviewed&outcome=multiple'))).toMatchObject(
			{ review: 'reviewed', outcome: 'multiple' }
		);
	});
});

describe('cursors', () => {
	it.each<[string | number, number]>([
		['Children’s Social Care £', 42],
		[9007199254740991, 7],
		['', 1]
	])('round-trip %j', (key, id) => {
		const cursor = encodeCursor(key, id);
		expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(decodeCursor(cursor)).toEqual([key, id]);
	});

	it.each(['', 'not base64!', 'WzFd', encodeCursor('x', 1).slice(0, 5)])('rejects %j', (cursor) => {
		expect(decodeCursor(cursor)).toBeNull();
	});
});

describe('writing a query back', () => {
	it('round-trips through the URL', () => {
		const q = {
			...DEFAULT_QUERY,
			q: 'a&b',
			outcome: 'decommission' as const,
			before: 'WzEsMl0',
			dir: 'desc' as const
		};
		expect(parseSystemQuery(systemQueryToParams(q))).toEqual(q);
	});

	it('leaves defaults out so links stay short', () => {
		expect(systemsHref({})).toBe('/systems');
		expect(systemsHref({ outcome: 'replace', directorate: 2 })).toBe(
			'/systems?directorate=2&outcome=replace'
		);
	});

	it('knows when a list is filtered', () => {
		expect(isFiltered(DEFAULT_QUERY)).toBe(false);
		expect(isFiltered({ ...DEFAULT_QUERY, sort: 'cost' })).toBe(false);
		expect(isFiltered({ ...DEFAULT_QUERY, endingWithin: 6 })).toBe(true);
	});
});
