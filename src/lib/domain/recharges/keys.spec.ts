import { describe, expect, it } from 'vitest';
import {
	checkKey,
	fixedTotalProblem,
	formatHundredths,
	parseHundredths,
	type KeyShare
} from './keys';

const names: Record<number, string> = {
	1: 'Northbridge Council',
	2: 'Eastshire Council',
	3: 'Westvale Council'
};
const nameOf = (id: number) => names[id] ?? `organisation ${id}`;
const shares = (...weights: number[]): KeyShare[] =>
	weights.map((weight, i) => ({ partnerOrganisationId: i + 1, weight, costCentreId: null }));

describe('fixed percentages', () => {
	it('says by how much they miss 100.00%', () => {
		expect(fixedTotalProblem([3333, 3333, 3333])).toBe('33.33 + 33.33 + 33.33 is 0.01% short');
		expect(fixedTotalProblem([5000, 5001])).toBe('50.00 + 50.01 is 0.01% over');
		expect(fixedTotalProblem([4000, 3500])).toBe('40.00 + 35.00 is 25.00% short');
		expect(fixedTotalProblem([3333, 3333, 3334])).toBeNull();
		expect(fixedTotalProblem([10000])).toBeNull();
	});

	it('refuses a fixed key that does not total 100.00%, with the sum spelt out', () => {
		const errors = checkKey(
			{
				financialYear: '2026/27',
				kind: 'fixed',
				measure: '',
				source: '',
				asAt: null,
				shares: shares(3333, 3333, 3333)
			},
			nameOf
		);
		expect(errors).toEqual({
			total: 'Percentages must total 100.00%: 33.33 + 33.33 + 33.33 is 0.01% short'
		});
	});

	it('accepts one that does', () => {
		expect(
			checkKey(
				{
					financialYear: '2026/27',
					kind: 'fixed',
					measure: '',
					source: '',
					asAt: null,
					shares: shares(3333, 3333, 3334)
				},
				nameOf
			)
		).toEqual({});
	});
});

describe('driver keys', () => {
	const driver = (
		weights: number[],
		extra: Partial<{ measure: string; source: string; asAt: string | null }> = {}
	) =>
		checkKey(
			{
				financialYear: '2026/27',
				kind: 'driver',
				measure: 'users',
				source: 'Active Directory',
				asAt: '2026-03-31',
				shares: shares(...weights),
				...extra
			},
			nameOf
		);

	it('accepts any positive total', () => expect(driver([120000, 45000, 0])).toEqual({}));
	it('refuses a zero total', () =>
		expect(driver([0, 0]).total).toBe(
			'The users total is 0: a driver key needs a total above zero'
		));
	it('refuses a negative value by partner', () =>
		expect(driver([100, -5])['share-2']).toBe('Eastshire Council’s value cannot be negative'));
	it('needs a measure, a source and an as-at date', () => {
		const errors = driver([1, 1], { measure: ' ', source: '', asAt: '2026-02-30' });
		expect(Object.keys(errors).sort()).toEqual(['asAt', 'measure', 'source']);
	});
	it('refuses a partner twice', () => {
		const twice = [...shares(1), ...shares(2)];
		expect(
			checkKey(
				{
					financialYear: '2026/27',
					kind: 'driver',
					measure: 'users',
					source: 's',
					asAt: '2026-01-01',
					shares: twice
				},
				nameOf
			)['share-1']
		).toBe('Northbridge Council appears more than once');
	});
	it('refuses a bad year', () =>
		expect(
			checkKey(
				{
					financialYear: '2026',
					kind: 'fixed',
					measure: '',
					source: '',
					asAt: null,
					shares: shares(10000)
				},
				nameOf
			).financialYear
		).toMatch(/2026\/27/));
});

describe('parseHundredths', () => {
	it.each([
		['33.33', 3333],
		['33.3%', 3330],
		[' 12 ', 1200],
		['1,250.5', 125050],
		['0', 0]
	])('%s is %i hundredths', (input, value) => {
		expect(parseHundredths(input, 'the percentage', 10000 * 100)).toEqual({ ok: true, value });
	});
	it.each([
		['', 'Enter the percentage'],
		['-1', 'The percentage cannot be negative'],
		['1.234', 'The percentage must be a number with at most 2 decimal places'],
		['abc', 'The percentage must be a number with at most 2 decimal places'],
		['100.01', 'The percentage must be 100.00 or less']
	])('%s is refused: %s', (input, reason) => {
		expect(parseHundredths(input, 'the percentage', 10000)).toEqual({ ok: false, reason });
	});
	it('writes hundredths back with two decimals', () => {
		expect(formatHundredths(5)).toBe('0.05');
		expect(formatHundredths(10000)).toBe('100.00');
	});
});
