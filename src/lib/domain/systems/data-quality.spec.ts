import { describe, expect, it } from 'vitest';
import { DATA_QUALITY_FILTER, dataQualityWords, gapsToShow } from './data-quality';
import { parseSystemQuery, systemsHref } from './system-query';
import { CRITICALITY, CRITICALITY_RANK, PERSONAL_DATA, NOT_ASSESSED } from './system';

describe('data-quality figures', () => {
	it.each([
		['criticality', { total: 3, totalIsExact: true }, '3 systems: criticality not yet assessed'],
		['criticality', { total: 1, totalIsExact: true }, '1 system: criticality not yet assessed'],
		[
			'personalData',
			{ total: 1000, totalIsExact: false },
			'More than 1,000 systems: personal data not yet assessed'
		],
		[
			'targetDate',
			{ total: 1, totalIsExact: true },
			'1 system has a decommission or replace outcome proposed with the target date not set'
		],
		[
			'targetDate',
			{ total: 12, totalIsExact: true },
			'12 systems have a decommission or replace outcome proposed with the target date not set'
		],
		[
			'replaceWorkstream',
			{ total: 1, totalIsExact: true },
			'1 system: replace with no workstream (proposed, workstream not set)'
		],
		[
			'replaceWorkstream',
			{ total: 1000, totalIsExact: false },
			'More than 1,000 systems: replace with no workstream (proposed, workstream not set)'
		]
	] as const)('%s, %j, reads %j', (gap, count, words) => {
		expect(dataQualityWords(gap, count)).toBe(words);
	});

	it('links each figure to the list filtered by exactly its gap', () => {
		expect(systemsHref(DATA_QUALITY_FILTER.criticality)).toBe('/systems?criticality=not_assessed');
		expect(systemsHref(DATA_QUALITY_FILTER.personalData)).toBe(
			'/systems?personalData=not_assessed'
		);
		expect(systemsHref(DATA_QUALITY_FILTER.targetDate)).toBe('/systems?targetDate=none');
		for (const filter of Object.values(DATA_QUALITY_FILTER)) {
			expect(parseSystemQuery(new URL(systemsHref(filter), 'http://x').searchParams)).toMatchObject(
				filter
			);
		}
	});

	it('leaves out a gap of none', () => {
		const none = { total: 0, totalIsExact: true };
		expect(
			gapsToShow({
				criticality: none,
				personalData: none,
				targetDate: none,
				replaceWorkstream: none
			})
		).toEqual([]);
		expect(
			gapsToShow({
				criticality: none,
				personalData: { total: 2, totalIsExact: true },
				targetDate: none,
				replaceWorkstream: none
			})
		).toEqual(['personalData']);
		expect(
			gapsToShow({
				criticality: none,
				personalData: none,
				targetDate: none,
				replaceWorkstream: { total: 1, totalIsExact: true }
			})
		).toEqual(['replaceWorkstream']);
	});
});

describe('Not yet assessed', () => {
	it('is a value of both lists, ranked below Low and never with Critical', () => {
		expect(CRITICALITY).toContain(NOT_ASSESSED);
		expect(PERSONAL_DATA).toContain(NOT_ASSESSED);
		const ranked = [...CRITICALITY].sort((a, b) => CRITICALITY_RANK[a] - CRITICALITY_RANK[b]);
		expect(ranked).toEqual(['not_assessed', 'low', 'medium', 'high', 'critical']);
		expect(new Set(Object.values(CRITICALITY_RANK)).size).toBe(CRITICALITY.length);
	});
});
