/**
 * The data-quality figures: how many of an organisation's systems have each gap, counted with the
 * systems list's own filter (so a figure always equals the list its link opens) and bounded as the
 * list's count is.
 */
import type { Executor } from '../db';
import { COUNT_LIMIT, systemFilter } from './system-list';
import { GAP_INDEX, countThrough } from './system-gap-index';
import {
	DATA_QUALITY_FILTER,
	DATA_QUALITY_GAPS,
	type DataQualityGap,
	type GapCount,
	DEFAULT_QUERY
} from '$lib/domain/systems';

/** The query counting one gap (at most COUNT_LIMIT + 1): the list's own filter, read through the gap's index. */
export function gapCountQuery(ex: Executor, organisationId: number, gap: DataQualityGap) {
	const where = systemFilter(organisationId, { ...DEFAULT_QUERY, ...DATA_QUALITY_FILTER[gap] });
	return countThrough(ex, GAP_INDEX[gap], where, COUNT_LIMIT);
}

/** Each gap's count for one organisation (its live systems only), exact up to COUNT_LIMIT. */
export async function countDataQualityGaps(
	ex: Executor,
	organisationId: number
): Promise<Record<DataQualityGap, GapCount>> {
	const counts = {} as Record<DataQualityGap, GapCount>;
	for (const gap of DATA_QUALITY_GAPS) {
		const [row] = await gapCountQuery(ex, organisationId, gap);
		const n = row?.n ?? 0;
		counts[gap] = { total: Math.min(n, COUNT_LIMIT), totalIsExact: n <= COUNT_LIMIT };
	}
	return counts;
}
