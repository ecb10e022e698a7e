/**
 * Issue 12 finding 6: two systems with an annual run cost near £90 trillion pushed the organisation's
 * total past 2^53 pence and /rollups and every roll-up CSV answered 500. Now every amount is capped
 * at £1,000,000,000 (parser and CHECK constraints), and every total either is exact or says 'too
 * large to show'. Here: amounts at the cap entered through the services give exact totals; the
 * database refuses a penny over the cap whatever the path; and figures planted straight into the
 * database beyond the cap (as a database from before the cap, or restored from one, could hold) give
 * a /rollups report and eleven CSVs that all render, with the totals they cannot hold in words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseServerUrl } from '$lib/server/db/server-check';
import { startDatabase, makeOrganisation, createSystem } from './helpers';
import { database } from '$lib/server/db/database';
import * as reviewService from '$lib/server/services/reviews';
import * as costService from '$lib/server/services/cost-lines';
import * as fundingService from '$lib/server/services/funding';
import * as outageService from '$lib/server/services/outage';
import * as report from '$lib/server/services/rollup-report';
import { runCostRollup } from '$lib/server/services/rollups';
import { ROLLUP_TABLE_IDS, cellText, type Cell, type RollupTableModel } from '$lib/domain/rollups';
import { formatPence, MAX_AMOUNT_PENCE, TOO_LARGE_TO_SHOW } from '$lib/domain/money';
import type { CostLineInput } from '$lib/domain/costs';

beforeAll(async () => {
	await startDatabase();
});

const CAP = MAX_AMOUNT_PENCE;
const TODAY = '2026-06-01';
const LEGACY = 9_000_000_000_000_000; // £90 trillion: what the old parser let through

function line(overrides: Partial<CostLineInput> = {}): CostLineInput {
	return {
		financialYear: '2026/27',
		spendType: 'capital',
		category: 'implementation',
		amountPence: CAP,
		confidence: 'estimate',
		fundingSourceId: null,
		description: '',
		...overrides
	};
}

async function sql(text: string, args: (string | number | null)[] = []) {
	return (await database().client.execute({ sql: text, args })).rows;
}

/** A system being decommissioned on `date`, with `cost` a year, through the services. */
async function switchingOff(
	o: Awaited<ReturnType<typeof makeOrganisation>>,
	name: string,
	cost: number,
	date: string
) {
	const s = await createSystem(o.actor, { name, annualRunCostPence: cost });
	const review = await reviewService.recordReview(o.actor, s.id, null, {
		reviewedOn: '2026-05-01',
		reviewer: 'Group',
		summary: '',
		outcomes: [
			{
				outcome: 'decommission',
				rationale: 'Test',
				status: 'agreed',
				targetDate: date,
				workstreamId: null
			}
		]
	});
	if (!review.ok) throw new Error('review not recorded');
	return s;
}

/** Every table of the page, as the page has them. */
function tablesOf(r: report.RollupReport): RollupTableModel[] {
	return [
		...r.cost,
		...r.funding,
		r.runCost.saved,
		r.runCost.byYear,
		...(r.wholeLife ? [r.wholeLife.table] : []),
		r.outage.systems,
		r.outage.byWorkstream
	];
}

/** Every cell as the page writes it: none may throw, and none may show a float's words. */
function rendered(tables: RollupTableModel[]): string[] {
	const cells: Cell[] = tables.flatMap((t) => [...t.rows.flat(), ...(t.totals ?? [])]);
	const texts = cells.map(cellText);
	for (const t of texts) expect(t).not.toMatch(/NaN|Infinity|e\+/);
	return texts;
}

/** The write fails on the named CHECK constraint (drizzle wraps the driver's error as its cause). */
async function expectCheckFailure(write: Promise<unknown>, constraint: string) {
	const error = await write.then(
		() => null,
		(e: unknown) => e
	);
	expect(error, `${constraint} should have refused the write`).not.toBeNull();
	const text = `${String(error)} ${String((error as { cause?: unknown }).cause ?? '')}`;
	expect(text).toContain(`CHECK constraint failed: ${constraint}`);
}

const totalOf = (t: RollupTableModel) =>
	t.totals ? cellText(t.totals[t.totals.length - 1]!) : null;

describe('amounts at the cap, entered through the services', () => {
	it('give exact totals on /rollups and in each CSV', { timeout: 60_000 }, async () => {
		const o = await makeOrganisation();
		for (const [i, date] of ['2026-09-30', '2027-03-31', '2028-02-29'].entries())
			await switchingOff(o, `Cap ${i}`, CAP, date);
		const source = await fundingService.createFundingSource(o.actor, {
			name: 'Capital',
			kind: 'departmental_capital',
			spendType: 'capital',
			allocations: [{ financialYear: '2026/27', amountPence: CAP }]
		});
		expect(source.ok).toBe(true);
		for (const confidence of ['estimate', 'committed', 'actual'] as const) {
			const created = await costService.createCostLine(
				o.actor,
				{ workstreamId: o.integration.id },
				line({ confidence })
			);
			expect(created.ok).toBe(true);
		}
		const s = await createSystem(o.actor, { name: 'Outage at the cap', annualRunCostPence: null });
		// 1,000,000 users x 100 hours x £10 = £1,000,000,000 a year.
		expect(
			(
				await outageService.setSystemOutage(o.actor, s.id, s.version, {
					concurrentUsers: 1_000_000,
					outageMinutesPerYear: 6_000,
					costPerUserHourPence: 1_000
				})
			).ok
		).toBe(true);

		const r = await report.rollupReport(o.org.id, { today: TODAY, years: 30 });
		rendered(tablesOf(r));
		expect(r.discrepancies).toEqual([]);
		expect(r.runCost.currentRunCostPence).toBe(3 * CAP);
		expect(totalOf(r.cost[0]!)).toBe(formatPence(3 * CAP));
		expect(totalOf(r.outage.byWorkstream)).toBe(formatPence(CAP));
		const run = await runCostRollup(o.org.id, ['2026/27', '2027/28', '2028/29']);
		// 182/365 of the cap, rounded down (the 31 March switch-off saves nothing that year); then two whole
		// caps and 31/366 of the third (off after 29 February); then all three.
		expect(run.byYear.map((y) => y.savedPence)).toEqual([
			Math.floor((CAP * 182) / 365),
			2 * CAP + Math.floor((CAP * 31) / 366),
			3 * CAP
		]);
		for (const id of ROLLUP_TABLE_IDS) {
			const csv = await report.rollupTableCsvOf(o.org.id, id, { today: TODAY, years: 30 });
			expect(csv).not.toMatch(/NaN|Infinity|too large/);
		}
		expect(
			await report.rollupTableCsvOf(o.org.id, 'cost-by-workstream', { today: TODAY, years: 30 })
		).toContain('3000000000.00');
	});

	it('a penny over the cap is refused on every write path, by the service or by the database', async () => {
		const o = await makeOrganisation();
		await expectCheckFailure(
			createSystem(o.actor, { name: 'Too dear', annualRunCostPence: CAP + 1 }),
			'system_annual_run_cost_ck'
		);
		const over = await costService.createCostLine(
			o.actor,
			{ workstreamId: o.integration.id },
			line({ amountPence: CAP + 1 })
		);
		expect(over).toMatchObject({
			ok: false,
			reason: 'invalid',
			errors: { amount: expect.stringMatching(/£1,000,000,000.00/) }
		});
		await expectCheckFailure(
			fundingService.createFundingSource(o.actor, {
				name: 'Too much',
				kind: 'grant',
				spendType: 'capital',
				allocations: [{ financialYear: '2026/27', amountPence: CAP + 1 }]
			}),
			'funding_allocation_amount_ck'
		);
		const s = await createSystem(o.actor, { name: 'Outage over' });
		await expectCheckFailure(
			outageService.setSystemOutage(o.actor, s.id, s.version, {
				concurrentUsers: 1_000_000,
				outageMinutesPerYear: 6_001,
				costPerUserHourPence: 1_000
			}),
			'system_outage_risk_ck'
		);
		await expectCheckFailure(
			sql(
				'INSERT INTO cost_line (organisation_id, workstream_id, financial_year, spend_type, category, amount_pence, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)',
				[o.org.id, o.integration.id, '2026/27', 'capital', 'implementation', CAP + 1, 'estimate']
			),
			'cost_line_amount_ck'
		);
		await expectCheckFailure(
			sql('UPDATE system SET annual_run_cost_pence = -1 WHERE id = ?', [s.id]),
			'system_annual_run_cost_ck'
		);
	});
});

describe('figures beyond the cap already in the database', () => {
	// Plants rows past the CHECK constraints with PRAGMA ignore_check_constraints, which sqld refuses
	// as an unsupported statement: such rows can only be made in the embedded file.
	it.runIf(!isDatabaseServerUrl())(
		'leave /rollups and every roll-up CSV rendering, with the totals too large to hold in words',
		{ timeout: 60_000 },
		async () => {
			const o = await makeOrganisation();
			const a = await switchingOff(o, 'Legacy A', CAP, '2026-09-30');
			const b = await switchingOff(o, 'Legacy B', CAP, '2027-09-30');
			await switchingOff(o, 'Ordinary', 1_000_000, '2026-12-31');
			const source = await fundingService.createFundingSource(o.actor, {
				name: 'Grant',
				kind: 'grant',
				spendType: 'revenue',
				allocations: [{ financialYear: '2026/27', amountPence: 5_000 }]
			});
			if (!source.ok) throw new Error('funding source not created');
			const outage = await createSystem(o.actor, { name: 'Legacy outage' });

			// What a database from before the cap could hold: written past the CHECK constraints, as the old
			// parser allowed (each figure under 2^53 pence, their sums far over it).
			await sql('PRAGMA ignore_check_constraints = ON');
			try {
				await sql('UPDATE system SET annual_run_cost_pence = ? WHERE id IN (?, ?)', [
					LEGACY,
					a.id,
					b.id
				]);
				await sql('UPDATE funding_allocation SET amount_pence = ? WHERE funding_source_id = ?', [
					LEGACY,
					source.source.id
				]);
				await sql(
					'INSERT INTO funding_allocation (organisation_id, funding_source_id, financial_year, amount_pence) VALUES (?, ?, ?, ?)',
					[o.org.id, source.source.id, '2027/28', LEGACY]
				);
				for (const confidence of ['estimate', 'committed']) {
					await sql(
						'INSERT INTO cost_line (organisation_id, workstream_id, financial_year, spend_type, category, amount_pence, confidence, funding_source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
						[
							o.org.id,
							o.integration.id,
							'2026/27',
							'revenue',
							'licence',
							LEGACY,
							confidence,
							source.source.id
						]
					);
					await sql(
						"INSERT INTO cost_total (organisation_id, workstream_key, directorate_key, outcome_key, financial_year, spend_type, confidence, amount_pence, line_count) VALUES (?, ?, 0, '', '2026/27', 'revenue', ?, ?, 1)",
						[o.org.id, o.integration.id, confidence, LEGACY]
					);
				}
				// The kept total by funding source, as the old service kept it: past 2^53 in one row.
				await sql(
					"INSERT INTO cost_funding_total (organisation_id, funding_source_key, financial_year, spend_type, amount_pence, line_count) VALUES (?, ?, '2026/27', 'revenue', ?, 2)",
					[o.org.id, source.source.id, 2 * LEGACY]
				);
				await sql(
					'UPDATE system SET concurrent_users = ?, outage_minutes_per_year = ?, cost_per_user_hour_pence = ? WHERE id = ?',
					[2 ** 30, 525_600, 2 ** 20, outage.id]
				);
			} finally {
				await sql('PRAGMA ignore_check_constraints = OFF');
			}

			const r = await report.rollupReport(o.org.id, { today: TODAY, years: 30 });
			const texts = rendered(tablesOf(r));
			expect(texts).toContain(TOO_LARGE_TO_SHOW);
			expect(formatPence(r.runCost.currentRunCostPence)).toBe(TOO_LARGE_TO_SHOW);
			expect(totalOf(r.cost[0]!)).toBe(TOO_LARGE_TO_SHOW);
			expect(totalOf(r.wholeLife!.table)).toBe(TOO_LARGE_TO_SHOW);
			expect(totalOf(r.outage.byWorkstream)).toBe(TOO_LARGE_TO_SHOW);
			// A total that is too large is not a discrepancy: nothing failed to add up.
			expect(r.discrepancies).toEqual([]);
			// Figures that still fit are exact beside them: the ordinary system saves 90/365 of its cost in 2026/27.
			const saved = r.runCost.saved.rows.find((row) => cellText(row[0]!) === 'Ordinary');
			expect(saved && saved.slice(1).map(cellText)).toContain(
				formatPence(Math.floor((1_000_000 * 90) / 365))
			);

			for (const id of ROLLUP_TABLE_IDS) {
				const csv = await report.rollupTableCsvOf(o.org.id, id, { today: TODAY, years: 30 });
				expect(csv, id).not.toMatch(/NaN|Infinity|e\+/);
				if (
					[
						'cost-by-workstream',
						'cost-by-outcome',
						'cost-by-directorate',
						'run-cost-by-year',
						'whole-life',
						'outage-workstreams',
						'funding-revenue'
					].includes(id)
				) {
					expect(csv, id).toContain(TOO_LARGE_TO_SHOW);
				}
			}
		}
	);
});
