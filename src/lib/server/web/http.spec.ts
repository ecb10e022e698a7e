import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { queryId } from './http';

const url = (query: string) => new URL(`http://app.test/recharges${query}`);

/** The status a call threw with, or 'returned' when it did not throw. */
function statusOf(run: () => unknown): number | 'returned' {
	try {
		run();
		return 'returned';
	} catch (e) {
		return isHttpError(e) ? e.status : 500;
	}
}

describe('queryId', () => {
	it.each([
		['', null],
		['?partner=', null],
		['?partner=12', 12],
		['?year=2026%2F27&partner=9007199254740991', 9007199254740991]
	])('%s reads as %s', (query, id) => {
		expect(queryId(url(query), 'partner')).toBe(id);
	});

	it.each(['abc', '0', '-5', '1e3', '12.0', ' 12', '0x10', '99999999999999999'])(
		'?partner=%s is a 404, as a route’s own id would be',
		(value) => {
			expect(statusOf(() => queryId(url(`?partner=${encodeURIComponent(value)}`), 'partner'))).toBe(
				404
			);
		}
	);
});
