import { describe, expect, it } from 'vitest';
import {
	COUNTY_OUTAGE,
	DEFAULT_COST_PER_USER_HOUR_PENCE,
	annualOutageRiskPence,
	costPerUserHourFromHourlyLoss,
	costPerUserHourPence,
	describeOutageRisk,
	formatOutageMinutes,
	outageToFormValues,
	parseLoadedCostForm,
	parseOutageForm,
	parseOutageHours,
	type LoadedCostFormValues,
	type OutageFormValues
} from './outage';

describe('the county check', () => {
	it('£26,000 an hour lost across 2,000 users is £13 per user-hour', () => {
		expect(DEFAULT_COST_PER_USER_HOUR_PENCE).toBe(1300);
		expect(costPerUserHourFromHourlyLoss(COUNTY_OUTAGE)).toBe(DEFAULT_COST_PER_USER_HOUR_PENCE);
		expect(
			costPerUserHourFromHourlyLoss({ hourlyLossPence: 2_600_000, concurrentUsers: 2000 })
		).toBe(1300);
	});

	it('8 hours a year at 2,000 users x £13 is £208,000', () => {
		expect(
			annualOutageRiskPence({
				concurrentUsers: 2000,
				outageMinutesPerYear: 8 * 60,
				costPerUserHourPence: 1300
			})
		).toBe(20_800_000);
	});

	it('shows the sum with its inputs', () => {
		expect(
			describeOutageRisk({
				concurrentUsers: 2000,
				outageMinutesPerYear: 480,
				costPerUserHourPence: 1300
			})
		).toBe('2,000 users × 8 hours × £13.00 per user-hour = £208,000.00 a year');
	});
});

describe('costPerUserHourPence', () => {
	it.each<[string, number, number, number | undefined, number]>([
		['£16,500 + 30% over 1,650 hours = £21,450 / 1,650', 1_650_000, 30, undefined, 1300],
		['£30,000 + 30% over 1,650 hours = 2,363.64p', 3_000_000, 30, 1650, 2364],
		['exactly 1,000.5p rounds up', 1_650_825, 0, 1650, 1001],
		['1,000.4994p rounds down', 1_650_824, 0, 1650, 1000],
		['£10,000 + 27.25% over 1,000 hours = 1,272.5p', 1_000_000, 27.25, 1000, 1273],
		['nothing', 0, 30, 1650, 0]
	])('%s', (_n, annualSalaryPence, onCostPercent, workingHoursPerYear, pence) => {
		expect(costPerUserHourPence({ annualSalaryPence, onCostPercent, workingHoursPerYear })).toBe(
			pence
		);
	});

	it.each([
		{ annualSalaryPence: 1.5, onCostPercent: 30 },
		{ annualSalaryPence: 100, onCostPercent: -1 },
		{ annualSalaryPence: 100, onCostPercent: 30.125 },
		{ annualSalaryPence: 100, onCostPercent: Number.NaN },
		{ annualSalaryPence: 100, onCostPercent: 30, workingHoursPerYear: 0 }
	])('refuses %o', (input) => expect(() => costPerUserHourPence(input)).toThrow(RangeError));
});

describe('annualOutageRiskPence', () => {
	it.each([
		[1, 1, 1300, 22], // 21.67p
		[1, 1, 30, 1], // exactly half a penny rounds up
		[1, 1, 29, 0], // 0.48p
		[250, 90, 1300, 487_500], // 250 x 1.5 hours x £13
		[0, 480, 1300, 0]
	])(
		'%i users, %i minutes, %ip an hour is %ip',
		(concurrentUsers, outageMinutesPerYear, costPerUserHourPence, pence) => {
			expect(
				annualOutageRiskPence({ concurrentUsers, outageMinutesPerYear, costPerUserHourPence })
			).toBe(pence);
		}
	);

	it('refuses a fraction of a minute', () => {
		expect(() =>
			annualOutageRiskPence({
				concurrentUsers: 1,
				outageMinutesPerYear: 0.5,
				costPerUserHourPence: 1
			})
		).toThrow(RangeError);
	});

	it('works past 2^53 in the middle of the sum', () => {
		// 1,000,000 users x 525,600 minutes x £1,000 = 5.256e16 before dividing by 60.
		expect(
			annualOutageRiskPence({
				concurrentUsers: 1_000_000,
				outageMinutesPerYear: 525_600,
				costPerUserHourPence: 100_000
			})
		).toBe(876_000_000_000_000);
	});
});

describe('outage hours', () => {
	it.each([
		['8', 480],
		['1.5', 90],
		['0.25', 15],
		['0.1', 6],
		['1:30', 90],
		['8 hours', 480],
		['0', 0],
		['8760', 525_600]
	])('reads %j as %i minutes', (text, minutes) =>
		expect(parseOutageHours(text)).toEqual({ ok: true, minutes })
	);

	it.each([
		['0.01', /not a whole number of minutes/],
		['8761', /8,760 hours/],
		['-1', /not a number of hours/],
		['eight', /not a number of hours/],
		['1:75', /not a number of hours/]
	])('refuses %j', (text, reason) => {
		const result = parseOutageHours(text);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(reason);
	});

	it.each([
		[480, '8 hours'],
		[90, '1 hour 30 minutes'],
		[20, '20 minutes'],
		[61, '1 hour 1 minute'],
		[0, '0 minutes']
	])('writes %i minutes as %s', (minutes, text) => expect(formatOutageMinutes(minutes)).toBe(text));
});

describe('parseOutageForm', () => {
	const valid: OutageFormValues = {
		concurrentUsers: '2,000',
		outageHours: '1.5',
		costPerUserHour: '£13'
	};

	it('reads the three figures; a blank cost means the default', () => {
		expect(parseOutageForm(valid)).toEqual({
			ok: true,
			value: { concurrentUsers: 2000, outageMinutesPerYear: 90, costPerUserHourPence: 1300 }
		});
		const result = parseOutageForm({ ...valid, costPerUserHour: '' });
		expect(result.ok && result.value.costPerUserHourPence).toBeNull();
	});

	it.each<[Partial<OutageFormValues>, string, RegExp]>([
		[{ concurrentUsers: '' }, 'concurrentUsers', /Enter the number of people/],
		[{ concurrentUsers: '0' }, 'concurrentUsers', /from 1 to 1,000,000/],
		[{ concurrentUsers: '2.5' }, 'concurrentUsers', /whole number/],
		[{ concurrentUsers: '1000001' }, 'concurrentUsers', /from 1 to 1,000,000/],
		[{ outageHours: '' }, 'outageHours', /Enter the expected hours/],
		[
			{ outageHours: '0.01' },
			'outageHours',
			/^Outage hours: '0.01' is not a whole number of minutes/
		],
		[{ costPerUserHour: '0' }, 'costPerUserHour', /more than £0/],
		[{ costPerUserHour: '1000.01' }, 'costPerUserHour', /no more than £1,000/],
		[{ costPerUserHour: '13k' }, 'costPerUserHour', /shorthand/]
	])('refuses %o', (change, field, message) => {
		const values = { ...valid, ...change };
		const result = parseOutageForm(values);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors[field]).toMatch(message);
		expect(result.values).toEqual(values);
	});

	it('round-trips through the form text', () => {
		const value = { concurrentUsers: 2000, outageMinutesPerYear: 90, costPerUserHourPence: 1300 };
		expect(outageToFormValues(value)).toEqual({
			concurrentUsers: '2000',
			outageHours: '1:30',
			costPerUserHour: '13.00'
		});
		expect(parseOutageForm(outageToFormValues(value))).toEqual({ ok: true, value });
	});
});

describe('parseLoadedCostForm', () => {
	const valid: LoadedCostFormValues = {
		annualSalary: '£16,500',
		onCostPercent: '30%',
		workingHoursPerYear: ''
	};

	it('reads the default inputs, with 1,650 working hours when blank', () => {
		const result = parseLoadedCostForm(valid);
		expect(result).toEqual({
			ok: true,
			value: { annualSalaryPence: 1_650_000, onCostPercent: 30, workingHoursPerYear: 1650 }
		});
		if (result.ok) expect(costPerUserHourPence(result.value)).toBe(1300);
	});

	it.each<[Partial<LoadedCostFormValues>, string, RegExp]>([
		[{ annualSalary: '' }, 'annualSalary', /Enter the typical annual salary/],
		[{ annualSalary: '0.50' }, 'annualSalary', /between £1 and £1,000,000/],
		[{ onCostPercent: '' }, 'onCostPercent', /like 30/],
		[{ onCostPercent: '101' }, 'onCostPercent', /from 0 to 100/],
		[{ onCostPercent: '27.125' }, 'onCostPercent', /from 0 to 100/],
		[{ workingHoursPerYear: '8761' }, 'workingHoursPerYear', /1 to 8,760/],
		[{ workingHoursPerYear: '1650.5' }, 'workingHoursPerYear', /whole number/]
	])('refuses %o', (change, field, message) => {
		const result = parseLoadedCostForm({ ...valid, ...change });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[field]).toMatch(message);
	});

	it('accepts on-costs with decimals and hours with a comma', () => {
		expect(
			parseLoadedCostForm({ ...valid, onCostPercent: '27.25', workingHoursPerYear: '1,628' })
		).toMatchObject({ ok: true, value: { onCostPercent: 27.25, workingHoursPerYear: 1628 } });
	});
});

describe('the outage figure is an amount, with the same cap (£1,000,000,000 a year)', () => {
	const errorsOf = (values: {
		concurrentUsers: string;
		outageHours: string;
		costPerUserHour: string;
	}) => {
		const result = parseOutageForm(values);
		return result.ok ? null : result.errors;
	};

	it('takes users x hours x rate at the cap and refuses a penny-hour over', () => {
		// 1,000,000 users x 100 hours x £10 = £1,000,000,000 exactly.
		expect(
			errorsOf({ concurrentUsers: '1,000,000', outageHours: '100', costPerUserHour: '10' })
		).toBeNull();
		expect(
			errorsOf({ concurrentUsers: '1,000,000', outageHours: '100:01', costPerUserHour: '10' })
				?.outageHours
		).toMatch(/more than £1,000,000,000.00 a year/);
	});

	it('counts a blank rate as the most a default can be (£1,000), because the default can change later', () => {
		// 10,000 users x 100 hours x £1,000 = £1,000,000,000.
		expect(
			errorsOf({ concurrentUsers: '10000', outageHours: '100', costPerUserHour: '' })
		).toBeNull();
		expect(
			errorsOf({ concurrentUsers: '10001', outageHours: '100', costPerUserHour: '' })?.outageHours
		).toMatch(/at the most the default cost per user-hour can be/);
	});

	it('refuses a default above £1,000 per user-hour worked out from salary and hours', () => {
		const result = parseLoadedCostForm({
			annualSalary: '1000000',
			onCostPercent: '30',
			workingHoursPerYear: '1000'
		});
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(result.errors.workingHoursPerYear).toMatch(/more than £1,000 per user-hour/);
		expect(
			parseLoadedCostForm({
				annualSalary: '769230.77',
				onCostPercent: '30',
				workingHoursPerYear: '1000'
			}).ok
		).toBe(true);
	});

	it('keeps a figure saved before the caps from failing the page: too large to show', () => {
		const huge = annualOutageRiskPence({
			concurrentUsers: 2 ** 40,
			outageMinutesPerYear: 525_600,
			costPerUserHourPence: 2 ** 30
		});
		expect(huge).toBe(Infinity);
	});
});
