import { describe, expect, it } from 'vitest';
import { nextMilestone, slippageWords } from './milestone-view';
import { describeChanges, readOriginalValues } from '../forms/form-conflict';
import {
	describeLoadedCost,
	parseDirectCostForm,
	systemOutageRisk,
	systemOutageValues
} from '../systems/outage-view';

const m = (
	plannedDate: string,
	forecastDate: string | null = null,
	actualDate: string | null = null
) => ({ plannedDate, forecastDate, actualDate });

describe('slippageWords', () => {
	it.each([
		[m('2027-03-31', '2027-04-12'), '12 days late'],
		[m('2027-03-31', '2027-04-01'), '1 day late'],
		[m('2027-03-31', '2027-03-28'), '3 days early'],
		[m('2027-03-31'), 'On plan'],
		[m('2027-03-31', '2027-05-01', '2027-03-31'), 'On plan']
	])('%o reads %s', (dates, words) => expect(slippageWords(dates)).toBe(words));
});

describe('nextMilestone', () => {
	it('is the earliest expected milestone not yet achieved, by forecast when there is one', () => {
		const rows = [
			{ kind: 'procurement_start' as const, ...m('2026-04-06', null, '2026-04-06') },
			{ kind: 'go_live' as const, ...m('2027-01-31', '2027-06-30') },
			{ kind: 'contract_award' as const, ...m('2027-02-28') }
		];
		const next = nextMilestone(rows, '2026-12-02');
		expect(next?.milestone.kind).toBe('contract_award');
		expect(next?.words).toBe('Contract award, 28 February 2027: On track for 28 February 2027');
	});
	it('is null when every milestone is achieved or there are none', () => {
		expect(nextMilestone([], '2026-12-02')).toBeNull();
		expect(
			nextMilestone(
				[{ kind: 'go_live' as const, ...m('2026-01-01', null, '2026-01-02') }],
				'2026-12-02'
			)
		).toBeNull();
	});
});

describe('describeChanges and readOriginalValues', () => {
	const labels = { a: 'A', b: 'B' };
	it('lists only the fields someone else changed since the form was opened', () => {
		expect(
			describeChanges(
				['a', 'b'] as const,
				labels,
				{ a: '1', b: '2' },
				{ a: '1', b: '3' },
				{ a: '9', b: '2' }
			)
		).toEqual([{ field: 'b', label: 'B', before: '2', saved: '3', yours: '2' }]);
	});
	it('compares with what was typed when the original is lost', () => {
		expect(
			describeChanges(['a', 'b'] as const, labels, null, { a: '1', b: '3' }, { a: '1', b: '2' })
		).toEqual([{ field: 'b', label: 'B', before: '', saved: '3', yours: '2' }]);
	});
	it('treats malformed originals as absent and non-strings as blank', () => {
		expect(readOriginalValues('{bad', ['a'])).toBeNull();
		expect(readOriginalValues(null, ['a'])).toBeNull();
		expect(readOriginalValues('{"a":"x","b":3}', ['a', 'b'])).toEqual({ a: 'x', b: '' });
	});
});

describe('outage view', () => {
	it("uses the organisation's default when a system has no cost of its own: the county example", () => {
		expect(
			systemOutageRisk(
				{ concurrentUsers: 2000, outageMinutesPerYear: 480, costPerUserHourPence: null },
				1300
			)
		).toEqual({
			riskPence: 20_800_000,
			words: '2,000 users × 8 hours × £13.00 per user-hour = £208,000.00 a year',
			usesDefault: true,
			hours: '8 hours'
		});
		expect(
			systemOutageRisk(
				{ concurrentUsers: 10, outageMinutesPerYear: 90, costPerUserHourPence: 2000 },
				1300
			)?.riskPence
		).toBe(30_000);
		expect(
			systemOutageRisk(
				{ concurrentUsers: null, outageMinutesPerYear: 90, costPerUserHourPence: null },
				1300
			)
		).toBeNull();
	});
	it('shows recorded figures in the form as typed, and blanks when none', () => {
		expect(
			systemOutageValues({
				concurrentUsers: 2000,
				outageMinutesPerYear: 90,
				costPerUserHourPence: null
			})
		).toEqual({ concurrentUsers: '2000', outageHours: '1:30', costPerUserHour: '' });
		expect(
			systemOutageValues({
				concurrentUsers: null,
				outageMinutesPerYear: null,
				costPerUserHourPence: null
			})
		).toEqual({ concurrentUsers: '', outageHours: '', costPerUserHour: '' });
	});
	it('describes a default worked out from salary with its working', () => {
		expect(
			describeLoadedCost({
				annualSalaryPence: 2_800_000,
				onCostPercent: 30,
				workingHoursPerYear: 1650
			})
		).toBe('£28,000.00 salary + 30% on-costs over 1,650 hours a year = £22.06 per user-hour');
	});
	it('parses a default set directly, refusing nonsense and keeping what was typed', () => {
		expect(parseDirectCostForm({ costPerUserHour: '13', basis: '' })).toEqual({
			ok: true,
			value: { costPerUserHourPence: 1300, basis: 'Set directly' }
		});
		const bad = parseDirectCostForm({ costPerUserHour: 'lots', basis: 'x' });
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(bad.values.costPerUserHour).toBe('lots');
		expect(parseDirectCostForm({ costPerUserHour: '0', basis: '' }).ok).toBe(false);
	});
});
