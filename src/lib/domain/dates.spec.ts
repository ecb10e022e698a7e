import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addMonths,
	formatDate,
	isValidIsoDate,
	isoToInput,
	parseDateInput,
	todayInUk
} from './dates';

describe('isValidIsoDate', () => {
	it.each([
		['2026-03-31', true],
		['2026-04-01', true],
		['2028-02-29', true],
		['2026-02-29', false],
		['2026-02-30', false],
		['2026-13-01', false],
		['2026-00-10', false],
		['26-03-31', false],
		['2026-3-31', false]
	])('%s -> %s', (text, valid) => expect(isValidIsoDate(text)).toBe(valid));
});

describe('parseDateInput', () => {
	it.each([
		['31/03/2026', '2026-03-31'],
		['1/4/2026', '2026-04-01'],
		['31-03-2026', '2026-03-31'],
		['31.03.2026', '2026-03-31'],
		['2026-03-31', '2026-03-31'],
		[' 29/02/2028 ', '2028-02-29']
	])('reads %j as %s', (text, iso) => expect(parseDateInput(text)).toEqual({ ok: true, iso }));

	it.each([
		['31/03/26', /four-digit year/],
		['29/02/2026', /not a real date/],
		['03/31/2026', /not a real date/],
		['next Tuesday', /not a date/]
	])('refuses %j', (text, reason) => {
		const r = parseDateInput(text);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.reason).toMatch(reason);
	});
});

describe('formatting', () => {
	it('writes dates the GOV.UK way', () => {
		expect(formatDate('2026-03-31')).toBe('31 March 2026');
		expect(formatDate(null)).toBe('');
		expect(isoToInput('2026-04-01')).toBe('01/04/2026');
	});

	it('writes every calendar date as Intl writes an en-GB long date (property)', () => {
		const intl = new Intl.DateTimeFormat('en-GB', {
			day: 'numeric',
			month: 'long',
			year: 'numeric',
			timeZone: 'UTC'
		});
		fc.assert(
			fc.property(
				fc.date({
					min: new Date('1000-01-01T00:00:00Z'),
					max: new Date('9999-12-31T00:00:00Z'),
					noInvalidDate: true
				}),
				fc.constantFrom('', 'T10:30:00Z', ' 23:59'),
				(date, time) => {
					const iso = date.toISOString().slice(0, 10);
					expect(formatDate(iso + time)).toBe(intl.format(new Date(`${iso}T00:00:00Z`)));
				}
			),
			{ numRuns: 2000 }
		);
		expect(formatDate('2026-02-30')).toBe('2026-02-30');
		expect(formatDate('not a date')).toBe('not a date');
	});

	it('adds months, clamping to the end of shorter months', () => {
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
		expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
		expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
	});

	it('takes today in UK time, not UTC', () => {
		// 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
		expect(todayInUk(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
		expect(todayInUk(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
	});
});
