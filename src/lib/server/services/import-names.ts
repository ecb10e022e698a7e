/**
 * The directorates, service areas and workstreams a systems import creates (names its file uses
 * that the organisation did not have, which the officer chose to create): what the plan needs to
 * know of the organisation's names, and the records made inside the commit's write transaction,
 * each audited, so a failed or abandoned import creates none.
 */
import * as organisations from '../repos/organisations';
import * as workstreams from '../repos/workstreams';
import * as stageNames from '../repos/import-stage-names';
import { recordAudit } from '../repos/audit';
import {
	nameWords,
	ReferenceNames,
	type ExistingNames,
	type NameChoices,
	type NewRecord
} from '$lib/domain/csv/reference-names';
import type { Executor } from '../db';
import type { Actor } from './actor';
import { ImportAbandoned } from './import-writes';

/** The organisation's directorates, service areas and workstreams, as the plan and the preview's choices need them. */
export async function existingNames(ex: Executor, organisationId: number): Promise<ExistingNames> {
	const [directorates, serviceAreas, list] = await Promise.all([
		organisations.listDirectorates(ex, organisationId),
		organisations.listServiceAreas(ex, organisationId),
		workstreams.listWorkstreams(ex, organisationId)
	]);
	return {
		directorates: directorates.map((d) => ({ id: d.id, name: d.name })),
		serviceAreas: serviceAreas.map((a) => ({
			id: a.id,
			name: a.name,
			directorateId: a.directorateId
		})),
		workstreams: list.map((w) => ({ id: w.id, name: w.name }))
	};
}

/** The names one plan of an import resolves against: the organisation's, and the officer's answers for the others. */
export async function referenceNames(
	ex: Executor,
	organisationId: number,
	chosen: NameChoices
): Promise<{ names: ReferenceNames; existing: ExistingNames }> {
	const existing = await existingNames(ex, organisationId);
	return { names: new ReferenceNames(existing, chosen), existing };
}

/**
 * Inside the commit's write transaction: creates each new record (parents first), audits it, and
 * puts its id where the staged rows hold its placeholder. A name that someone else has given a
 * record of that kind since planning abandons the import as 'changed' (the new preview maps it).
 */
export async function createNewNames(
	tx: Executor,
	actor: Actor,
	runId: number,
	records: readonly NewRecord[],
	detail: string
): Promise<void> {
	if (records.length === 0) return;
	const now = await existingNames(tx, actor.organisationId);
	const taken = {
		directorate: new Set(now.directorates.map((d) => nameWords(d.name))),
		serviceArea: new Set(now.serviceAreas.map((a) => nameWords(a.name))),
		workstream: new Set(now.workstreams.map((w) => nameWords(w.name)))
	};
	const ids = new Map<number, number>();
	const swaps = {
		directorate: new Map<number, number>(),
		serviceArea: new Map<number, number>(),
		workstream: new Map<number, number>()
	};
	for (const r of records) {
		if (taken[r.set].has(nameWords(r.name))) throw new ImportAbandoned('changed');
		let id: number;
		if (r.set === 'directorate') {
			id = (await organisations.createDirectorate(tx, actor.organisationId, r.name)).id;
			await recordAudit(tx, actor, {
				entity: 'directorate',
				entityId: id,
				action: 'create',
				after: { name: r.name },
				detail
			});
		} else if (r.set === 'serviceArea') {
			const directorateId = r.directorateId! < 0 ? ids.get(r.directorateId!)! : r.directorateId!;
			id = (await organisations.createServiceArea(tx, actor.organisationId, directorateId, r.name))
				.id;
			await recordAudit(tx, actor, {
				entity: 'service_area',
				entityId: id,
				action: 'create',
				after: { name: r.name, directorateId },
				detail
			});
		} else {
			id = (await workstreams.createWorkstream(tx, actor.organisationId, { name: r.name })).id;
			await recordAudit(tx, actor, {
				entity: 'workstream',
				entityId: id,
				action: 'create',
				after: { name: r.name },
				detail
			});
		}
		ids.set(r.placeholder, id);
		swaps[r.set].set(r.placeholder, id);
	}
	await stageNames.swapPlaceholderPlaces(tx, runId, 'directorate_id', swaps.directorate);
	await stageNames.swapPlaceholderPlaces(tx, runId, 'service_area_id', swaps.serviceArea);
	await stageNames.swapPlaceholderWorkstreams(tx, runId, swaps.workstream);
}
