/**
 * The dashboard's continuity risks: how many breaches of the continuity guard there are and the first
 * few in its order, read from the kept continuity outcomes (repos/continuity.ts) so the cost does not
 * grow with the portfolio. The full list (roll-ups page, CSV) still comes from continuityBreachesOf.
 */
import { db } from '../db/database';
import * as continuity from '../repos/continuity';
import * as milestones from '../repos/milestones';
import * as workstreams from '../repos/workstreams';
import { effectiveDate, latestBy } from '$lib/domain/milestones';
import { continuityBreaches, type ContinuityBreach } from '$lib/domain/systems';

export interface ContinuitySummary {
	first: ContinuityBreach[];
	total: number;
}

export async function continuitySummary(
	organisationId: number,
	shown: number
): Promise<ContinuitySummary> {
	const ex = db();
	const latest = latestBy(
		(await milestones.workstreamMilestonesOfKind(ex, organisationId, 'go_live')).map((m) => ({
			...m,
			key: m.workstreamId!
		}))
	);
	const goLives = new Map([...latest].map(([id, m]) => [id, effectiveDate(m)]));
	const names = new Map(
		(await workstreams.listWorkstreams(ex, organisationId)).map((w) => [w.id, w.name])
	);
	const total = await continuity.countBreaches(ex, organisationId, goLives);
	const rows = await continuity.firstBreachRows(ex, organisationId, goLives, shown);
	// The guard words and orders them; each row already carries its system's date and replacing workstream.
	const systems = new Map<number, Parameters<typeof continuityBreaches>[0][number]>();
	for (const r of rows) {
		const s = systems.get(r.systemId) ?? {
			id: r.systemId,
			name: r.systemName,
			// Only systems with statutory duties recorded have kept rows.
			statutoryDuties: 'recorded',
			outcomes: []
		};
		systems.set(r.systemId, {
			...s,
			outcomes: [
				...s.outcomes,
				{ outcome: r.outcome, targetDate: r.switchOffDate, workstreamId: r.replacingWorkstreamId }
			]
		});
	}
	return {
		first: continuityBreaches([...systems.values()], goLives, names).slice(0, shown),
		total
	};
}
