/**
 * The run cost saved as systems are switched off, read from `system_switch_off`: one row per running
 * system being switched off, kept by triggers (defined in db/switch-off-sql.ts) in the statement that
 * changes a system, an outcome or a decommission milestone. The rules are the domain's: a running system with a current
 * decommission or replace outcome stops on its latest decommission milestone's effective date (actual,
 * else forecast, else planned), else on the earliest target date of those outcomes (domain/milestone.ts
 * switchOffDates); in that financial year it saves the part of its annual cost for the days after the
 * switch-off, rounded down to the penny, and the whole cost in every later year
 * (domain/rollup.ts runCostSavedInYear). Integration tests check these figures against the domain
 * functions to the penny; `system_switch_off_source`, a view, works them out from scratch.
 */
import { asc, count, eq } from 'drizzle-orm';
import { system, systemSwitchOff } from '../db/schema';
import type { Executor } from '../db';
import { execute } from '../db/bulk';
import { totalPence } from './money-sql';
import { SWITCH_OFF_COLUMNS, SWITCH_OFF_VIEW } from '../db/switch-off-sql';

export interface SavingsByStartYear {
	/** The calendar year the switch-off's financial year starts in (2026 for 2026/27). */
	startYear: number;
	/** The whole annual cost of the systems switched off in that year: saved in every later year. */
	fullPence: number;
	/** What those systems save in the year itself, each rounded as the domain rounds it. */
	partialPence: number;
	/** How many systems are switched off in that year (with a run cost recorded or not). */
	systems: number;
}

/** What the switch-offs save, grouped by the financial year they happen in: a read of the kept rows. */
export async function savingsBySwitchOffYear(
	ex: Executor,
	organisationId: number
): Promise<SavingsByStartYear[]> {
	const rows = await ex
		.select({
			startYear: systemSwitchOff.startYear,
			systems: count(),
			full: totalPence(systemSwitchOff.annualRunCostPence),
			partial: totalPence(systemSwitchOff.savedInYearPence)
		})
		.from(systemSwitchOff)
		.where(eq(systemSwitchOff.organisationId, organisationId))
		.groupBy(systemSwitchOff.startYear)
		.orderBy(systemSwitchOff.startYear);
	return rows.map((r) => ({
		startYear: r.startYear,
		fullPence: r.full,
		partialPence: r.partial,
		systems: r.systems
	}));
}

export interface SwitchedOffSystem {
	systemId: number;
	systemName: string;
	annualRunCostPence: number | null;
	decommissionDate: string;
}

/** The first `limit` systems being switched off (all when negative), soonest first, then by name. */
export async function switchedOffSystems(
	ex: Executor,
	organisationId: number,
	limit: number
): Promise<SwitchedOffSystem[]> {
	if (limit === 0) return [];
	return ex
		.select({
			systemId: system.id,
			systemName: system.name,
			annualRunCostPence: system.annualRunCostPence,
			decommissionDate: systemSwitchOff.switchOffDate
		})
		.from(systemSwitchOff)
		.innerJoin(system, eq(system.id, systemSwitchOff.systemId))
		.where(eq(systemSwitchOff.organisationId, organisationId))
		.orderBy(asc(systemSwitchOff.switchOffDate), asc(system.name), asc(system.id))
		.limit(limit);
}

export interface SwitchOffRow {
	systemId: number;
	switchOffDate: string;
	annualRunCostPence: number;
}

/** The kept rows, by system. */
export async function readSwitchOffs(
	ex: Executor,
	organisationId: number
): Promise<SwitchOffRow[]> {
	return ex
		.select({
			systemId: systemSwitchOff.systemId,
			switchOffDate: systemSwitchOff.switchOffDate,
			annualRunCostPence: systemSwitchOff.annualRunCostPence
		})
		.from(systemSwitchOff)
		.where(eq(systemSwitchOff.organisationId, organisationId))
		.orderBy(systemSwitchOff.systemId);
}

/** The rows worked out from scratch (the view the triggers copy from), by system. */
export async function switchOffsFromScratch(
	ex: Executor,
	organisationId: number
): Promise<SwitchOffRow[]> {
	const result = await execute(
		ex,
		`SELECT ${SWITCH_OFF_COLUMNS} FROM ${SWITCH_OFF_VIEW} WHERE organisation_id = ? ORDER BY system_id`,
		[organisationId]
	);
	return result.rows.map((r) => ({
		systemId: Number(r.system_id),
		switchOffDate: String(r.switch_off_date),
		annualRunCostPence: Number(r.annual_run_cost_pence)
	}));
}

/** Replaces the kept rows with the ones worked out from scratch. */
export async function rebuildSwitchOffs(ex: Executor, organisationId: number): Promise<void> {
	await ex.delete(systemSwitchOff).where(eq(systemSwitchOff.organisationId, organisationId));
	await execute(
		ex,
		`INSERT INTO system_switch_off (${SWITCH_OFF_COLUMNS}) SELECT ${SWITCH_OFF_COLUMNS} FROM ${SWITCH_OFF_VIEW} WHERE organisation_id = ?`,
		[organisationId]
	);
}
