/**
 * Editing a business case's content: options, risks and benefits added, changed and removed, the
 * preferred option chosen, flows pulled from the cost model, and what changed between two versions.
 * Each function returns new content (never changes its argument) or a reason.
 */
import { canonicalJson } from '../hashing/canonical';
import {
	DO_MINIMUM_ID,
	DO_MINIMUM_TITLE,
	type BusinessCaseContent,
	type CaseBenefit,
	type CaseOption,
	type CaseRisk,
	type OptionBenefit,
	type OptionCost
} from './business-case';

export type ContentChange =
	| { ok: true; content: BusinessCaseContent; id: string }
	| { ok: false; reason: 'missing' | 'refused'; message: string };

/** The id after the highest in use with `prefix` ('option-3'); ids are unique within a version. */
export function nextId(prefix: string, used: readonly { id: string }[]): string {
	const numbers = used
		.map((u) => new RegExp(`^${prefix}-(\\d+)$`).exec(u.id))
		.map((m) => (m ? Number(m[1]) : 0));
	return `${prefix}-${Math.max(0, ...numbers) + 1}`;
}

type Listed = 'options' | 'risks' | 'benefits';
type ItemOf<K extends Listed> = BusinessCaseContent[K][number];

function upsert<K extends Listed>(
	content: BusinessCaseContent,
	key: K,
	prefix: string,
	id: string | null,
	item: Omit<ItemOf<K>, 'id'>
): ContentChange {
	const list = content[key] as ItemOf<K>[];
	if (id !== null && !list.some((x) => x.id === id))
		return { ok: false, reason: 'missing', message: `No ${prefix} ${id} in this case` };
	const newId = id ?? nextId(prefix, list);
	const next =
		id === null
			? [...list, { ...item, id: newId }]
			: list.map((x) => (x.id === id ? { ...item, id } : x));
	return { ok: true, content: { ...content, [key]: next }, id: newId };
}

function remove<K extends Listed>(
	content: BusinessCaseContent,
	key: K,
	id: string,
	what: string
): ContentChange {
	const list = content[key] as ItemOf<K>[];
	if (!list.some((x) => x.id === id))
		return { ok: false, reason: 'missing', message: `No ${what} ${id} in this case` };
	return { ok: true, content: { ...content, [key]: list.filter((x) => x.id !== id) }, id };
}

/** Adds an option (id null) or replaces one. The do-minimum option keeps its title: it is the baseline every option is set against. */
export function saveOption(
	content: BusinessCaseContent,
	id: string | null,
	option: Omit<CaseOption, 'id'>
): ContentChange {
	const saved = id === DO_MINIMUM_ID ? { ...option, title: DO_MINIMUM_TITLE } : option;
	return upsert(content, 'options', 'option', id, saved);
}

/** Removes an option; never 'do minimum' (the Green Book requires it as the comparator). */
export function removeOption(content: BusinessCaseContent, id: string): ContentChange {
	if (id === DO_MINIMUM_ID)
		return {
			ok: false,
			reason: 'refused',
			message:
				"'Do minimum' is the comparator every option is appraised against; it cannot be removed"
		};
	const removed = remove(content, 'options', id, 'option');
	if (removed.ok && content.preferredOptionId === id)
		removed.content = { ...removed.content, preferredOptionId: null };
	return removed;
}

/** Chooses the preferred option (null to clear). */
export function choosePreferredOption(
	content: BusinessCaseContent,
	id: string | null
): ContentChange {
	if (id !== null && !content.options.some((o) => o.id === id))
		return { ok: false, reason: 'missing', message: `No option ${id} in this case` };
	return { ok: true, content: { ...content, preferredOptionId: id }, id: id ?? '' };
}

export const saveRisk = (
	content: BusinessCaseContent,
	id: string | null,
	risk: Omit<CaseRisk, 'id'>
) => upsert(content, 'risks', 'risk', id, risk);
export const removeRisk = (content: BusinessCaseContent, id: string) =>
	remove(content, 'risks', id, 'risk');
export const saveBenefit = (
	content: BusinessCaseContent,
	id: string | null,
	benefit: Omit<CaseBenefit, 'id'>
) => upsert(content, 'benefits', 'benefit', id, benefit);
export const removeBenefit = (content: BusinessCaseContent, id: string) =>
	remove(content, 'benefits', id, 'benefit');

/**
 * Replaces an option's flows from the cost model with `pulled`, keeping what was typed in, so
 * pulling again after the cost lines change never counts anything twice.
 */
export function replacePulledFlows(
	content: BusinessCaseContent,
	optionId: string,
	pulled: { costs: OptionCost[]; benefits: OptionBenefit[] }
): ContentChange {
	const option = content.options.find((o) => o.id === optionId);
	if (!option)
		return { ok: false, reason: 'missing', message: `No option ${optionId} in this case` };
	const { id: _id, ...rest } = option;
	return saveOption(content, optionId, {
		...rest,
		costs: [...option.costs.filter((c) => c.source === 'entered'), ...pulled.costs],
		benefits: [...option.benefits.filter((b) => b.source === 'entered'), ...pulled.benefits]
	});
}

/** The top-level parts of the content that differ, as a before and an after, for the audit trail. */
export function contentChanges(
	before: BusinessCaseContent,
	after: BusinessCaseContent
): [Record<string, unknown>, Record<string, unknown>] {
	const was: Record<string, unknown> = {};
	const now: Record<string, unknown> = {};
	for (const key of Object.keys(after) as (keyof BusinessCaseContent)[]) {
		if (canonicalJson(before[key]) !== canonicalJson(after[key]))
			[was[key], now[key]] = [before[key], after[key]];
	}
	return [was, now];
}
