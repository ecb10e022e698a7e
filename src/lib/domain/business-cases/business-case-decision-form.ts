/** The decision form: what the minutes record when members decide a business case. Re-exported by ./business-case-form. */
import { parseDateInput } from '../dates';
import { isOneOf } from '../systems/system';
import type { FieldErrors, Parsed } from '../systems/review';
import { refuseUnsafeText, text } from '../forms/form-text';
import {
	DECISION_MAKERS,
	DECISION_OUTCOMES,
	type DecisionInput,
	type DecisionMaker,
	type DecisionOutcome
} from './business-case-workflow';

/** The decision form's limits (its inputs carry them as maxlength). */
export const DECISION_LIMITS = { minuteRef: 100, conditions: 8000, reasons: 8000 } as const;

export const DECISION_FIELDS = [
	'outcome',
	'decisionMaker',
	'meetingDate',
	'minuteRef',
	'keyDecision',
	'conditions',
	'reasons'
] as const;
export type DecisionFormValues = Record<(typeof DECISION_FIELDS)[number], string>;

export function readDecisionForm(form: FormData): DecisionFormValues {
	return Object.fromEntries(DECISION_FIELDS.map((f) => [f, text(form, f)])) as DecisionFormValues;
}

/**
 * Checks a decision as the minutes record it. The meeting must have happened (today or earlier):
 * a decision is recorded after it is made. Conditions are required for 'approved with conditions'
 * and refused for any other outcome, where they would be read as binding; a rejection or deferral
 * needs its reasons, which the officer will need to revise the case.
 */
export function parseDecisionForm(
	values: DecisionFormValues,
	context: { today: string }
): Parsed<DecisionInput, DecisionFormValues> {
	const errors: FieldErrors = {};
	if (!isOneOf(DECISION_OUTCOMES, values.outcome)) errors.outcome = 'Select the decision';
	if (!isOneOf(DECISION_MAKERS, values.decisionMaker))
		errors.decisionMaker =
			'Select who made the decision: Cabinet, a committee or a delegated officer';
	let meetingDate = '';
	const date = parseDateInput(values.meetingDate);
	if (!values.meetingDate) errors.meetingDate = 'Enter the date of the meeting or decision';
	else if (!date.ok) errors.meetingDate = `Meeting date: ${date.reason}`;
	else if (date.iso > context.today)
		errors.meetingDate =
			'Meeting date must be today or in the past: record a decision once it is made';
	else meetingDate = date.iso;
	if (!values.minuteRef) errors.minuteRef = 'Enter the minute or decision record reference';
	if (values.keyDecision !== 'yes' && values.keyDecision !== 'no')
		errors.keyDecision = 'Select whether this was a key decision';
	if (values.outcome === 'approved_with_conditions' && !values.conditions)
		errors.conditions = 'Enter the conditions of the approval';
	else if (
		values.conditions &&
		values.outcome !== 'approved_with_conditions' &&
		isOneOf(DECISION_OUTCOMES, values.outcome)
	) {
		errors.conditions =
			"Conditions go with 'approved with conditions'; record other remarks as reasons";
	}
	if ((values.outcome === 'rejected' || values.outcome === 'deferred') && !values.reasons)
		errors.reasons = `Enter the reasons the case was ${values.outcome}`;
	refuseUnsafeText(
		errors,
		values,
		{
			minuteRef: 'Minute reference',
			meetingDate: 'Meeting date',
			conditions: 'Conditions',
			reasons: 'Reasons'
		},
		['conditions', 'reasons'],
		DECISION_LIMITS
	);
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: {
			outcome: values.outcome as DecisionOutcome,
			decisionMaker: values.decisionMaker as DecisionMaker,
			meetingDate,
			minuteRef: values.minuteRef,
			keyDecision: values.keyDecision === 'yes',
			conditions: values.conditions,
			reasons: values.reasons
		}
	};
}
