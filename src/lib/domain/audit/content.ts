/**
 * The audit trail's structured values in words: a review's outcomes, a business case's content
 * (sections, scope, options, risks, benefits) and a committee report's draft. Lists of items are
 * read as what was added, removed or changed, by the item's title, not as the whole list again.
 */
import { OUTCOME_LABEL, OUTCOME_STATUS_LABEL } from '../systems/review';
import {
	SECTION_LABEL,
	SYSTEM_COUNT_LABEL,
	SOURCING_LABEL,
	DO_MINIMUM_ID,
	DO_MINIMUM_TITLE
} from '../business-cases/business-case';
import {
	type AuditNames,
	type FieldContext,
	anyValue,
	clipText,
	humanise,
	NOT_SET,
	quoted
} from './values';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** ['replace (agreed)', 'maintain (proposed)'] -> 'Replace with the new main system (agreed); Maintain only (proposed)'. */
export function outcomesText(x: unknown): string {
	if (!Array.isArray(x)) return anyValue(x);
	if (x.length === 0) return 'none';
	return x
		.map((item) => {
			const m = typeof item === 'string' ? /^([a-z_]+) \(([a-z_]+)\)$/.exec(item) : null;
			if (!m) return anyValue(item);
			const outcome = (OUTCOME_LABEL as Record<string, string>)[m[1]!] ?? humanise(m[1]!);
			const status = (
				(OUTCOME_STATUS_LABEL as Record<string, string>)[m[2]!] ?? humanise(m[2]!)
			).toLowerCase();
			return `${outcome} (${status})`;
		})
		.join('; ');
}

const namesOf = (ids: unknown, table: Record<string, string> | undefined, what: string) =>
	Array.isArray(ids) ? ids.map((id) => table?.[String(id)] ?? `a ${what} since removed`) : [];

/** A case's scope: 'workstreams Integration, Case Management; systems CareFirst'. */
export function scopeText(x: unknown, names: AuditNames): string {
	if (!isObj(x)) return anyValue(x);
	const ws = namesOf(x.workstreamIds, names.workstream, 'workstream');
	const sys = namesOf(x.systemIds, names.system, 'system');
	const parts = [
		ws.length ? `workstreams ${ws.join(', ')}` : '',
		sys.length ? `systems ${sys.join(', ')}` : ''
	].filter(Boolean);
	return parts.length ? parts.join('; ') : 'nothing chosen';
}

export function procurementText(x: unknown): string {
	if (!isObj(x)) return anyValue(x);
	const parts = [
		typeof x.systems === 'string'
			? ((SYSTEM_COUNT_LABEL as Record<string, string>)[x.systems] ?? humanise(x.systems))
			: '',
		typeof x.sourcing === 'string'
			? ((SOURCING_LABEL as Record<string, string>)[x.sourcing] ?? humanise(x.sourcing))
			: '',
		typeof x.framework === 'string' && x.framework ? `through ${clipText(x.framework, 80)}` : ''
	].filter(Boolean);
	return parts.length ? parts.join(', ') : NOT_SET;
}

export function appraisalText(x: unknown): string {
	if (!isObj(x) || typeof x.years !== 'number') return anyValue(x);
	return `${plural(x.years, 'year')} from ${String(x.firstYear)}`;
}

/** The preferred option by its title, looked up in the case's versions (the server resolves them). */
export function preferredText(x: unknown, ctx: FieldContext): string {
	if (x == null || x === '') return 'none chosen';
	if (x === DO_MINIMUM_ID) return DO_MINIMUM_TITLE;
	const title = ctx.names.caseItem?.[`${ctx.entityId}/${String(x)}`];
	return title ? quoted(title) : 'an option since removed';
}

const ITEM_WORD: Record<string, string> = { options: 'Option', risks: 'Risk', benefits: 'Benefit' };

/** Lines for one of a case's content fields that is a record or a list of items. */
export function caseFieldLines(key: 'sections' | 'options' | 'risks' | 'benefits') {
	return (before: unknown, after: unknown): string[] => {
		if (key === 'sections') {
			const b = isObj(before) ? before : {};
			const a = isObj(after) ? after : {};
			return Object.keys({ ...b, ...a })
				.filter((s) => !same(b[s], a[s]))
				.map((s) => {
					const label = (SECTION_LABEL as Record<string, string>)[s] ?? humanise(s);
					const show = (t: unknown) => (typeof t === 'string' && t.trim() ? quoted(t) : NOT_SET);
					return before === undefined
						? `${label}: ${show(a[s])}`
						: `${label}: ${show(b[s])} to ${show(a[s])}`;
				});
		}
		return itemLines(ITEM_WORD[key]!, before, after, (item) =>
			typeof item.title === 'string' ? quoted(item.title) : 'untitled'
		);
	};
}

/** Added, removed and changed items of a list keyed by `id`, each named by `title`. */
function itemLines(
	word: string,
	before: unknown,
	after: unknown,
	title: (item: Obj) => string,
	keyOf: (item: Obj) => string = (i) => String(i.id)
): string[] {
	const list = (x: unknown) => (Array.isArray(x) ? x.filter(isObj) : []);
	const was = new Map(list(before).map((i) => [keyOf(i), i]));
	const now = new Map(list(after).map((i) => [keyOf(i), i]));
	const lines: string[] = [];
	for (const [id, item] of now) {
		const old = was.get(id);
		// A record created or removed whole lists its items; an edit says what it added.
		if (!old)
			lines.push(
				before === undefined ? `${word}: ${title(item)}` : `${word} added: ${title(item)}`
			);
		else if (!same(old, item)) {
			const fields = Object.keys({ ...old, ...item }).filter(
				(k) => k !== 'id' && !same(old[k], item[k])
			);
			lines.push(
				`${word} changed: ${title(item)} (${fields.map((f) => humanise(f).toLowerCase()).join(', ')})`
			);
		}
	}
	for (const [id, item] of was)
		if (!now.has(id))
			lines.push(
				after === undefined ? `${word}: ${title(item)}` : `${word} removed: ${title(item)}`
			);
	return lines;
}

/** Lines for a committee report draft's narratives or recommendations. */
export function reportFieldLines(key: 'workstreams' | 'recommendations') {
	return (before: unknown, after: unknown, ctx: FieldContext): string[] => {
		if (key === 'recommendations') {
			const text = (r: Obj) => quoted(String(r.text ?? ''));
			const keyOf = (r: Obj) => String(r.text ?? '');
			return itemLines('Recommendation', before, after, text, keyOf);
		}
		const wsName = (r: Obj) =>
			ctx.names.workstream?.[String(r.workstreamId)] ?? 'a workstream since removed';
		const list = (x: unknown) => (Array.isArray(x) ? x.filter(isObj) : []);
		const was = new Map(list(before).map((r) => [String(r.workstreamId), r]));
		const lines: string[] = [];
		for (const r of list(after)) {
			const old = was.get(String(r.workstreamId));
			was.delete(String(r.workstreamId));
			if (old && same(old, r)) continue;
			if (!old || !same(old.narrative, r.narrative))
				lines.push(
					`Narrative for ${wsName(r)}: ${typeof r.narrative === 'string' && r.narrative.trim() ? quoted(r.narrative) : NOT_SET}`
				);
			if (!old || !same(old.override, r.override))
				lines.push(`RAG for ${wsName(r)}: ${ragText(r.override)}`);
		}
		for (const r of was.values()) lines.push(`Narrative for ${wsName(r)} removed`);
		return lines;
	};
}

function ragText(override: unknown): string {
	if (!isObj(override)) return 'as suggested';
	return `${String(override.rag)}, because ${quoted(String(override.reason ?? ''))}`;
}

/** A whole draft (a discarded one) in a line. */
export function draftText(x: unknown): string {
	if (!isObj(x)) return anyValue(x);
	const parts = [
		typeof x.summary === 'string' && x.summary.trim()
			? `summary ${quoted(x.summary)}`
			: 'no summary',
		plural(Array.isArray(x.workstreams) ? x.workstreams.length : 0, 'workstream narrative'),
		plural(Array.isArray(x.recommendations) ? x.recommendations.length : 0, 'recommendation')
	];
	return parts.join(', ');
}
