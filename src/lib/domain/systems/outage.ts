/**
 * The productivity cost of a system being down: people who cannot work x hours lost x a loaded cost
 * per user-hour. The business case uses it as a benefit of replacing an unreliable system. Whole
 * pence and whole minutes throughout; each division is rounded once, half up, to the penny
 * (money.ts divideHalfUp).
 */
import {
	checkedPence,
	divideHalfUp as halfUp,
	formatCount,
	formatPence,
	MAX_AMOUNT_PENCE,
	parsePounds,
	penceToInput
} from '../money';
import type { FieldErrors, Parsed } from './review';
import { refuseUnsafeText, text } from '../forms/form-text';

/** Hours a full-time officer works in a year, net of leave and bank holidays: 37 hours x ~44.6 weeks. */
export const DEFAULT_WORKING_HOURS = 1650;
export const MAX_OUTAGE_MINUTES = 365 * 24 * 60;

/** The largest cost per user-hour a system or the organisation's default may have: £1,000. */
export const MAX_COST_PER_USER_HOUR_PENCE = 100_000;

/** n / d to the penny, half up; too large to show (Infinity) past 2^53 pence (figures saved before the caps). */
function divideHalfUp(n: bigint, d: bigint): number {
	return checkedPence(Number(halfUp(n, d)));
}

function wholeAtLeast(n: number, min: number, what: string): bigint {
	if (!Number.isSafeInteger(n) || n < min)
		throw new RangeError(`${what} must be a whole number, ${min} or more: ${n}`);
	return BigInt(n);
}

/**
 * The loaded cost of an hour of one person's time: salary plus on-costs (employer's National
 * Insurance and pension, typically about 30%) over the hours worked in a year, rounded half up to
 * a penny. The on-cost may have up to two decimal places (27.25%); it is worked in hundredths of a
 * percent so no float touches the pence.
 */
export function costPerUserHourPence(input: {
	annualSalaryPence: number;
	onCostPercent: number;
	workingHoursPerYear?: number;
}): number {
	const salary = wholeAtLeast(input.annualSalaryPence, 0, 'the salary in pence');
	const hours = wholeAtLeast(
		input.workingHoursPerYear ?? DEFAULT_WORKING_HOURS,
		1,
		'working hours a year'
	);
	const hundredths = Math.round(input.onCostPercent * 100);
	if (!(input.onCostPercent >= 0) || Math.abs(input.onCostPercent * 100 - hundredths) > 1e-6) {
		throw new RangeError(
			`the on-cost must be a percentage of 0 or more with at most two decimal places: ${input.onCostPercent}`
		);
	}
	return divideHalfUp(salary * BigInt(10_000 + hundredths), hours * 10_000n);
}

/**
 * The cost per user-hour implied by a service's own figure for an hour's outage, e.g. the county's
 * £26,000 an hour across 2,000 users is £13 per user-hour. Rounded half up to a penny.
 */
export function costPerUserHourFromHourlyLoss(input: {
	hourlyLossPence: number;
	concurrentUsers: number;
}): number {
	return divideHalfUp(
		wholeAtLeast(input.hourlyLossPence, 0, 'the hourly loss in pence'),
		wholeAtLeast(input.concurrentUsers, 1, 'concurrent users')
	);
}

/** The county's own figures, from which every new organisation's default is worked out. */
export const COUNTY_OUTAGE = { hourlyLossPence: 2_600_000, concurrentUsers: 2000 } as const;

/** The default cost per user-hour of a new organisation: £26,000 an hour over 2,000 users, 1300p. */
export const DEFAULT_COST_PER_USER_HOUR_PENCE = costPerUserHourFromHourlyLoss(COUNTY_OUTAGE);

/** How the default was worked out, in words, stored with it and shown beside it. */
export const DEFAULT_COST_PER_USER_HOUR_BASIS = '£26,000 an hour lost across 2,000 users';

export interface OutageInput {
	concurrentUsers: number;
	/** Expected outage a year in whole minutes, so 1.5 hours is 90 and never a float. */
	outageMinutesPerYear: number;
	costPerUserHourPence: number;
}

/**
 * The productivity lost to outages in a year: users x minutes x cost per user-hour / 60, rounded
 * half up to a penny once, at the end. Per system; a workstream's figure is the sum of its systems'.
 */
export function annualOutageRiskPence(input: OutageInput): number {
	const users = wholeAtLeast(input.concurrentUsers, 0, 'concurrent users');
	const minutes = wholeAtLeast(input.outageMinutesPerYear, 0, 'outage minutes a year');
	const rate = wholeAtLeast(input.costPerUserHourPence, 0, 'the cost per user-hour in pence');
	return divideHalfUp(users * minutes * rate, 60n);
}

/** 480 -> '8 hours', 90 -> '1 hour 30 minutes', 20 -> '20 minutes'. */
export function formatOutageMinutes(minutes: number): string {
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	const parts = [
		h > 0 ? `${formatCount(h)} ${h === 1 ? 'hour' : 'hours'}` : '',
		m > 0 || h === 0 ? `${m} ${m === 1 ? 'minute' : 'minutes'}` : ''
	];
	return parts.filter(Boolean).join(' ');
}

/** The sum with its inputs, as the business case shows it: '2,000 users x 8 hours x £13.00 = £208,000.00'. */
export function describeOutageRisk(input: OutageInput): string {
	const users = `${formatCount(input.concurrentUsers)} ${input.concurrentUsers === 1 ? 'user' : 'users'}`;
	return `${users} × ${formatOutageMinutes(input.outageMinutesPerYear)} × ${formatPence(input.costPerUserHourPence)} per user-hour = ${formatPence(annualOutageRiskPence(input))} a year`;
}

/**
 * Reads hours as typed: '8', '1.5', '0.25' or '1:30', as whole minutes. A figure that is not a whole
 * number of minutes ('0.01') is refused rather than rounded, so the figure shown is the figure typed.
 */
export function parseOutageHours(
	input: string
): { ok: true; minutes: number } | { ok: false; reason: string } {
	const text = input.trim().replace(/\s*(hours?|hrs?|h)$/i, '');
	let minutes: number;
	const clock = /^(\d{1,4}):([0-5]\d)$/.exec(text);
	const decimal = /^(\d{1,4})(?:\.(\d{1,4}))?$/.exec(text);
	if (clock) minutes = Number(clock[1]) * 60 + Number(clock[2]);
	else if (decimal) {
		const fraction = decimal[2] ?? '';
		const scaled = Number(fraction || '0') * 60;
		const scale = 10 ** fraction.length;
		if (scaled % scale !== 0)
			return {
				ok: false,
				reason: `'${input.trim()}' is not a whole number of minutes; enter hours like 1.5 or 1:30`
			};
		minutes = Number(decimal[1]) * 60 + scaled / scale;
	} else return { ok: false, reason: `'${input.trim()}' is not a number of hours, like 8 or 1.5` };
	if (minutes > MAX_OUTAGE_MINUTES)
		return { ok: false, reason: 'Outage hours cannot be more than the 8,760 hours in a year' };
	return { ok: true, minutes };
}

function parseWhole(text: string, min: number, max: number, message: string): number | string {
	const cleaned = text.replace(/,/g, '');
	if (!/^\d{1,9}$/.test(cleaned) || Number(cleaned) < min || Number(cleaned) > max) return message;
	return Number(cleaned);
}

export type OutageFormValues = {
	concurrentUsers: string;
	outageHours: string;
	costPerUserHour: string;
};
export type OutageFormInput = Omit<OutageInput, 'costPerUserHourPence'> & {
	costPerUserHourPence: number | null;
};

export function readOutageForm(form: FormData): OutageFormValues {
	const read = (name: string) => text(form, name);
	return {
		concurrentUsers: read('concurrentUsers'),
		outageHours: read('outageHours'),
		costPerUserHour: read('costPerUserHour')
	};
}

export function outageToFormValues(o: OutageFormInput): OutageFormValues {
	const h = Math.floor(o.outageMinutesPerYear / 60);
	const m = o.outageMinutesPerYear % 60;
	return {
		concurrentUsers: String(o.concurrentUsers),
		outageHours: m === 0 ? String(h) : `${h}:${String(m).padStart(2, '0')}`,
		costPerUserHour: penceToInput(o.costPerUserHourPence)
	};
}

/**
 * Checks a system's outage figures. A blank cost per user-hour is null: use the organisation's
 * default (from salary and on-costs), so changing the default moves every system that has no
 * figure of its own.
 */
export function parseOutageForm(
	values: OutageFormValues
): Parsed<OutageFormInput, OutageFormValues> {
	const errors: FieldErrors = {};
	let concurrentUsers = 0;
	if (!values.concurrentUsers)
		errors.concurrentUsers = 'Enter the number of people using the system at once';
	else {
		const n = parseWhole(
			values.concurrentUsers,
			1,
			1_000_000,
			'Concurrent users must be a whole number from 1 to 1,000,000'
		);
		if (typeof n === 'string') errors.concurrentUsers = n;
		else concurrentUsers = n;
	}
	let outageMinutesPerYear = 0;
	if (!values.outageHours) errors.outageHours = 'Enter the expected hours of outage a year';
	else {
		const hours = parseOutageHours(values.outageHours);
		if (hours.ok) outageMinutesPerYear = hours.minutes;
		else errors.outageHours = `Outage hours: ${hours.reason}`;
	}
	let costPerUserHourPence: number | null = null;
	if (values.costPerUserHour) {
		const money = parsePounds(values.costPerUserHour);
		if (!money.ok) errors.costPerUserHour = `Cost per user-hour: ${money.reason}`;
		else if (money.pence <= 0 || money.pence > MAX_COST_PER_USER_HOUR_PENCE)
			errors.costPerUserHour = 'Cost per user-hour must be more than £0 and no more than £1,000';
		else costPerUserHourPence = money.pence;
	}
	// The figure these give is an amount like any other, so it has the same cap. A blank rate counts
	// as the most the organisation's default can be, because the default can change after this is saved.
	if (Object.keys(errors).length === 0) {
		// users x minutes x rate <= 60 x the cap: exactly the database's system_outage_risk_ck.
		const worst =
			BigInt(concurrentUsers) *
			BigInt(outageMinutesPerYear) *
			BigInt(costPerUserHourPence ?? MAX_COST_PER_USER_HOUR_PENCE);
		if (worst > 60n * BigInt(MAX_AMOUNT_PENCE)) {
			errors.outageHours = `Users × hours × cost per user-hour comes to more than ${formatPence(MAX_AMOUNT_PENCE)} a year${costPerUserHourPence == null ? ' at the most the default cost per user-hour can be (£1,000)' : ''}: check the figures`;
		}
	}
	refuseUnsafeText(errors, values, {
		concurrentUsers: 'Concurrent users',
		outageHours: 'Outage hours',
		costPerUserHour: 'Cost per user-hour'
	});
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return { ok: true, value: { concurrentUsers, outageMinutesPerYear, costPerUserHourPence } };
}

export type LoadedCostFormValues = {
	annualSalary: string;
	onCostPercent: string;
	workingHoursPerYear: string;
};
export interface LoadedCostInput {
	annualSalaryPence: number;
	onCostPercent: number;
	workingHoursPerYear: number;
}

/** Checks the organisation's default: a typical salary, its on-cost percentage and the hours a year (blank = 1,650). */
export function parseLoadedCostForm(
	values: LoadedCostFormValues
): Parsed<LoadedCostInput, LoadedCostFormValues> {
	const errors: FieldErrors = {};
	let annualSalaryPence = 0;
	if (!values.annualSalary) errors.annualSalary = 'Enter the typical annual salary';
	else {
		const money = parsePounds(values.annualSalary);
		if (!money.ok) errors.annualSalary = `Annual salary: ${money.reason}`;
		else if (money.pence < 100 || money.pence > 100_000_000)
			errors.annualSalary = 'Annual salary must be between £1 and £1,000,000';
		else annualSalaryPence = money.pence;
	}
	let onCostPercent = 0;
	const onCost = values.onCostPercent.replace(/\s*%$/, '');
	if (!onCost) errors.onCostPercent = 'Enter the on-costs as a percentage of salary, like 30';
	else if (!/^\d{1,3}(\.\d{1,2})?$/.test(onCost) || Number(onCost) > 100)
		errors.onCostPercent = 'On-costs must be a percentage from 0 to 100, like 30 or 27.5';
	else onCostPercent = Number(onCost);
	let workingHoursPerYear = DEFAULT_WORKING_HOURS;
	if (values.workingHoursPerYear) {
		const n = parseWhole(
			values.workingHoursPerYear,
			1,
			8760,
			'Working hours a year must be a whole number from 1 to 8,760, like 1,650'
		);
		if (typeof n === 'string') errors.workingHoursPerYear = n;
		else workingHoursPerYear = n;
	}
	if (
		Object.keys(errors).length === 0 &&
		costPerUserHourPence({ annualSalaryPence, onCostPercent, workingHoursPerYear }) >
			MAX_COST_PER_USER_HOUR_PENCE
	) {
		errors.workingHoursPerYear =
			'These give more than £1,000 per user-hour, the most a cost per user-hour can be: check the salary and the hours';
	}
	refuseUnsafeText(errors, values, {
		annualSalary: 'Annual salary',
		onCostPercent: 'On-costs',
		workingHoursPerYear: 'Working hours a year'
	});
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return { ok: true, value: { annualSalaryPence, onCostPercent, workingHoursPerYear } };
}
