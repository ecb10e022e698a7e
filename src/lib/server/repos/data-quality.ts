/**
 * The data-quality figures: how many of an organisation's systems have each gap, counted with the
 * systems list's own filter (so a figure always equals the list its link opens) and bounded as the
 * list's count is.
 */
import { sql } from 'drizzle-orm';
import { system } from '../db/schema';
import type { Executor } from '../db';
import { COUNT_LIMIT, systemFilter } from './systems';
import { DATA_QUALITY_FILTER, DATA_QUALITY_GAPS, type DataQualityGap, type GapCount } from '$lib/domain/data-quality';
import { DEFAULT_QUERY } from '$lib/domain/system-query';

/**
 * The index each figure counts from. Named because, without ANALYZE statistics, SQLite otherwise picks
 * system_org_lifecycle_flags_idx and reads every system of the organisation; the partial indexes hold
 * only the systems with the gap. INDEXED BY also makes a query that could not use its index an error
 * rather than a slow scan.
 */
const INDEX: Record<DataQualityGap, string> = {
	criticality: 'system_org_criticality_rank_idx',
	personalData: 'system_org_personal_not_assessed_idx',
	targetDate: 'system_org_target_date_not_set_idx'
};

/** Each gap's count for one organisation (its live systems only), exact up to COUNT_LIMIT. */
export async function countDataQualityGaps(ex: Executor, organisationId: number): Promise<Record<DataQualityGap, GapCount>> {
	const counts = {} as Record<DataQualityGap, GapCount>;
	for (const gap of DATA_QUALITY_GAPS) {
		const where = systemFilter(organisationId, { ...DEFAULT_QUERY, ...DATA_QUALITY_FILTER[gap] });
		const [row] = await ex
			.select({ n: sql<number>`count(*)` })
			.from(sql`(SELECT 1 FROM ${system} INDEXED BY ${sql.identifier(INDEX[gap])} WHERE ${where} LIMIT ${COUNT_LIMIT + 1})`);
		const n = row?.n ?? 0;
		counts[gap] = { total: Math.min(n, COUNT_LIMIT), totalIsExact: n <= COUNT_LIMIT };
	}
	return counts;
}
