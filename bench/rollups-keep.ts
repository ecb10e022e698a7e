/**
 * For the roll-ups benchmark: changes cost lines through the app's own service, the path that keeps
 * the pre-aggregated totals (create, update, archive, each in its own transaction), so the rebuild
 * that follows shows whether the kept totals still equal a recount. Run by bench/rollups.js through
 * vite-node with DATABASE_URL set: `vite-node --config vite.cli.config.ts bench/rollups-keep.ts -- N`.
 */
import { db, startDatabase } from '$lib/server/db/database';
import * as costService from '$lib/server/services/cost-lines';
import { systemActor } from '$lib/server/services/actor';
import { sql } from 'drizzle-orm';

const count = Number(process.argv[process.argv.length - 1]) || 500;
await startDatabase();
const actor = systemActor(1, 'roll-ups benchmark');
const systems = (
	await db().all<{ id: number }>(
		sql`SELECT id FROM system WHERE organisation_id = 1 AND lifecycle <> 'archived' ORDER BY id LIMIT ${count}`
	)
).map((r) => r.id);
let created = 0;
let updated = 0;
let archived = 0;
for (const [i, systemId] of systems.entries()) {
	const result = await costService.createCostLine(
		actor,
		{ systemId, workstreamId: null },
		{
			financialYear: ['2026/27', '2027/28', '2028/29'][i % 3]!,
			spendType: i % 2 ? 'capital' : 'revenue',
			category: i % 2 ? 'implementation' : 'licence',
			amountPence: 1_000_00 + i * 37,
			confidence: 'estimate',
			fundingSourceId: null,
			description: 'benchmark'
		}
	);
	if (!result.ok) throw new Error(`create failed: ${result.reason}`);
	created++;
	if (i % 3 === 0) {
		const next = await costService.updateCostLine(
			actor,
			result.line.id,
			result.line.version,
			{ systemId, workstreamId: null },
			{
				financialYear: '2029/30',
				spendType: 'revenue',
				category: 'support_maintenance',
				amountPence: 2_500_00 + i,
				confidence: 'committed',
				fundingSourceId: null,
				description: 'benchmark, changed'
			}
		);
		if (!next.ok) throw new Error(`update failed: ${next.reason}`);
		updated++;
		if (i % 6 === 0) {
			const gone = await costService.archiveCostLine(actor, next.line.id, next.line.version);
			if (!gone.ok) throw new Error(`archive failed: ${gone.reason}`);
			archived++;
		}
	}
}
console.log(JSON.stringify({ created, updated, archived }));
process.exit(0);
