/** The recovery objectives form: RTO, RPO and MTPD typed as durations, restoration order, who agreed them. */
import { isoToInput, parseDateInput } from '../dates';
import { refuseUnsafeText, text } from '../forms/form-text';
import type { FieldErrors, Parsed } from '../systems/review';
import { formatDuration, parseDuration } from './duration';
import { objectiveProblems } from './recovery';
import { date, duration } from './form-fields';

export const OBJECTIVE_LABELS = {
	rto: 'Recovery time objective',
	rpo: 'Recovery point objective',
	mtpd: 'Maximum tolerable period of disruption',
	restorationOrder: 'Restoration order',
	agreedBy: 'Business owner who agreed them',
	agreedOn: 'Date agreed'
} as const;
export type ObjectiveValues = Record<keyof typeof OBJECTIVE_LABELS, string>;
export interface ObjectiveInput {
	rtoMinutes: number;
	rpoMinutes: number;
	mtpdMinutes: number;
	restorationOrder: number | null;
	agreedBy: string;
	agreedOn: string;
}

export function readObjectiveForm(form: FormData): ObjectiveValues {
	return Object.fromEntries(
		Object.keys(OBJECTIVE_LABELS).map((k) => [k, text(form, k)])
	) as ObjectiveValues;
}

export function parseObjectiveForm(
	values: ObjectiveValues
): Parsed<ObjectiveInput, ObjectiveValues> {
	const errors: FieldErrors = {};
	refuseUnsafeText(errors, values, { agreedBy: OBJECTIVE_LABELS.agreedBy }, [], { agreedBy: 200 });
	const rtoMinutes = duration(errors, 'rto', OBJECTIVE_LABELS.rto, values.rto);
	const rpoMinutes = duration(errors, 'rpo', OBJECTIVE_LABELS.rpo, values.rpo);
	const mtpdMinutes = duration(errors, 'mtpd', OBJECTIVE_LABELS.mtpd, values.mtpd);
	let restorationOrder: number | null = null;
	if (values.restorationOrder !== '') {
		if (/^[1-9]\d{0,3}$/.test(values.restorationOrder))
			restorationOrder = Number(values.restorationOrder);
		else
			errors.restorationOrder =
				'Restoration order must be a whole number from 1 (restored first) to 9999';
	}
	if (values.agreedBy === '' && !errors.agreedBy)
		errors.agreedBy = 'Enter the business owner who agreed these objectives';
	const agreedOn = date(errors, 'agreedOn', OBJECTIVE_LABELS.agreedOn, values.agreedOn);
	if (rtoMinutes && mtpdMinutes)
		Object.assign(errors, objectiveProblems({ rtoMinutes, rpoMinutes, mtpdMinutes }));
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: {
			rtoMinutes,
			rpoMinutes,
			mtpdMinutes,
			restorationOrder,
			agreedBy: values.agreedBy,
			agreedOn: agreedOn!
		}
	};
}

/** A saved row's values as the objectives form shows them. */
export function objectiveValues(o: ObjectiveInput | null | undefined): ObjectiveValues {
	if (!o) return { rto: '', rpo: '', mtpd: '', restorationOrder: '', agreedBy: '', agreedOn: '' };
	return {
		rto: formatDuration(o.rtoMinutes),
		rpo: formatDuration(o.rpoMinutes),
		mtpd: formatDuration(o.mtpdMinutes),
		restorationOrder: o.restorationOrder == null ? '' : String(o.restorationOrder),
		agreedBy: o.agreedBy,
		agreedOn: isoToInput(o.agreedOn)
	};
}

/** What the objectives form compares on a conflict: durations as minutes, so '4h' and '240' are the same. */
export function objectiveComparable(v: ObjectiveValues): ObjectiveValues {
	const minutes = (t: string) => {
		const d = parseDuration(t);
		return d.ok ? formatDuration(d.minutes) : t;
	};
	const date = parseDateInput(v.agreedOn);
	return {
		...v,
		rto: minutes(v.rto),
		rpo: minutes(v.rpo),
		mtpd: minutes(v.mtpd),
		agreedOn: date.ok ? isoToInput(date.iso) : v.agreedOn
	};
}

export const OBJECTIVE_FIELDS = Object.keys(OBJECTIVE_LABELS) as (keyof typeof OBJECTIVE_LABELS)[];
