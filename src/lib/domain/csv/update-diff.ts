/**
 * What an import would change in each existing system, in words an officer checks against the file:
 * each field's label, its value before and after (pounds and pence, UK dates, names not ids: the
 * audit trail's own wording, ../audit/), the workstreams linked and the review's outcomes, and
 * whether the system was found by its reference or only by its name. Pure: the preview and the
 * download describe the same planned changes the same way.
 */
import { SYSTEM_FIELD_LABEL, type SystemFormField, type SystemInput } from '../systems/system-form';
import {
	NEEDS_TARGET_DATE,
	OUTCOME_LABEL,
	OUTCOME_STATUS_LABEL,
	type Outcome,
	type OutcomeStatus
} from '../systems/review';
import { formatDate } from '../dates';
import { fieldFor } from '../audit/fields';
import { clipText, NOT_SET, type AuditNames } from '../audit/values';
import type { PlannedChange } from './plan';

export interface FieldChange {
	label: string;
	before: string;
	after: string;
	/** An amount, count or date: the page keeps it on one line. */
	figure?: true;
}

export interface UpdatedSystem {
	row: number;
	systemId: number;
	/** The system's name before the import (a renamed system is found by what it is called now). */
	name: string;
	matchedBy: 'reference' | 'name';
	fields: FieldChange[];
}

export const MATCHED_BY_WORDS: Record<UpdatedSystem['matchedBy'], string> = {
	reference: 'matched by external reference',
	name: 'matched by name'
};

/** The systems listed on the preview page; the download has them all. */
export const UPDATES_SHOWN = 200;

const FIGURES = new Set<keyof SystemInput>([
	'annualRunCostPence',
	'userCount',
	'contractStart',
	'contractEnd',
	'contractNotice'
]);

/**
 * Free text: shown as written (cut to a line on the page, whole in the download). A named contact's
 * details are not: they are shown on a system's page only when revealed, with an audit row, so here
 * they read as the audit trail reads them ('recorded (personal data, not shown)').
 */
const FREE_TEXT = new Set<keyof SystemInput>([
	'name',
	'description',
	'supplier',
	'product',
	'businessOwner',
	'technicalOwner',
	'statutoryDuties',
	'externalRef'
]);

const labelOf = (key: keyof SystemInput) =>
	SYSTEM_FIELD_LABEL[(key === 'annualRunCostPence' ? 'annualRunCost' : key) as SystemFormField];

/** One system value in words: the audit trail's wording, except free text, which the officer sees as written. */
export function valueWords(
	key: keyof SystemInput,
	value: unknown,
	names: AuditNames,
	whole = false
): string {
	if (FREE_TEXT.has(key)) {
		if (typeof value !== 'string' || !value.trim()) return NOT_SET;
		return whole ? value : clipText(value);
	}
	const field = fieldFor('system', key);
	return 'show' in field ? field.show(value, { names, entity: 'system', entityId: null }) : NOT_SET;
}

interface OutcomeLike {
	outcome: Outcome;
	status: OutcomeStatus;
	targetDate: string | null;
	/** A replace outcome's workstream by name; null when not set. */
	workstream?: string | null;
}

/** 'Decommission (proposed, target date not set); Replace with the new main system (proposed, workstream not set)'. */
export function outcomesWords(outcomes: readonly OutcomeLike[] | null | undefined): string {
	if (!outcomes || outcomes.length === 0) return 'not reviewed';
	return outcomes
		.map((o) => {
			const date = o.targetDate
				? `, target date ${formatDate(o.targetDate)}`
				: NEEDS_TARGET_DATE.includes(o.outcome)
					? ', target date not set'
					: '';
			const workstream =
				o.outcome === 'replace' && o.workstream === null ? ', workstream not set' : '';
			return `${OUTCOME_LABEL[o.outcome]} (${OUTCOME_STATUS_LABEL[o.status].toLowerCase()}${date}${workstream})`;
		})
		.join('; ');
}

/**
 * An update in words. `whole` keeps free text whole (the download); otherwise it is cut to a line.
 * A field's before comes from the record the plan matched, so it is exactly what the commit checks.
 */
export function describeUpdate(
	change: PlannedChange,
	names: AuditNames,
	whole = false
): UpdatedSystem {
	if (change.systemId == null || !change.previous)
		throw new Error(`row ${change.row} is not an update`);
	const previous = change.previous;
	const fields: FieldChange[] = change.changed.map((key) => ({
		label: labelOf(key),
		before: valueWords(key, previous[key], names, whole),
		after: valueWords(key, change.input[key], names, whole),
		...(FIGURES.has(key) ? { figure: true as const } : {})
	}));
	if (change.link.length > 0)
		fields.push({
			label: 'Workstreams',
			before: 'not linked',
			after: `linked to ${change.link.join(', ')}`
		});
	if (change.review)
		fields.push({
			label: 'Review outcomes',
			before: outcomesWords(change.previousReview?.outcomes),
			after: outcomesWords(change.review.outcomes)
		});
	return {
		row: change.row,
		systemId: change.systemId,
		name: previous.name,
		matchedBy: change.matchedBy ?? 'name',
		fields
	};
}

export const UPDATES_CSV_HEADER = [
	'Row in your file',
	'System',
	'How it was matched',
	'Field',
	'Before',
	'After'
] as const;

/** One line per changed field, for the download of every update. */
export function updateCsvRows(u: UpdatedSystem): (string | number)[][] {
	return u.fields.map((f) => [
		u.row,
		u.name,
		MATCHED_BY_WORDS[u.matchedBy],
		f.label,
		f.before,
		f.after
	]);
}

/** Directorate and service area names by id, as the audit wording's `named` reads them. */
export function namesForUpdates(
	directorates: readonly { id: number; name: string }[],
	serviceAreas: readonly { id: number; name: string }[]
): AuditNames {
	return {
		directorate: Object.fromEntries(directorates.map((d) => [String(d.id), d.name])),
		serviceArea: Object.fromEntries(serviceAreas.map((a) => [String(a.id), a.name]))
	};
}
