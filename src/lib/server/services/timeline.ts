/** The `/timeline` page's data: the plan of workstream phases and decommissions, and 'fully operational'. */
import { db } from '../db/database';
import { letOthersRun } from '../db/bulk';
import * as milestones from '../repos/milestones';
import * as workstreams from '../repos/workstreams';
import { fullyOperationalOf } from './rollups';
import { planTimeline, type TimelinePlan } from '$lib/domain/milestones';
import type { FullyOperational } from '$lib/domain/milestones';

export interface Timeline {
	/** Every workstream, for the filter. */
	workstreams: { id: number; name: string }[];
	/** The one shown, or null for all. */
	selected: { id: number; name: string } | null;
	plan: TimelinePlan;
	fullyOperational: FullyOperational;
	today: string;
}

/**
 * Every workstream's phases and every system decommission; for one workstream (`workstreamId`), its
 * phases and the decommissions of systems linked to it. An id that is not one of the organisation's
 * workstreams shows them all, as the list filters do.
 */
export async function timelineOf(
	organisationId: number,
	options: { workstreamId: number | null; today: string }
): Promise<Timeline> {
	const ex = db();
	const all = (await workstreams.listWorkstreams(ex, organisationId)).map(({ id, name }) => ({
		id,
		name
	}));
	const selected = all.find((w) => w.id === options.workstreamId) ?? null;
	const linked = selected
		? new Set(
				(await workstreams.listLinkedSystems(ex, organisationId, selected.id)).map((s) => s.id)
			)
		: null;
	const rows = (await milestones.listMilestones(ex, organisationId)).filter(
		(m) => m.systemId == null || !linked || linked.has(m.systemId)
	);
	await letOthersRun(); // planning thousands of switch-offs is a turn of its own
	return {
		workstreams: all,
		selected,
		plan: planTimeline({
			workstreams: selected ? [selected] : all,
			milestones: rows,
			today: options.today
		}),
		fullyOperational: await fullyOperationalOf(
			organisationId,
			selected ? [selected.id] : undefined
		),
		today: options.today
	};
}
