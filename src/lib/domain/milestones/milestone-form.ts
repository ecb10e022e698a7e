/**
 * The milestone form: what was typed (kept as text, so a refused form comes back as entered) and the
 * checked milestone it becomes. Dates are typed the UK way and held as ISO.
 */
import { isoToInput, parseDateInput } from '../dates';
import type { FieldErrors, Parsed } from '../systems/review';
import { isOneOf } from '../systems/system';
import { refuseUnsafeText, text } from '../forms/form-text';
import { MILESTONE_KINDS, type MilestoneInput, type MilestoneKind } from './milestone';

/** The longest note a milestone takes (its input carries it as maxlength). */
export const MILESTONE_NOTE_MAX = 1000;

export const MILESTONE_FIELDS = [
	'kind',
	'plannedDate',
	'forecastDate',
	'actualDate',
	'note'
] as const;
export type MilestoneFormValues = Record<(typeof MILESTONE_FIELDS)[number], string>;

export function readMilestoneForm(form: FormData): MilestoneFormValues {
	const read = (name: string) => text(form, name);
	return {
		kind: read('kind'),
		plannedDate: read('plannedDate'),
		forecastDate: read('forecastDate'),
		actualDate: read('actualDate'),
		note: read('note')
	};
}

export function milestoneToFormValues(m: MilestoneInput): MilestoneFormValues {
	return {
		kind: m.kind,
		plannedDate: isoToInput(m.plannedDate),
		forecastDate: isoToInput(m.forecastDate),
		actualDate: isoToInput(m.actualDate),
		note: m.note
	};
}

const DATE_LABEL = {
	plannedDate: 'Planned date',
	forecastDate: 'Forecast date',
	actualDate: 'Actual date'
} as const;

/**
 * Checks a milestone: a planned date is required (it is the baseline); forecast and actual are
 * optional; an actual date cannot be in the future, because it records what has happened.
 */
export function parseMilestoneForm(
	values: MilestoneFormValues,
	context: { today: string }
): Parsed<MilestoneInput, MilestoneFormValues> {
	const errors: FieldErrors = {};
	if (!isOneOf(MILESTONE_KINDS, values.kind)) errors.kind = 'Select the milestone';
	const dates: Record<keyof typeof DATE_LABEL, string | null> = {
		plannedDate: null,
		forecastDate: null,
		actualDate: null
	};
	for (const field of ['plannedDate', 'forecastDate', 'actualDate'] as const) {
		if (!values[field]) continue;
		const parsed = parseDateInput(values[field]);
		if (parsed.ok) dates[field] = parsed.iso;
		else errors[field] = `${DATE_LABEL[field]}: ${parsed.reason}`;
	}
	if (!values.plannedDate) errors.plannedDate = 'Enter the planned date';
	if (dates.actualDate && dates.actualDate > context.today) {
		errors.actualDate = `Actual date must be today or in the past; put a future date in the forecast`;
	}
	refuseUnsafeText(errors, values, { note: 'Note', ...DATE_LABEL }, ['note'], {
		note: MILESTONE_NOTE_MAX
	});
	if (Object.keys(errors).length > 0 || !dates.plannedDate) return { ok: false, values, errors };
	return {
		ok: true,
		value: {
			kind: values.kind as MilestoneKind,
			plannedDate: dates.plannedDate,
			forecastDate: dates.forecastDate,
			actualDate: dates.actualDate,
			note: values.note
		}
	};
}
