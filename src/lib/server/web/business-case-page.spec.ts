import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { itemToEdit } from './business-case-page';

const items = [{ id: 'do-minimum' }, { id: 'option-2' }, { id: 'option-10' }];
const at = (query: string) => new URL(`http://localhost/business-cases/3/options${query}`);

describe('itemToEdit', () => {
	it.each([
		['', null],
		['?edit=', null],
		['?saved=option-2', null],
		['?edit=option-2', items[1]],
		['?edit=do-minimum', items[0]],
		['?edit=option-10', items[2]]
	])('%s is %o', (query, expected) => {
		expect(itemToEdit(at(query), items)).toBe(expected);
	});

	// An id the case does not hold (another case's, a removed one, a prefix of one) is a 404, never a blank form.
	it.each(['?edit=option-1', '?edit=option-20', '?edit=OPTION-2', '?edit=risk-2', '?edit=%20'])(
		'%s is a 404',
		(query) => {
			let thrown: unknown;
			try {
				itemToEdit(at(query), items);
			} catch (e) {
				thrown = e;
			}
			expect(isHttpError(thrown, 404)).toBe(true);
		}
	);
});
