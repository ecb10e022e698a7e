/**
 * The run cost saved as systems are switched off, worked out in SQL so a portfolio of 100,000
 * systems is summed where it lies rather than read row by row. The rules are the domain's:
 * a running system with a current decommission or replace outcome stops on its latest decommission
 * milestone's effective date (actual, else forecast, else planned), else on the earliest target date
 * of those outcomes (domain/milestone.ts switchOffDates); in that financial year it saves the part
 * of its annual cost for the days after the switch-off, a half-penny staying with the days run, and
 * the whole cost in every later year (domain/rollup.ts runCostSavedInYear). Integration tests check
 * these figures against the domain functions to the penny.
 */
import type { Executor } from '../db';
import { execute } from '../db/bulk';

/** One row per running system being switched off, with the date its run cost stops. */
const SWITCH_OFF = `
	WITH outcome_dates AS (
		SELECT o.system_id AS system_id, MIN(o.target_date) AS target
		FROM review_outcome o JOIN system s ON s.id = o.system_id
		WHERE o.organisation_id = ?1 AND o.is_current = 1 AND o.outcome IN ('decommission', 'replace') AND s.lifecycle IN ('live', 'being_replaced')
		GROUP BY o.system_id
	), milestone_dates AS (
		SELECT system_id, MAX(COALESCE(actual_date, forecast_date, planned_date)) AS d
		FROM milestone
		WHERE organisation_id = ?1 AND kind = 'decommission' AND system_id IS NOT NULL AND archived_at IS NULL
		GROUP BY system_id
	), switch_off AS (
		SELECT od.system_id AS system_id, COALESCE(md.d, od.target) AS day
		FROM outcome_dates od LEFT JOIN milestone_dates md ON md.system_id = od.system_id
		WHERE COALESCE(md.d, od.target) IS NOT NULL
	)`;

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

/** What the switch-offs save, grouped by the financial year they happen in: one pass over the portfolio. */
export async function savingsBySwitchOffYear(ex: Executor, organisationId: number): Promise<SavingsByStartYear[]> {
	const result = await execute(
		ex,
		`${SWITCH_OFF}
		SELECT start_year, COUNT(*) AS systems, SUM(a) AS full,
			SUM((a * saved) / days + CASE WHEN (a * saved) % days > (a * (days - saved)) % days THEN 1 ELSE 0 END) AS partial
		FROM (
			SELECT a, start_year,
				CAST(julianday(printf('%04d-03-31', start_year + 1)) - julianday(day) AS INTEGER) AS saved,
				CAST(julianday(printf('%04d-03-31', start_year + 1)) - julianday(printf('%04d-04-01', start_year)) AS INTEGER) + 1 AS days
			FROM (
				SELECT COALESCE(s.annual_run_cost_pence, 0) AS a, so.day AS day,
					CAST(substr(so.day, 1, 4) AS INTEGER) - (CASE WHEN CAST(substr(so.day, 6, 2) AS INTEGER) >= 4 THEN 0 ELSE 1 END) AS start_year
				FROM switch_off so JOIN system s ON s.id = so.system_id
			)
		)
		GROUP BY start_year ORDER BY start_year`,
		[organisationId]
	);
	return result.rows.map((r) => ({ startYear: Number(r.start_year), fullPence: Number(r.full), partialPence: Number(r.partial), systems: Number(r.systems) }));
}

export interface SwitchedOffSystem {
	systemId: number;
	systemName: string;
	annualRunCostPence: number | null;
	decommissionDate: string;
}

/** The first `limit` systems being switched off, soonest first (then by name). */
export async function switchedOffSystems(ex: Executor, organisationId: number, limit: number): Promise<SwitchedOffSystem[]> {
	if (limit === 0) return [];
	const page = await execute(ex, `${SWITCH_OFF} SELECT so.system_id AS id, s.name AS name, s.annual_run_cost_pence AS a, so.day AS day FROM switch_off so JOIN system s ON s.id = so.system_id ORDER BY so.day, s.name, s.id LIMIT ?2`, [organisationId, limit]);
	return page.rows.map((r) => ({ systemId: Number(r.id), systemName: String(r.name), annualRunCostPence: r.a == null ? null : Number(r.a), decommissionDate: String(r.day) }));
}
