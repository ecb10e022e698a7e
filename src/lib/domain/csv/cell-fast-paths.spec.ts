/**
 * The import reads every cell of a 100,000-row file through unneutralise, isClearMarker and the
 * form's length rule; each now skips its work when the cell cannot need it. These properties hold
 * each to its earlier, plain definition over text made of the characters that matter to it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unneutralise } from './rows';
import { isClearMarker } from './clear-marker';
import { refuseUnsafeField, textLength, type FieldErrors } from '../forms/form-text';

const plainUnneutralise = (cell: string) =>
	(/^'+[=+\-@\t\r\n\0]/.test(cell) ? cell.slice(1) : cell).replace(
		/(\r\n|\r|\n)'(?='*[=+\-@\t\0])/g,
		'$1'
	);
const plainIsClearMarker = (cell: string) => cell.trim().toLowerCase() === '(clear)';

const from = (chars: string[], maxLength = 12) =>
	fc.array(fc.constantFrom(...chars), { maxLength }).map((parts) => parts.join(''));

describe('cell fast paths', () => {
	it('unneutralise reads every cell as the two expressions did', () => {
		fc.assert(
			fc.property(
				fc.oneof(from(["'", '=', '+', '-', '@', '\t', '\r', '\n', '\0', 'a', ' ']), fc.string()),
				(cell) => {
					expect(unneutralise(cell)).toBe(plainUnneutralise(cell));
				}
			),
			{ numRuns: 2000, seed: 20261206 }
		);
	});

	it('isClearMarker answers as trimming and lowercasing every cell did', () => {
		const near = from([
			'(',
			')',
			'c',
			'C',
			'l',
			'L',
			'e',
			'E',
			'a',
			'A',
			'r',
			'R',
			' ',
			'\t',
			'K',
			'x'
		]);
		fc.assert(
			fc.property(fc.oneof(near, fc.constant(' (CLEAR) '), fc.string()), (cell) => {
				expect(isClearMarker(cell)).toBe(plainIsClearMarker(cell));
			}),
			{ numRuns: 2000, seed: 20261206 }
		);
	});

	it('refuses a value over its limit exactly as counting every value did', () => {
		fc.assert(
			fc.property(
				from(['a', '\r', '\n', '\r\n'], 20),
				fc.integer({ min: 0, max: 15 }),
				(value, max) => {
					const errors: FieldErrors = {};
					const kept = refuseUnsafeField(errors, 'f', value, 'F', 'multiline', max);
					expect('f' in errors).toBe(textLength(value) > max);
					if (textLength(value) <= max) expect(kept).toBe(value);
				}
			),
			{ numRuns: 2000, seed: 20261206 }
		);
	});
});
