/**
 * Adds the rest of a business-case plan to a generated portfolio (bench/generate.js), so the roll-ups
 * are measured on a plan as full as a council's: each workstream's phases (procurement start to
 * go-live, some forecasts slipping), a decommission milestone for a quarter of the systems being
 * switched off (some forecast later), and outage figures for a fifth of the systems (some with their
 * own cost per user-hour). Writes through @libsql/client in one transaction; the app's triggers (or
 * its migration, if not yet applied) keep the switch-offs.
 */
import { createClient } from '@libsql/client';
import { pathToFileURL } from 'node:url';
import { prng } from '../generate.js';

export const PLAN_FIGURES_VERSION = 1;

const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const PHASES = [
	'procurement_start',
	'contract_award',
	'implementation_start',
	'go_live',
	'parallel_running_end'
];

/** Returns how many milestones and outage figures were written. */
export async function addPlanFigures(file, { seed = 20261203 } = {}) {
	const client = createClient({ url: pathToFileURL(file).href });
	const random = prng(seed);
	const between = (min, max) => min + Math.floor(random() * (max - min + 1));
	try {
		const workstreams = (
			await client.execute('SELECT id FROM workstream WHERE organisation_id = 1')
		).rows.map((r) => Number(r.id));
		const switching = (
			await client.execute(
				"SELECT system_id, MIN(target_date) AS target FROM review_outcome WHERE organisation_id = 1 AND is_current = 1 AND outcome IN ('decommission', 'replace') AND target_date IS NOT NULL GROUP BY system_id"
			)
		).rows.map((r) => [Number(r.system_id), String(r.target)]);
		const systems = (
			await client.execute('SELECT id FROM system WHERE organisation_id = 1')
		).rows.map((r) => Number(r.id));
		const tx = await client.transaction('write');
		await tx.execute('DELETE FROM milestone');
		await tx.execute(
			'UPDATE system SET concurrent_users = NULL, outage_minutes_per_year = NULL, cost_per_user_hour_pence = NULL'
		);
		let milestones = 0;
		for (const workstreamId of workstreams) {
			let planned = Date.UTC(2026, 9, 1) + between(0, 180) * DAY;
			for (const kind of PHASES) {
				const forecast = random() < 0.4 ? iso(planned + between(14, 120) * DAY) : null;
				await tx.execute({
					sql: 'INSERT INTO milestone (organisation_id, workstream_id, kind, planned_date, forecast_date) VALUES (1, ?, ?, ?, ?)',
					args: [workstreamId, kind, iso(planned), forecast]
				});
				milestones++;
				planned += between(90, 300) * DAY;
			}
		}
		for (const [systemId, target] of switching) {
			if (random() >= 0.25) continue;
			const planned = Date.parse(`${target}T00:00:00Z`) + between(0, 180) * DAY;
			const forecast = random() < 0.3 ? iso(planned + between(7, 365) * DAY) : null;
			await tx.execute({
				sql: "INSERT INTO milestone (organisation_id, system_id, outcome, kind, planned_date, forecast_date) VALUES (1, ?, 'decommission', 'decommission', ?, ?)",
				args: [systemId, iso(planned), forecast]
			});
			milestones++;
		}
		let outage = 0;
		for (const systemId of systems) {
			if (random() >= 0.2) continue;
			const rate = random() < 0.3 ? between(1_000, 3_000) : null;
			await tx.execute({
				sql: 'UPDATE system SET concurrent_users = ?, outage_minutes_per_year = ?, cost_per_user_hour_pence = ? WHERE id = ?',
				args: [between(5, 2_000), between(60, 2_880), rate, systemId]
			});
			outage++;
		}
		await tx.commit();
		return { milestones, outage };
	} finally {
		client.close();
	}
}
