/**
 * `npm run costs:rebuild [-- --org O]`: recomputes the pre-aggregated cost totals from the cost lines
 * (and the switch-offs the run-cost roll-up sums from the systems, outcomes and milestones, the
 * dashboard's review counts and continuity outcomes from the systems, outcomes, links and milestones,
 * and a shared service's recharges from its cost lines and allocation keys),
 * for one organisation (short name or id) or all, and reports every difference it found. Exit code
 * 0 when the kept totals were right, 1 when a difference was found (and repaired), 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { db, startDatabase } from '../db/database';
import * as organisations from '../repos/organisations';
import { rebuildCostTotals } from '../services/cost-totals-rebuild';
import { rebuildDashboardCounts } from '../services/dashboard-counts';
import { systemActor } from '../services/actor';
import { formatPence } from '$lib/domain/money';

const { values } = parseArgs({ options: { org: { type: 'string' } } });

await startDatabase();
const all = await organisations.listOrganisations(db());
const chosen = values.org
	? all.filter((o) => o.slug === values.org || String(o.id) === values.org)
	: all;
if (chosen.length === 0) {
	console.error(
		`costs:rebuild: no organisation '${values.org}'. Known: ${all.map((o) => o.slug).join(', ') || 'none'}`
	);
	process.exit(2);
}

let found = 0;
for (const org of chosen) {
	const differences = await rebuildCostTotals(systemActor(org.id, 'costs:rebuild command'));
	const dashboard = await rebuildDashboardCounts(systemActor(org.id, 'costs:rebuild command'));
	found += differences.length + dashboard.length;
	if (dashboard.length === 0) console.log(`${org.name}: kept dashboard counts match the systems.`);
	else {
		console.log(
			`${org.name}: ${dashboard.length} dashboard count difference(s) found and repaired:`
		);
		for (const d of dashboard)
			console.log(`  ${d.table} [${d.key}]: kept ${d.kept}, rebuilt ${d.rebuilt}`);
	}
	if (differences.length === 0) {
		console.log(`${org.name}: kept totals match the cost lines, and kept switch-offs the systems.`);
		continue;
	}
	console.log(`${org.name}: ${differences.length} difference(s) found and repaired:`);
	for (const d of differences) {
		const money =
			d.table === 'cost_line.directorate_id'
				? `${d.keptLines} line(s) moved`
				: d.table === 'recharge'
					? `share kept ${formatPence(d.keptPence)}, rebuilt ${formatPence(d.rebuiltPence)}`
					: d.table === 'system_switch_off'
						? `run cost kept ${formatPence(d.keptPence)} a year, rebuilt ${formatPence(d.rebuiltPence)}`
						: `kept ${formatPence(d.keptPence)} in ${d.keptLines} line(s), rebuilt ${formatPence(d.rebuiltPence)} in ${d.rebuiltLines} line(s)`;
		console.log(`  ${d.table} [${d.key}]: ${money}`);
	}
}
process.exit(found === 0 ? 0 : 1);
