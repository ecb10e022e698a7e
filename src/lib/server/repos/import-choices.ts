/**
 * An organisation's remembered answers for what its files say in their own words (table
 * import_value_mapping): values of the fixed sets ('Tier 1' is Critical) and names it did not
 * have, mapped to an existing directorate, service area or workstream.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { importValueMapping } from '../db/schema';
import type { Executor } from '../db';
import { nowIso } from '$lib/domain/dates';

export interface SavedChoice {
	set: string;
	key: string;
	value: string;
}

/** The organisation's remembered answers for these sets. */
export async function listSavedChoices(
	ex: Executor,
	organisationId: number,
	sets: readonly string[]
): Promise<SavedChoice[]> {
	if (sets.length === 0) return [];
	return ex
		.select({
			set: importValueMapping.valueSet,
			key: importValueMapping.valueKey,
			value: importValueMapping.value
		})
		.from(importValueMapping)
		.where(
			and(
				eq(importValueMapping.organisationId, organisationId),
				inArray(importValueMapping.valueSet, [...sets])
			)
		);
}

/** Remembers each answer (a null value forgets it: the officer undid it), keeping the organisation's others. */
export async function saveChoices(
	ex: Executor,
	organisationId: number,
	choices: readonly { set: string; key: string; value: string | null }[]
): Promise<void> {
	for (const c of choices) {
		const where = and(
			eq(importValueMapping.organisationId, organisationId),
			eq(importValueMapping.valueSet, c.set),
			eq(importValueMapping.valueKey, c.key)
		);
		if (c.value === null) await ex.delete(importValueMapping).where(where);
		else
			await ex
				.insert(importValueMapping)
				.values({ organisationId, valueSet: c.set, valueKey: c.key, value: c.value })
				.onConflictDoUpdate({
					target: [
						importValueMapping.organisationId,
						importValueMapping.valueSet,
						importValueMapping.valueKey
					],
					set: { value: c.value, updatedAt: nowIso() }
				});
	}
}
