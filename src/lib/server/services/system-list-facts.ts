/**
 * What /systems shows beside its rows: the directorate, service area and workstream filter lists,
 * the data-quality figures, and whether the organisation is large enough for a search to read the
 * trigram index. Seven statements that change only when the organisation's lists or its systems'
 * data-quality columns do, so they are kept per organisation and read again only when its list
 * version (raised by triggers in the same statement as any such change) has moved. At 100,000
 * systems they were over a third of the page's work.
 *
 * The version is read before the facts, so facts stored under a version are never older than it:
 * a change landing in between stores newer facts under the older version, which the next request
 * replaces. Each database handle (a file, a replica, its primary) has its own entries, and each
 * entry is one organisation's, looked up only by the caller's own organisation id.
 */
import type { Executor } from '../db';
import * as organisations from '../repos/organisations';
import * as workstreams from '../repos/workstreams';
import * as dataQuality from '../repos/data-quality';
import { reachesSearchIndex } from '../repos/system-search';
import type { DataQualityGap, GapCount } from '$lib/domain/systems';

export interface FilterOption {
	value: string;
	label: string;
}

export interface SystemListFacts {
	directorates: FilterOption[];
	serviceAreas: FilterOption[];
	workstreams: FilterOption[];
	dataQualityGaps: Record<DataQualityGap, GapCount>;
	/** The organisation has enough systems for a search to read the trigram index. */
	reachesSearchIndex: boolean;
}

/** Organisations kept per database handle; past this the longest-unused is dropped. */
const MAX_ORGANISATIONS = 1000;

const kept = new WeakMap<Executor, Map<number, { version: number; facts: SystemListFacts }>>();

const asOptions = (rows: { id: number; name: string }[]): FilterOption[] =>
	rows.map((r) => ({ value: String(r.id), label: r.name }));

async function readFacts(ex: Executor, organisationId: number): Promise<SystemListFacts> {
	const [directorates, serviceAreas, workstreamList, dataQualityGaps, reaches] = await Promise.all([
		organisations.listDirectorates(ex, organisationId),
		organisations.listServiceAreas(ex, organisationId),
		workstreams.listWorkstreams(ex, organisationId),
		dataQuality.countDataQualityGaps(ex, organisationId),
		reachesSearchIndex(ex, organisationId)
	]);
	return {
		directorates: asOptions(directorates),
		serviceAreas: asOptions(serviceAreas),
		workstreams: asOptions(workstreamList),
		dataQualityGaps,
		reachesSearchIndex: reaches
	};
}

/** The organisation's list facts as of now: kept ones while its list version stands, else read afresh. */
export async function systemListFacts(
	ex: Executor,
	organisationId: number
): Promise<SystemListFacts> {
	const version = await organisations.getListVersion(ex, organisationId);
	let entries = kept.get(ex);
	if (!entries) kept.set(ex, (entries = new Map()));
	const entry = entries.get(organisationId);
	if (entry && entry.version === version) {
		// Most recently used last, so the first entry is the one to drop.
		entries.delete(organisationId);
		entries.set(organisationId, entry);
		return entry.facts;
	}
	const facts = await readFacts(ex, organisationId);
	entries.delete(organisationId);
	entries.set(organisationId, { version, facts });
	if (entries.size > MAX_ORGANISATIONS) entries.delete(entries.keys().next().value!);
	return facts;
}
