/**
 * The roll-ups of risk to service: the continuity risks (an agreed switch-off with no replacement
 * live in time) and the cost of outage by system and workstream. Re-exported by ./rollups.
 */
import { db } from '../db/database';
import { inTurns, letOthersRun } from '../db/bulk';
import * as rollups from '../repos/rollups';
import * as milestones from '../repos/milestones';
import * as outage from '../repos/outage';
import * as workstreams from '../repos/workstreams';
import { sumPence } from '$lib/domain/rollups';
import { effectiveDate, latestBy, switchOffDates } from '$lib/domain/milestones';
import {
	continuityBreaches,
	sortBreaches,
	type ContinuityBreach,
	type ContinuitySystem,
	annualOutageRiskPence,
	describeOutageRisk,
	type Outcome
} from '$lib/domain/systems';
/**
 * Every statutory system due to be switched off before its replacement goes live (or with none
 * planned). Switch-off is the system's decommission milestone when it has one, else the outcome's
 * target date; go-live is each workstream's latest effective go-live.
 */
export async function continuityBreachesOf(
	organisationId: number,
	options: { systemsPerPage?: number } = {}
): Promise<ContinuityBreach[]> {
	const bySystem = new Map<
		number,
		ContinuitySystem & { outcomes: ContinuitySystem['outcomes'][number][] }
	>();
	// A page of statutory systems (and their decommission milestones) per turn of the event loop: a
	// portfolio of 100,000 can have thousands, and reading them in one go would hold up other requests.
	const pageAfter = (systemId: number) =>
		rollups.statutorySwitchingOffOutcomes(db(), organisationId, systemId, options.systemsPerPage);
	for (
		let page = await pageAfter(0);
		page.length > 0;
		page = await pageAfter(page.at(-1)!.systemId)
	) {
		const dates = switchOffDates(
			page,
			await milestones.systemMilestonesOfKind(db(), organisationId, 'decommission', [
				...new Set(page.map((o) => o.systemId))
			])
		);
		for (const o of page) {
			if (o.statutoryDuties.trim() === '') continue;
			const s = bySystem.get(o.systemId) ?? {
				id: o.systemId,
				name: o.systemName,
				statutoryDuties: o.statutoryDuties,
				outcomes: []
			};
			s.outcomes.push({
				outcome: o.outcome as Outcome,
				targetDate: dates.get(o.systemId) ?? o.targetDate,
				workstreamId: o.workstreamId
			});
			bySystem.set(o.systemId, s);
		}
		await letOthersRun();
	}
	const goLives = latestBy(
		(await milestones.workstreamMilestonesOfKind(db(), organisationId, 'go_live')).map((m) => ({
			...m,
			key: m.workstreamId!
		}))
	);
	const names = new Map(
		(await workstreams.listWorkstreams(db(), organisationId)).map((w) => [w.id, w.name])
	);
	const goLiveDates = new Map([...goLives].map(([id, m]) => [id, effectiveDate(m)]));
	// Each system's breaches are its own: worked out (and worded) a thousand systems per turn, then put in order.
	const systems = [...bySystem.values()];
	const breaches: ContinuityBreach[] = [];
	for (let i = 0; i < systems.length; i += 1_000) {
		await letOthersRun();
		breaches.push(...continuityBreaches(systems.slice(i, i + 1_000), goLiveDates, names));
	}
	return sortBreaches(breaches);
}

export interface OutageRollup {
	defaultCostPerUserHourPence: number;
	defaultBasis: string;
	/** The systems with outage figures, by name: at most the number asked for. */
	systems: (outage.OutageSystemRow & {
		effectiveCostPerUserHourPence: number;
		usesDefault: boolean;
		riskPence: number;
		words: string;
	})[];
	/** How many systems have outage figures in all. */
	systemCount: number;
	/** Each system counted once, under the workstream replacing it (null = not being replaced). */
	byWorkstream: { workstreamId: number | null; name: string; systems: number; riskPence: number }[];
	totalPence: number;
}

/**
 * The annual productivity risk of outages per system (the first `options.systems` by name, or all),
 * and per replacing workstream (summed in SQL over every system), with their inputs.
 */
export async function outageRollup(
	organisationId: number,
	options: { systems?: number } = {}
): Promise<OutageRollup> {
	const ex = db();
	const fallback = await outage.getOutageDefault(ex, organisationId);
	const [listed, groups, list] = await inTurns(
		() => outage.listOutageSystems(ex, organisationId, { limit: options.systems }),
		() => outage.outageRiskByWorkstream(ex, organisationId, fallback.costPerUserHourPence),
		() => workstreams.listWorkstreams(ex, organisationId)
	);
	const systems = listed.map((s) => {
		const input = {
			concurrentUsers: s.concurrentUsers,
			outageMinutesPerYear: s.outageMinutesPerYear,
			costPerUserHourPence: s.costPerUserHourPence ?? fallback.costPerUserHourPence
		};
		return {
			...s,
			effectiveCostPerUserHourPence: input.costPerUserHourPence,
			usesDefault: s.costPerUserHourPence == null,
			riskPence: annualOutageRiskPence(input),
			words: describeOutageRisk(input)
		};
	});
	const names = new Map(list.map((w) => [w.id, w.name]));
	const byWorkstream = groups
		.map((g) => ({
			...g,
			name:
				g.workstreamId == null
					? 'Not being replaced'
					: (names.get(g.workstreamId) ?? `Workstream ${g.workstreamId}`)
		}))
		.sort((a, b) =>
			a.workstreamId == null
				? 1
				: b.workstreamId == null
					? -1
					: a.name.localeCompare(b.name, 'en-GB')
		);
	return {
		defaultCostPerUserHourPence: fallback.costPerUserHourPence,
		defaultBasis: fallback.basis,
		systems,
		systemCount: groups.reduce((n, g) => n + g.systems, 0),
		byWorkstream,
		totalPence: sumPence(groups.map((g) => g.riskPence))
	};
}
