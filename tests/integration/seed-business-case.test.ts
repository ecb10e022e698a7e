import { beforeAll, describe, expect, it } from 'vitest';
import { startDatabase } from './helpers';
import { loadDemoPortfolio } from '$lib/server/services/demo/load';
import * as caseService from '$lib/server/services/business-cases';
import { DEMO_CASE_TITLE } from '$lib/server/services/demo/demo-business-case';

beforeAll(async () => {
	await startDatabase();
});

describe('demo business case', { timeout: 60_000 }, () => {
	it('is loaded once, complete and awaiting decision, with the preferred option pulled from the cost model', async () => {
		const first = await loadDemoPortfolio();
		const again = await loadDemoPortfolio();
		expect(again.businessCases).toBe(0);
		const listed = (await caseService.listBusinessCases(first.organisationId)).filter(
			(c) => c.title === DEMO_CASE_TITLE
		);
		expect(listed).toHaveLength(1);
		expect(listed[0]).toMatchObject({
			stage: 'outline',
			status: 'submitted',
			currentVersionNumber: 1
		});
		const figures = (await caseService.figuresOf(first.organisationId, listed[0]!.id, 1))!;
		expect(figures.appraisal).toHaveLength(3);
		const preferred = figures.content.options.find(
			(o) => o.id === figures.content.preferredOptionId
		)!;
		expect(preferred.costs.some((c) => c.source === 'cost_model')).toBe(true);
		expect(figures.risks).toHaveLength(3);
		expect(figures.costTable.grandTotalPence).toBeGreaterThan(0);
	});
});
