/**
 * The allocation key form: what it posts (plain text, one value and one cost centre per partner)
 * and how it becomes a key. 'Applies to' is 'service:0', 'workstream:<id>' or 'system:<id>'; a cost
 * line number, when given, narrows the key to that one line.
 */
import { parseDateInput, isoToInput } from '../dates';
import { parseFinancialYear } from '../fiscal';
import type { FieldErrors } from '../forms/form-text';
import {
	DRIVER_SCALE,
	formatHundredths,
	MAX_DRIVER_VALUE,
	parseHundredths,
	WHOLE_BASIS_POINTS,
	type KeyKind,
	type KeyScope,
	type KeyShare
} from './keys';

export type KeyFormValues = Record<string, string>;

export interface ParsedKeyForm {
	financialYear: string;
	scope: KeyScope;
	scopeId: number;
	kind: KeyKind;
	measure: string;
	source: string;
	asAt: string | null;
	shares: readonly KeyShare[];
}

/** A fixed key for the whole service in a year: the key form's blank (no shares) or a test's default key. */
export function serviceKey(financialYear: string, shares: readonly KeyShare[] = []): ParsedKeyForm {
	return {
		financialYear,
		scope: 'service',
		scopeId: 0,
		kind: 'fixed',
		measure: '',
		source: '',
		asAt: null,
		shares
	};
}

const BASE_FIELDS = [
	'financialYear',
	'appliesTo',
	'costLineId',
	'kind',
	'measure',
	'source',
	'asAt'
];

/** The form's field names for these partners, in the order the form shows them. */
export function keyFormFields(partnerIds: readonly number[]): string[] {
	return [...BASE_FIELDS, ...partnerIds.flatMap((id) => [`value-${id}`, `costCentre-${id}`])];
}

/** Reads the form's fields as typed (at most 500 characters each: no field needs more). */
export function readKeyForm(form: FormData, partnerIds: readonly number[]): KeyFormValues {
	const values: KeyFormValues = {};
	for (const field of keyFormFields(partnerIds)) {
		const v = form.get(field);
		values[field] = typeof v === 'string' ? v.slice(0, 500) : '';
	}
	return values;
}

const ID = /^[1-9]\d{0,9}$/;

/** Parses the form: every problem by field; the key's own rules (totals) are the service's. */
export function parseKeyForm(
	values: KeyFormValues,
	partnerIds: readonly number[]
): { ok: true; value: ParsedKeyForm } | { ok: false; errors: FieldErrors } {
	const errors: FieldErrors = {};
	const year = parseFinancialYear(values.financialYear ?? '');
	if (!year.ok) errors.financialYear = year.reason;
	const kind: KeyKind = values.kind === 'driver' ? 'driver' : 'fixed';
	if (values.kind !== 'fixed' && values.kind !== 'driver')
		errors.kind = 'Choose fixed percentages or a driver';
	let scope: KeyScope = 'service';
	let scopeId = 0;
	const [scopeText, idText] = (values.appliesTo ?? '').split(':');
	if (scopeText === 'workstream' || scopeText === 'system') {
		scope = scopeText;
		scopeId = ID.test(idText ?? '') ? Number(idText) : -1;
	} else if (values.appliesTo !== 'service:0') errors.appliesTo = 'Choose what the key applies to';
	const line = (values.costLineId ?? '').trim();
	if (line !== '') {
		if (ID.test(line)) [scope, scopeId] = ['cost_line', Number(line)];
		else errors.costLineId = 'Cost line number must be a whole number, like 42';
	}
	let asAt: string | null = null;
	if (kind === 'driver' && (values.asAt ?? '').trim() !== '') {
		const date = parseDateInput(values.asAt!);
		if (date.ok) asAt = date.iso;
		else errors.asAt = date.reason;
	}
	const shares: KeyShare[] = [];
	for (const id of partnerIds) {
		const typed = (values[`value-${id}`] ?? '').trim();
		if (typed === '') continue;
		const parsed =
			kind === 'fixed'
				? parseHundredths(typed, 'the percentage', WHOLE_BASIS_POINTS)
				: parseHundredths(typed, 'the value', MAX_DRIVER_VALUE);
		if (!parsed.ok) {
			errors[`value-${id}`] = parsed.reason;
			continue;
		}
		const centre = (values[`costCentre-${id}`] ?? '').trim();
		if (centre !== '' && !ID.test(centre)) {
			errors[`costCentre-${id}`] = 'Choose a cost centre from the list';
			continue;
		}
		shares.push({
			partnerOrganisationId: id,
			weight: parsed.value,
			costCentreId: centre === '' ? null : Number(centre)
		});
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		value: {
			financialYear: year.ok ? year.label : '',
			scope,
			scopeId,
			kind,
			measure: kind === 'driver' ? (values.measure ?? '').trim() : '',
			source: kind === 'driver' ? (values.source ?? '').trim() : '',
			asAt,
			shares
		}
	};
}

/** A saved key as the form's text, so the form opens with it and a conflict compares like with like. */
export function keyFormValues(key: ParsedKeyForm, partnerIds: readonly number[]): KeyFormValues {
	const values: KeyFormValues = {
		financialYear: key.financialYear,
		appliesTo: key.scope === 'cost_line' ? 'service:0' : `${key.scope}:${key.scopeId}`,
		costLineId: key.scope === 'cost_line' ? String(key.scopeId) : '',
		kind: key.kind,
		measure: key.measure,
		source: key.source,
		asAt: isoToInput(key.asAt)
	};
	for (const id of partnerIds) {
		const share = key.shares.find((s) => s.partnerOrganisationId === id);
		values[`value-${id}`] = share ? formatWeight(key.kind, share.weight) : '';
		values[`costCentre-${id}`] = share?.costCentreId != null ? String(share.costCentreId) : '';
	}
	return values;
}

/** A weight as people read it: '33.33' (a percentage) or '1250' / '12.50' (a driver value). */
export function formatWeight(kind: KeyKind, weight: number): string {
	if (kind === 'fixed') return formatHundredths(weight);
	return weight % DRIVER_SCALE === 0 ? String(weight / DRIVER_SCALE) : formatHundredths(weight);
}

/**
 * The service's errors named by the form's fields, so the error summary links to a field on the
 * page: a partner's share problem is shown on its value, a scope problem on 'Applies to'.
 */
export function keyFormErrors(errors: Record<string, string> | undefined) {
	if (!errors) return undefined;
	const out: Record<string, string> = {};
	for (const [field, message] of Object.entries(errors)) {
		const named = field.startsWith('share-')
			? `value-${field.slice(6)}`
			: field === 'scopeId'
				? 'appliesTo'
				: field;
		out[named] ??= message;
	}
	return out;
}
