/**
 * The organisation's default cost per user-hour as its settings page works it out (from salary and
 * on-costs, or set directly), and a system's risk with the default filled in.
 */
import {
	annualOutageRiskPence,
	costPerUserHourPence,
	describeOutageRisk,
	formatOutageMinutes,
	MAX_COST_PER_USER_HOUR_PENCE,
	outageToFormValues,
	type LoadedCostInput,
	type OutageFormValues
} from './outage';
import { formatCount, formatPence, parsePounds } from '../money';
import type { FieldErrors, Parsed } from './review';
import { refuseUnsafeText } from '../forms/form-text';

/** The basis recorded beside a default worked out from salary: '£26,000.00 salary + 30% on-costs over 1,650 hours a year'. */
export function describeLoadedCost(input: LoadedCostInput): string {
	return `${formatPence(input.annualSalaryPence)} salary + ${input.onCostPercent}% on-costs over ${formatCount(input.workingHoursPerYear)} hours a year = ${formatPence(costPerUserHourPence(input))} per user-hour`;
}

/** The longest note of how a default cost was worked out. */
export const BASIS_MAX = 300;

export type DirectCostFormValues = { costPerUserHour: string; basis: string };

/** A default set directly, with how it was arrived at (blank: 'Set directly'). */
export function parseDirectCostForm(
	values: DirectCostFormValues
): Parsed<{ costPerUserHourPence: number; basis: string }, DirectCostFormValues> {
	const errors: FieldErrors = {};
	let pence = 0;
	if (!values.costPerUserHour) errors.costPerUserHour = 'Enter the cost per user-hour, like 13';
	else {
		const money = parsePounds(values.costPerUserHour);
		if (!money.ok) errors.costPerUserHour = `Cost per user-hour: ${money.reason}`;
		else if (money.pence <= 0 || money.pence > MAX_COST_PER_USER_HOUR_PENCE)
			errors.costPerUserHour = 'Cost per user-hour must be more than £0 and no more than £1,000';
		else pence = money.pence;
	}
	refuseUnsafeText(
		errors,
		values,
		{ costPerUserHour: 'Cost per user-hour', basis: 'How it was worked out' },
		[],
		{ basis: BASIS_MAX }
	);
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: { costPerUserHourPence: pence, basis: values.basis || 'Set directly' }
	};
}

export interface SystemOutageFigures {
	concurrentUsers: number | null;
	outageMinutesPerYear: number | null;
	costPerUserHourPence: number | null;
}

/**
 * A system's annual outage risk with its working, using the organisation's default when the system
 * has no cost per user-hour of its own; null while its users or hours are not recorded.
 */
export function systemOutageRisk(
	s: SystemOutageFigures,
	defaultCostPerUserHourPence: number
): { riskPence: number; words: string; usesDefault: boolean; hours: string } | null {
	if (s.concurrentUsers == null || s.outageMinutesPerYear == null) return null;
	const input = {
		concurrentUsers: s.concurrentUsers,
		outageMinutesPerYear: s.outageMinutesPerYear,
		costPerUserHourPence: s.costPerUserHourPence ?? defaultCostPerUserHourPence
	};
	return {
		riskPence: annualOutageRiskPence(input),
		words: describeOutageRisk(input),
		usesDefault: s.costPerUserHourPence == null,
		hours: formatOutageMinutes(s.outageMinutesPerYear)
	};
}

export const OUTAGE_FIELD_LABEL: Record<keyof OutageFormValues, string> = {
	concurrentUsers: 'Concurrent users',
	outageHours: 'Expected outage hours a year',
	costPerUserHour: 'Cost per user-hour (£, optional)'
};

/** A system's recorded outage figures as the form shows them; blank while none are recorded. */
export function systemOutageValues(s: SystemOutageFigures): OutageFormValues {
	if (s.concurrentUsers == null || s.outageMinutesPerYear == null)
		return { concurrentUsers: '', outageHours: '', costPerUserHour: '' };
	return outageToFormValues({
		concurrentUsers: s.concurrentUsers,
		outageMinutesPerYear: s.outageMinutesPerYear,
		costPerUserHourPence: s.costPerUserHourPence
	});
}
