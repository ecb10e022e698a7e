/**
 * Writing many systems at once (an import), in multi-row statements on the caller's transaction.
 * The single-record functions in ./systems are the ones forms use.
 */
import { eq } from 'drizzle-orm';
import { directorate } from '../db/schema';
import type { Executor } from '../db';
import { execute, insertRowsForIds, letOthersRun } from '../db/bulk';
import type { SystemInput } from '$lib/domain/system-form';
import type { ReviewStatus } from '$lib/domain/system';

/** SystemInput keys and their columns, in one order for every statement. */
const COLUMNS: readonly [keyof SystemInput, string][] = [
	['name', 'name'], ['description', 'description'], ['supplier', 'supplier'], ['product', 'product'], ['hosting', 'hosting'],
	['businessOwner', 'business_owner'], ['technicalOwner', 'technical_owner'], ['contactName', 'contact_name'], ['contactEmail', 'contact_email'],
	['contactPhone', 'contact_phone'], ['userCount', 'user_count'], ['annualRunCostPence', 'annual_run_cost_pence'], ['contractStart', 'contract_start'],
	['contractEnd', 'contract_end'], ['contractNotice', 'contract_notice'], ['criticality', 'criticality'], ['statutoryDuties', 'statutory_duties'],
	['personalData', 'personal_data'], ['lifecycle', 'lifecycle'], ['directorateId', 'directorate_id'], ['serviceAreaId', 'service_area_id'], ['externalRef', 'external_ref']
];

async function directorateNames(ex: Executor, organisationId: number): Promise<Map<number, string>> {
	const rows = await ex.select({ id: directorate.id, name: directorate.name }).from(directorate).where(eq(directorate.organisationId, organisationId));
	return new Map(rows.map((d) => [d.id, d.name]));
}

const values = (input: SystemInput) => COLUMNS.map(([key]) => input[key]);

/** Creates the systems; returns their ids in the order given. */
export async function insertSystems(ex: Executor, organisationId: number, inputs: readonly SystemInput[]): Promise<number[]> {
	if (inputs.length === 0) return [];
	const names = await directorateNames(ex, organisationId);
	const rows = inputs.map((input) => [organisationId, input.directorateId == null ? '' : (names.get(input.directorateId) ?? ''), ...values(input)]);
	return insertRowsForIds(ex, 'system', ['organisation_id', 'directorate_name', ...COLUMNS.map(([, c]) => c)], rows);
}

/**
 * Saves each system's new fields if its version is still `version`; returns the ids whose version
 * had moved on (nothing is saved for those; the caller rolls back).
 */
export async function updateSystems(ex: Executor, organisationId: number, updates: readonly { id: number; version: number; input: SystemInput }[]): Promise<number[]> {
	if (updates.length === 0) return [];
	const names = await directorateNames(ex, organisationId);
	const sql = `UPDATE system SET ${COLUMNS.map(([, c]) => `${c} = ?`).join(', ')}, directorate_name = ?, version = version + 1,
		updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE organisation_id = ? AND id = ? AND version = ? AND lifecycle <> 'archived'`;
	const stale: number[] = [];
	for (let i = 0; i < updates.length; i++) {
		const { id, version, input } = updates[i]!;
		const result = await execute(ex, sql, [...values(input), input.directorateId == null ? '' : (names.get(input.directorateId) ?? ''), organisationId, id, version]);
		if (result.rowsAffected !== 1) stale.push(id);
		if (i % 500 === 499) await letOthersRun();
	}
	return stale;
}

/** The denormalised review summary of many systems, one statement per distinct summary. */
export async function setReviewSummaries(ex: Executor, organisationId: number, summaries: readonly { id: number; reviewStatus: ReviewStatus; outcomeCount: number; outcomeFlags: number }[]): Promise<void> {
	const groups = new Map<string, number[]>();
	for (const s of summaries) {
		const key = `${s.reviewStatus}|${s.outcomeCount}|${s.outcomeFlags}`;
		const ids = groups.get(key);
		if (ids) ids.push(s.id);
		else groups.set(key, [s.id]);
	}
	for (const [key, ids] of groups) {
		const [status, count, flags] = key.split('|');
		for (let i = 0; i < ids.length; i += 10_000) {
			const chunk = ids.slice(i, i + 10_000);
			await execute(
				ex,
				`UPDATE system SET review_status = ?, outcome_count = ?, outcome_flags = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE organisation_id = ? AND id IN (${chunk.map(() => '?').join(',')})`,
				[status!, Number(count), Number(flags), organisationId, ...chunk]
			);
			await letOthersRun();
		}
	}
}
