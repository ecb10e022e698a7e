/**
 * The data-quality figures the catalogue and the dashboard show: facts not yet recorded, each with the
 * /systems filter that lists exactly the systems it counts. Pure: safe for the client.
 */
import { formatCount } from '../money';
import { NOT_ASSESSED } from './system';
import type { SystemQuery } from './system-query';

export const DATA_QUALITY_GAPS = [
	'criticality',
	'personalData',
	'targetDate',
	'replaceWorkstream'
] as const;
export type DataQualityGap = (typeof DATA_QUALITY_GAPS)[number];

/** The list filter behind each figure: the figure counts what the link lists, by the same query. */
export const DATA_QUALITY_FILTER: Record<DataQualityGap, Partial<SystemQuery>> = {
	criticality: { criticality: NOT_ASSESSED },
	personalData: { personalData: NOT_ASSESSED },
	targetDate: { targetDate: 'none' },
	replaceWorkstream: { replaceWorkstream: 'none' }
};

/** A figure as counted: exact up to the list's count limit, else 'more than'. */
export interface GapCount {
	total: number;
	totalIsExact: boolean;
}

/** The figure in words: '3 systems: criticality not yet assessed'. */
export function dataQualityWords(gap: DataQualityGap, count: GapCount): string {
	const n = count.totalIsExact ? formatCount(count.total) : `More than ${formatCount(count.total)}`;
	const one = count.totalIsExact && count.total === 1;
	const systems = one ? 'system' : 'systems';
	const has = one ? 'has' : 'have';
	switch (gap) {
		case 'criticality':
			return `${n} ${systems}: criticality not yet assessed`;
		case 'personalData':
			return `${n} ${systems}: personal data not yet assessed`;
		case 'targetDate':
			return `${n} ${systems} ${has} a decommission or replace outcome proposed with the target date not set`;
		case 'replaceWorkstream':
			return `${n} ${systems}: replace with no workstream (proposed, workstream not set)`;
	}
}

/** The figures worth showing: a gap of none is left out, so an all-clear portfolio shows no panel at all. */
export function gapsToShow(counts: Record<DataQualityGap, GapCount>): DataQualityGap[] {
	return DATA_QUALITY_GAPS.filter((gap) => counts[gap].total > 0);
}
