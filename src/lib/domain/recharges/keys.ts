/**
 * Allocation keys: how a shared service's costs are shared between its partners in one financial
 * year. Either fixed percentages (the TBM taxonomy's fallback where no usage data exists), held in
 * hundredths of a percent and totalling exactly 100.00%, or a driver (users, headcount, devices, ...)
 * with a value per partner, the source it came from and the date it was true on. A key is set for
 * the whole service, a workstream, a system or one cost line; the most specific one wins.
 */
import { isValidIsoDate } from '../dates';
import { isFinancialYear, type FinancialYear } from '../fiscal';

export const KEY_KINDS = ['fixed', 'driver'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/** From the most specific to the least: a cost line's own key beats its system's, and so on. */
export const KEY_SCOPES = ['cost_line', 'system', 'workstream', 'service'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];
export const KEY_SCOPE_LABEL: Record<KeyScope, string> = {
	cost_line: 'Cost line',
	system: 'System',
	workstream: 'Workstream',
	service: 'Shared service default'
};

/** The usual drivers; any other named measure is allowed too. */
export const COMMON_DRIVERS = [
	'users',
	'headcount',
	'devices',
	'population',
	'transactions'
] as const;

/** 100.00% in hundredths of a percent. */
export const WHOLE_BASIS_POINTS = 10_000;
/** A driver value is held in hundredths (so 12.5 full-time equivalents is 1250). */
export const DRIVER_SCALE = 100;
/** The largest driver value anyone may enter (a billion transactions), so sums stay exact. */
export const MAX_DRIVER_VALUE = 1_000_000_000 * DRIVER_SCALE;

export interface KeyShare {
	partnerOrganisationId: number;
	/** Hundredths of a percent for a fixed key; hundredths of the measure for a driver key. */
	weight: number;
	/** The partner's cost centre this share is charged to, if chosen. */
	costCentreId: number | null;
}

export interface AllocationKey {
	id: number;
	financialYear: FinancialYear;
	scope: KeyScope;
	/** The cost line, system or workstream id; 0 for the service's default. */
	scopeId: number;
	kind: KeyKind;
	/** The driver's measure ('users'); '' for a fixed key. */
	measure: string;
	source: string;
	asAt: string | null;
	shares: readonly KeyShare[];
}

/** 3333 -> '33.33': a weight in hundredths, written with two decimals. */
export function formatHundredths(hundredths: number): string {
	const sign = hundredths < 0 ? '-' : '';
	const n = Math.abs(hundredths);
	return `${sign}${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
}

export type ParsedHundredths = { ok: true; value: number } | { ok: false; reason: string };

/** '33.33', '33.3%', '12' -> hundredths (3333, 3330, 1200); at most two decimal places, never negative. */
export function parseHundredths(input: string, what: string, max: number): ParsedHundredths {
	const text = input.trim().replace(/%$/, '').replaceAll(',', '').trim();
	if (text === '') return { ok: false, reason: `Enter ${what}` };
	if (/^-/.test(text)) return { ok: false, reason: `${capitalise(what)} cannot be negative` };
	const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text);
	if (!match)
		return {
			ok: false,
			reason: `${capitalise(what)} must be a number with at most 2 decimal places`
		};
	const value = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
	if (value > max)
		return { ok: false, reason: `${capitalise(what)} must be ${formatHundredths(max)} or less` };
	return { ok: true, value };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Why fixed percentages do not make 100.00%, in the words a finance officer would check by hand
 * ('33.33 + 33.33 + 33.33 is 0.01% short'), or null when they do.
 */
export function fixedTotalProblem(basisPoints: readonly number[]): string | null {
	const total = basisPoints.reduce((sum, b) => sum + b, 0);
	if (total === WHOLE_BASIS_POINTS) return null;
	const sum = basisPoints.length > 0 ? basisPoints.map(formatHundredths).join(' + ') : 'Nothing';
	const gap = formatHundredths(Math.abs(WHOLE_BASIS_POINTS - total));
	return `${sum} is ${gap}% ${total < WHOLE_BASIS_POINTS ? 'short' : 'over'}`;
}

export type KeyErrors = Record<string, string>;

export interface KeyCheckInput {
	financialYear: string;
	kind: KeyKind;
	measure: string;
	source: string;
	asAt: string | null;
	shares: readonly KeyShare[];
}

/**
 * Checks a key's own rules: a financial year; fixed percentages that total exactly 100.00%; a
 * driver with a measure, a source, an as-at date, no negative value and a total above zero; each
 * partner at most once. Errors by field ('total' for the sum, 'share-<partner id>' for one value).
 */
export function checkKey(key: KeyCheckInput, partnerName: (id: number) => string): KeyErrors {
	const errors: KeyErrors = {};
	if (!isFinancialYear(key.financialYear))
		errors.financialYear = 'Enter the financial year, like 2026/27';
	const seen = new Set<number>();
	for (const s of key.shares) {
		if (seen.has(s.partnerOrganisationId))
			errors[`share-${s.partnerOrganisationId}`] =
				`${partnerName(s.partnerOrganisationId)} appears more than once`;
		seen.add(s.partnerOrganisationId);
		if (!Number.isSafeInteger(s.weight) || s.weight < 0)
			errors[`share-${s.partnerOrganisationId}`] =
				`${partnerName(s.partnerOrganisationId)}’s value cannot be negative`;
	}
	if (key.shares.length === 0) errors.total = 'Give a value for at least one partner';
	if (key.kind === 'fixed') {
		const problem = fixedTotalProblem(key.shares.map((s) => s.weight));
		if (problem && !errors.total) errors.total = `Percentages must total 100.00%: ${problem}`;
	} else {
		if (key.measure.trim() === '')
			errors.measure = 'Enter what the driver measures, like users or devices';
		if (key.source.trim() === '')
			errors.source = 'Enter where the driver figures come from, like the Active Directory count';
		if (key.asAt == null || !isValidIsoDate(key.asAt))
			errors.asAt = 'Enter the date the driver figures were true on';
		const total = key.shares.reduce((sum, s) => sum + Math.max(0, s.weight), 0);
		if (key.shares.length > 0 && total <= 0)
			errors.total = `The ${key.measure.trim() || 'driver'} total is 0: a driver key needs a total above zero`;
	}
	return errors;
}
