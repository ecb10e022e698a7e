/**
 * An audit row in plain English, for the people who read the trail: information-governance officers
 * and auditors. 'Annual run cost: £528,000.00 to £412,000.00', 'Directorate: Children, Families and
 * Adults', '5 December 2026, 14:03'. Ids are shown as names, which the server looks up for the
 * organisation (`auditReferences` says which, `AuditNames` carries them). The raw before/after is
 * kept as stored and leaves the app only in the CSV export. Pure: no database, safe for the client.
 */
import { fieldFor, CHANGED_PERSONAL } from './fields';
import { headline, detailText, recordOf } from './actions';
import {
	type AuditNames,
	type FieldContext,
	type RefKind,
	formatTimestamp,
	NOT_SET
} from './values';

export { formatTimestamp, type AuditNames, type RefKind } from './values';
export { entityLabel, actionLabel, ENTITY_LABEL } from './actions';
export * from './audit-query';

/** An audit row as stored (the columns the pages read). */
export interface AuditRowInput {
	id: number;
	at: string;
	actor: string;
	entity: string;
	entityId: string | null;
	action: string;
	before: string | null;
	after: string | null;
	detail: string;
}

/** The same row in words: what the history and the audit trail show. */
export interface AuditRowWords {
	id: number;
	/** The moment as stored (for a `<time datetime>`), and as a UK reader reads it. */
	at: string;
	when: string;
	who: string;
	what: string;
	record: string;
	recordHref: string | null;
	/** One line per field changed (or recorded, for an addition). */
	lines: string[];
	detail: string;
}

type Obj = Record<string, unknown>;
const UNREADABLE = Symbol('unreadable');

/** Before/after are JSON objects, except a few rows that record one value (a funding source's allocations). */
function parse(text: string | null): Obj | null | typeof UNREADABLE {
	if (text == null || text === '') return null;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return UNREADABLE;
	}
	if (value === null) return null;
	if (typeof value === 'object' && !Array.isArray(value)) return value as Obj;
	return { value };
}

/** A row that records one value (a funding source's allocations by year) rather than fields. */
const WHOLE_VALUE: Record<string, string> = { 'set-allocations': 'allocations' };

function parseRow(text: string | null, action: string): Obj | null | typeof UNREADABLE {
	const parsed = parse(text);
	const key = WHOLE_VALUE[action];
	if (!key || parsed === null || parsed === UNREADABLE) return parsed;
	return { [key]: 'value' in parsed && Object.keys(parsed).length === 1 ? parsed.value : parsed };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const blank = (v: unknown) =>
	v === null ||
	v === undefined ||
	v === '' ||
	(typeof v === 'object' && Object.keys(v).length === 0);

/** The lines for what a row recorded: each changed field as 'Label: before to after'. */
export function changeLines(
	entity: string,
	entityId: string | null,
	action: string,
	beforeText: string | null,
	afterText: string | null,
	names: AuditNames
): string[] {
	const before = parseRow(beforeText, action);
	const after = parseRow(afterText, action);
	if (before === UNREADABLE || after === UNREADABLE)
		return ['The recorded values could not be read here; the CSV export has them as stored'];
	const b = before ?? {};
	const a = after ?? {};
	const ctx: FieldContext = { names, entity, entityId };
	const lines: string[] = [];
	for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
		const field = fieldFor(entity, key);
		if ('hidden' in field) continue;
		const inB = before !== null && key in b;
		const inA = after !== null && key in a;
		if (inB && inA && same(b[key], a[key])) {
			// Masked details look the same before and after; a row records them only when they changed (an import's update).
			if ('masked' in field && !blank(a[key])) lines.push(`${field.label}: ${CHANGED_PERSONAL}`);
			continue;
		}
		if ('lines' in field) {
			lines.push(...field.lines(inB ? b[key] : undefined, inA ? a[key] : undefined, ctx));
			continue;
		}
		const show = (v: unknown) => field.show(v, ctx);
		if (inB && inA) lines.push(`${field.label}: ${show(b[key])} to ${show(a[key])}`);
		else if (inA && !blank(a[key])) lines.push(`${field.label}: ${show(a[key])}`);
		else if (inB && after !== null) lines.push(`${field.label}: ${show(b[key])} to ${NOT_SET}`);
		else if (inB && !blank(b[key])) lines.push(`${field.label}: ${show(b[key])}`);
	}
	return lines;
}

/** One audit row in words. `names` holds the names of the records its ids refer to. */
export function describeAuditRow(row: AuditRowInput, names: AuditNames): AuditRowWords {
	const after = parse(row.after);
	const before = parse(row.before);
	const afterObj = after && after !== UNREADABLE ? after : {};
	const record = recordOf(row.entity, row.entityId, names, {
		...(before && before !== UNREADABLE ? before : {}),
		...afterObj
	});
	return {
		id: row.id,
		at: row.at,
		when: formatTimestamp(row.at),
		who: row.actor,
		what: headline(row.entity, row.action, afterObj),
		record: record.text,
		// A committed import's row opens the page saying what it created and updated.
		recordHref:
			row.entity === 'import' && row.action === 'import' ? `/import/result/${row.id}` : record.href,
		lines: changeLines(row.entity, row.entityId, row.action, row.before, row.after, names),
		detail: detailText(row.entity, row.action, row.detail)
	};
}

/** The ids a page of rows refers to, by kind, for the server to look up in one query per kind. */
export type AuditRefs = Record<RefKind, number[]>;

const ENTITY_REF: Record<string, RefKind> = {
	system: 'system',
	user: 'user',
	session: 'user',
	workstream: 'workstream',
	funding_source: 'fundingSource',
	business_case: 'businessCase',
	committee_report: 'committeeReport',
	organisation: 'organisation'
};
const FIELD_REF: Record<string, RefKind> = {
	directorateId: 'directorate',
	serviceAreaId: 'serviceArea',
	systemId: 'system',
	workstreamId: 'workstream',
	fundingSourceId: 'fundingSource',
	organisationId: 'organisation'
};

export function auditReferences(rows: readonly AuditRowInput[]): AuditRefs {
	const found = new Map<RefKind, Set<number>>();
	const add = (kind: RefKind, id: unknown) => {
		const n =
			typeof id === 'number'
				? id
				: typeof id === 'string' && /^\d{1,15}$/.test(id)
					? Number(id)
					: NaN;
		if (Number.isSafeInteger(n) && n > 0) found.set(kind, (found.get(kind) ?? new Set()).add(n));
	};
	const walk = (value: unknown) => {
		if (Array.isArray(value)) return value.forEach(walk);
		if (typeof value !== 'object' || value === null) return;
		for (const [key, v] of Object.entries(value)) {
			if (FIELD_REF[key]) add(FIELD_REF[key], v);
			else if (key === 'workstreamIds' && Array.isArray(v))
				v.forEach((id) => add('workstream', id));
			else if (key === 'systemIds' && Array.isArray(v)) v.forEach((id) => add('system', id));
			else walk(v);
		}
	};
	for (const row of rows) {
		if (ENTITY_REF[row.entity]) add(ENTITY_REF[row.entity]!, row.entityId);
		for (const text of [row.before, row.after]) {
			const parsed = parse(text);
			if (parsed && parsed !== UNREADABLE) walk(parsed);
		}
		// A preferred option is named by an id within the case: its titles are read from the case's versions.
		if (row.entity === 'business_case' && `${row.before}${row.after}`.includes('preferredOptionId'))
			add('caseItem', row.entityId);
	}
	const kinds: RefKind[] = [
		'directorate',
		'serviceArea',
		'workstream',
		'system',
		'fundingSource',
		'user',
		'businessCase',
		'committeeReport',
		'organisation',
		'caseItem'
	];
	return Object.fromEntries(kinds.map((k) => [k, [...(found.get(k) ?? [])]])) as AuditRefs;
}
