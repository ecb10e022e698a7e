import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_OBJECTIVE_MINUTES, describeDuration, formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
	it.each([
		['4h', 240],
		['30m', 30],
		['2d', 2880],
		['1:30', 90],
		['0:05', 5],
		['1h30m', 90],
		['1h 30m', 90],
		['1d 2h', 1560],
		['90', 90],
		[' 4H ', 240]
	])('reads %s as %i minutes', (text, minutes) => {
		expect(parseDuration(text)).toEqual({ ok: true, minutes });
	});

	it.each([
		'',
		'0',
		'0h',
		'0:00',
		'-4h',
		'-30',
		'four hours',
		'4x',
		'1:60',
		'30m1h',
		'1h1h',
		'4.5h',
		'91d'
	])('refuses %j', (text) => {
		expect(parseDuration(text).ok).toBe(false);
	});

	it('says why zero and negative are refused', () => {
		expect(parseDuration('0m')).toEqual({ ok: false, reason: 'must be more than zero' });
		expect(parseDuration('-1h')).toEqual({ ok: false, reason: 'must be more than zero' });
	});

	it('reads back what it formats, for every whole number of minutes it accepts', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: MAX_OBJECTIVE_MINUTES }), (minutes) => {
				expect(parseDuration(formatDuration(minutes))).toEqual({ ok: true, minutes });
			})
		);
	});

	it('reads h:mm as hours and minutes, and any of its forms agree', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
				fc.pre(h * 60 + m > 0 && h * 60 + m <= MAX_OBJECTIVE_MINUTES);
				const colon = parseDuration(`${h}:${String(m).padStart(2, '0')}`);
				expect(colon).toEqual({ ok: true, minutes: h * 60 + m });
				expect(parseDuration(`${h}h${m}m`)).toEqual(colon);
			})
		);
	});

	it('never throws and never answers a non-positive or fractional number, whatever is typed', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 30 }), (text) => {
				const parsed = parseDuration(text);
				// Every run asserts: a refusal gives a reason, an answer is a whole number of minutes in range
				// (most random strings are refused, so an assertion only on answers would often make none).
				if (parsed.ok)
					expect(
						Number.isInteger(parsed.minutes) &&
							parsed.minutes > 0 &&
							parsed.minutes <= MAX_OBJECTIVE_MINUTES
					).toBe(true);
				else expect(parsed.reason).not.toBe('');
			})
		);
	});
});

describe('describeDuration', () => {
	it('says it in words', () => {
		expect(describeDuration(90)).toBe('1 hour 30 minutes');
		expect(describeDuration(2880)).toBe('2 days');
		expect(describeDuration(1)).toBe('1 minute');
	});
});
