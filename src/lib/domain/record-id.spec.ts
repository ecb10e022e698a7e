import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRecordId } from './record-id';
import { match } from '../../params/id';

describe('isRecordId (the [id=id] param matcher)', () => {
	it.each(['1', '42', '9007199254740991'])('accepts %s', (value) => {
		expect(isRecordId(value)).toBe(true);
		expect(match(value)).toBe(true);
	});

	it.each([
		'',
		'0',
		'007',
		'-1',
		'1.0',
		'1e3',
		'12abc',
		' 1',
		'9007199254740993',
		'99999999999999999',
		'١٢'
	])('refuses %j', (value) => {
		expect(isRecordId(value)).toBe(false);
		expect(match(value)).toBe(false);
	});

	it('accepts exactly the strings that are the decimal form of a safe positive integer', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string(),
					fc.integer({ min: -10, max: Number.MAX_SAFE_INTEGER }).map(String),
					fc.bigInt({ min: 0n, max: 10n ** 17n }).map(String)
				),
				(value) => {
					const n = Number(value);
					expect(isRecordId(value)).toBe(Number.isSafeInteger(n) && n > 0 && String(n) === value);
				}
			)
		);
	});
});
