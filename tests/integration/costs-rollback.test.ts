// A cost or review change whose audit row fails to write must leave the lines, the totals and the switch-offs as they were:
// the audit repo is wrapped so a test can make its next write throw, after the line and totals are written.
import { beforeAll, describe, expect, it, vi } from 'vitest';

const failNextAudit = vi.hoisted(() => ({ on: false }));
vi.mock('$lib/server/repos/audit', async (importOriginal) => {
	const actual = await importOriginal<typeof import('$lib/server/repos/audit')>();
	return {
		...actual,
		recordAudit: async (...args: Parameters<typeof actual.recordAudit>) => {
			if (failNextAudit.on) {
				failNextAudit.on = false;
				throw new Error('audit write failed');
			}
			return actual.recordAudit(...args);
		}
	};
});

import { db, startDatabase, makeOrganisation, createSystem } from './helpers';
import * as costLines from '$lib/server/repos/cost-lines';
import * as costTotals from '$lib/server/repos/cost-totals';
import * as costService from '$lib/server/services/cost-lines';
import * as reviewService from '$lib/server/services/reviews';
import * as runCost from '$lib/server/repos/run-cost';
import type { CostLineInput } from '$lib/domain/costs';

beforeAll(async () => {
	await startDatabase();
});

const input: CostLineInput = {
	financialYear: '2027/28',
	spendType: 'revenue',
	category: 'licence',
	amountPence: 250_000,
	confidence: 'committed',
	fundingSourceId: null,
	description: 'Licence'
};

describe('a failed change', () => {
	it('leaves the lines and the totals untouched when it fails after writing them', async () => {
		const { actor, org } = await makeOrganisation();
		const system = await createSystem(actor);
		const kept = await costService.createCostLine(actor, { systemId: system.id }, input);
		if (!kept.ok) throw new Error('not created');
		const before = await costTotals.readCostTotals(db(), org.id);

		failNextAudit.on = true;
		await expect(
			costService.createCostLine(actor, { systemId: system.id }, { ...input, amountPence: 1 })
		).rejects.toThrow('audit write failed');
		failNextAudit.on = true;
		await expect(
			costService.updateCostLine(
				actor,
				kept.line.id,
				kept.line.version,
				{ systemId: system.id },
				{ ...input, amountPence: 2 }
			)
		).rejects.toThrow('audit write failed');
		failNextAudit.on = true;
		await expect(
			costService.archiveCostLine(actor, kept.line.id, kept.line.version)
		).rejects.toThrow('audit write failed');

		expect(await costTotals.readCostTotals(db(), org.id)).toEqual(before);
		expect(before).toMatchObject([{ amountPence: 250_000, lineCount: 1 }]);
		const lines = await costLines.listCostLinesOfSystem(db(), org.id, system.id);
		expect(lines.map((l) => [l.id, l.amountPence, l.version])).toEqual([
			[kept.line.id, 250_000, kept.line.version]
		]);
		expect(await costService.rebuildCostTotals(actor)).toEqual([]);
	});

	it('leaves the switch-offs the run-cost roll-up sums untouched when a review fails after writing its outcomes', async () => {
		const { actor, org } = await makeOrganisation();
		const system = await createSystem(actor, { annualRunCostPence: 3_650_000 });
		const outcome = (targetDate: string) => ({
			outcome: 'decommission' as const,
			rationale: 'Unused',
			status: 'agreed' as const,
			targetDate,
			workstreamId: null
		});
		const first = await reviewService.recordReview(actor, system.id, null, {
			reviewedOn: '2026-06-01',
			reviewer: 'Group',
			summary: '',
			outcomes: [outcome('2027-09-30')]
		});
		if (!first.ok) throw new Error('not recorded');
		const before = await runCost.readSwitchOffs(db(), org.id);
		expect(before).toEqual([
			{ systemId: system.id, switchOffDate: '2027-09-30', annualRunCostPence: 3_650_000 }
		]);

		failNextAudit.on = true;
		await expect(
			reviewService.recordReview(actor, system.id, first.review.id, {
				reviewedOn: '2026-07-01',
				reviewer: 'Group',
				summary: '',
				outcomes: [outcome('2026-10-31')]
			})
		).rejects.toThrow('audit write failed');

		expect(await runCost.readSwitchOffs(db(), org.id)).toEqual(before);
		expect(await costService.rebuildCostTotals(actor)).toEqual([]);
	});
});
