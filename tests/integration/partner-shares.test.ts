/**
 * Partner shares in the roll-ups: cost by partner per year read from the kept recharges, partners
 * plus the unallocated overhead reconciling to the penny with the cost roll-up and with the
 * recharges line by line; a gap (lines recorded before the agreement) said, never hidden; the
 * grouped query reading its covering index only; and a partner never shown the service's figures
 * as its own, nor any partner's cost centre.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem, expectOk, person } from './helpers';
import { costLine, defaultKey, sharedService } from './recharge-fixture';
import { database } from '$lib/server/db/database';
import * as partnershipService from '$lib/server/services/governance-partnerships';
import * as costService from '$lib/server/services/cost-lines';
import * as centreService from '$lib/server/services/partner-cost-centres';
import * as recharges from '$lib/server/repos/recharges';
import { costRollup } from '$lib/server/services/rollups';
import { partnerCostRollup } from '$lib/server/services/rollup-partners';
import * as report from '$lib/server/services/rollup-report';
import * as budgetService from '$lib/server/services/partner-budgets';
import * as caseService from '$lib/server/services/business-cases';
import { figuresOf } from '$lib/server/services/business-cases';
import { sharesToday } from '$lib/server/services/business-case-partners';
import * as decisions from '$lib/server/services/business-case-decisions';
import * as keyService from '$lib/server/services/recharge-keys';
import * as cases from '$lib/server/repos/business-cases';
import { caseShown, decide } from './shown';
import { cellText } from '$lib/domain/rollups';
import { formatPence } from '$lib/domain/money';

beforeAll(async () => {
	await startDatabase();
});

const TODAY = '2026-12-06';

describe('cost by partner per year', () => {
	it('shares each year between the partners, keeps uncovered cost as overhead, and reconciles to the penny', async () => {
		const s = await sharedService('Rollup');
		await s.saveDefaultKey('2026/27', s.fixed(3333, 3333, 3334));
		await s.addLine(1000_00);
		await s.addLine(333_33, { spendType: 'capital', category: 'development' });
		await s.addLine(1);
		// No key for 2027/28: the whole year is unallocated shared-service overhead.
		await s.addLine(50_00, { financialYear: '2027/28' });

		const rollup = (await partnerCostRollup(s.shared.org.id))!;
		expect(rollup.discrepancies).toEqual([]);
		expect(rollup.rows.map((r) => r.label)).toEqual([
			'Rollup Eastshire Council',
			'Rollup Northbridge Council',
			'Rollup Westvale Council',
			'Unallocated shared-service overhead'
		]);
		// Columns: 2026/27 capital, revenue; 2027/28 capital, revenue.
		expect(rollup.columns.map((c) => `${c.financialYear} ${c.spendType}`)).toEqual([
			'2026/27 capital',
			'2026/27 revenue',
			'2027/28 capital',
			'2027/28 revenue'
		]);
		const overhead = rollup.rows.at(-1)!;
		expect(overhead.cells).toEqual([0, 0, 0, 50_00]);
		// The total is the cost roll-up's to the penny, and each partner's row is its recharges summed line by line.
		const total = 1000_00 + 333_33 + 1 + 50_00;
		expect(rollup.grandTotalPence).toBe(total);
		expect((await costRollup(s.shared.org.id, 'workstream')).grandTotalPence).toBe(total);
		const shares = await recharges.readShares(db(), s.shared.org.id);
		for (const row of rollup.rows) {
			const own = shares.filter((x) => x.partnerOrganisationId === row.key);
			expect(row.totalPence).toBe(own.reduce((sum, x) => sum + x.amountPence, 0));
		}
		expect(rollup.columns.reduce((sum, c) => sum + c.totalPence, 0)).toBe(total);

		// The page, the CSV and the Excel model are the same table.
		const page = await report.rollupReport(s.shared.org.id, { today: TODAY, years: 5 });
		expect(page.discrepancies).toEqual([]);
		expect(page.partners!.totals!.map(cellText).at(-1)).toBe(formatPence(total));
		const csv = await report.rollupTableCsvOf(s.shared.org.id, 'cost-by-partner', {
			today: TODAY,
			years: 5
		});
		expect(csv).toContain('Unallocated shared-service overhead');
		expect(csv).toContain((total / 100).toFixed(2));
		const model = await report.rollupTable(s.shared.org.id, 'cost-by-partner', {
			today: TODAY,
			years: 5
		});
		expect(model).toEqual(page.partners);
	});

	it('says when the recharges fall short of the cost lines (lines recorded before the agreement)', async () => {
		const early = await makeOrganisation('Early Shared ICT');
		const partner = await makeOrganisation('Early Partner Council');
		const sys = await createSystem(early.actor, { name: 'Early system' });
		expectOk(await costService.createCostLine(early.actor, { systemId: sys.id }, costLine(700_00)));
		expectOk(
			await partnershipService.saveAgreement(early.actor, null, {
				title: 'Late agreement',
				reference: 'L/1',
				signedOn: '2020-04-01',
				quorumRule: 'all',
				quorumMinimum: null
			})
		);
		expectOk(await partnershipService.addPartner(early.actor, partner.org.id, '2020-04-01'));
		const rollup = (await partnerCostRollup(early.org.id))!;
		expect(rollup.grandTotalPence).toBe(0);
		expect(rollup.costTotalPence).toBe(700_00);
		expect(rollup.discrepancies.map((d) => d.explanation)).toEqual([
			expect.stringContaining(
				"the recharges add up to £0.00 but the service's cost lines to £700.00"
			)
		]);
		const page = await report.rollupReport(early.org.id, { today: TODAY, years: 5 });
		expect(page.discrepancies).toContainEqual(
			expect.objectContaining({ table: 'Cost by partner' })
		);
	});

	it('reads the kept totals by their key, never the recharges themselves', async () => {
		const plan = await database().client.execute(
			`EXPLAIN QUERY PLAN SELECT t.partner_key, t.financial_year, t.spend_type, t.amount_pence, t.line_count, o.name
			   FROM recharge_total t LEFT JOIN organisation o ON o.id = t.partner_organisation_id
			  WHERE t.organisation_id = 1 ORDER BY t.financial_year, t.partner_key, t.spend_type`
		);
		const steps = plan.rows.map((r) => String(r.detail)).join('\n');
		expect(steps).toMatch(
			/SEARCH t USING (INDEX|PRIMARY KEY|COVERING INDEX) sqlite_autoindex_recharge_total/
		);
		expect(steps).not.toMatch(/\brecharge\b(?!_total)/);
	});
});

describe('what a partner sees', () => {
	it('a partner council runs no shared service: no partner table, and no partner’s cost centre anywhere', async () => {
		const s = await sharedService('Isolated');
		for (const [i, p] of s.partners.entries())
			expectOk(
				await centreService.addCostCentre(s.shared.actor, p.org.id, {
					code: `CC-ISO-${i}`,
					name: `Isolated centre ${i}`,
					kind: 'service'
				})
			);
		await s.saveDefaultKey('2026/27', s.fixed(5000, 2500, 2500));
		await s.addLine(900_00);
		const partner = s.partners[1]!;
		expect(await partnerCostRollup(partner.org.id)).toBeNull();
		const page = await report.rollupReport(partner.org.id, { today: TODAY, years: 5 });
		expect(page.partners).toBeNull();
		const csv = await report.rollupTableCsvOf(partner.org.id, 'cost-by-partner', {
			today: TODAY,
			years: 5
		});
		// The partner's own download is an empty table: no partner's row, no other partner's name.
		expect(csv.trim()).toBe('Partner,Total');
		const model = await report.rollupTable(partner.org.id, 'cost-by-partner', {
			today: TODAY,
			years: 5
		});
		expect(model.empty).toContain('does not run a shared service');
		// The service's own roll-up is by partner, never by cost centre.
		const serviceCsv = await report.rollupTableCsvOf(s.shared.org.id, 'cost-by-partner', {
			today: TODAY,
			years: 5
		});
		expect(serviceCsv).not.toMatch(/CC-ISO|Isolated centre/);
		expect(
			JSON.stringify(await report.rollupReport(s.shared.org.id, { today: TODAY, years: 5 }))
		).not.toMatch(/CC-ISO|Isolated centre/);
	});
});

describe('partner budgets', () => {
	it('records a budget at version 0, changes it at its version, refuses a stale save, and audits each', async () => {
		const s = await sharedService('Budget');
		const [east] = [s.ids[1]!];
		const input = { partnerOrganisationId: east, financialYear: '2026/27', amountPence: 400_00 };
		const first = expectOk(await budgetService.saveBudget(s.shared.actor, 0, input)).budget;
		expect(first).toMatchObject({ version: 1, amountPence: 400_00 });
		// A second form opened before it existed is a conflict carrying the amount now saved.
		expect(await budgetService.saveBudget(s.shared.actor, 0, { ...input, amountPence: 1 })).toEqual(
			{
				ok: false,
				reason: 'conflict',
				current: { version: 1, amountPence: 400_00 }
			}
		);
		const changed = expectOk(
			await budgetService.saveBudget(s.shared.actor, 1, { ...input, amountPence: 450_00 })
		).budget;
		expect(changed).toMatchObject({ id: first.id, version: 2, amountPence: 450_00 });
		const audit = await database().client.execute({
			sql: `SELECT action, before, after FROM audit_event WHERE entity = 'partner_budget' AND entity_id = ? ORDER BY id`,
			args: [String(first.id)]
		});
		expect(audit.rows.map((r) => r.action)).toEqual(['create', 'update']);
		expect(JSON.parse(String(audit.rows[1]!.before))).toEqual({ amountPence: 400_00 });
		expect(JSON.parse(String(audit.rows[1]!.after))).toMatchObject({ amountPence: 450_00 });

		// Refused with a reason, nothing written: a negative amount, an organisation that is not a partner.
		const stranger = await makeOrganisation('Budget Stranger Council');
		const refused = await budgetService.saveBudget(s.shared.actor, 0, {
			partnerOrganisationId: stranger.org.id,
			financialYear: '2026/27',
			amountPence: -1
		});
		expect(refused).toEqual({
			ok: false,
			reason: 'invalid',
			errors: {
				budgetPartner: 'Choose one of the partners',
				budgetAmount: 'The budget cannot be negative'
			}
		});
		// A council that runs no shared service records no budgets.
		expect(
			await budgetService.saveBudget(stranger.actor, 0, { ...input, partnerOrganisationId: east })
		).toMatchObject({ ok: false, reason: 'invalid' });

		// The page's view: each partner's share of the year against its budget, in words.
		await s.saveDefaultKey('2026/27', s.fixed(5000, 2500, 2500));
		await s.addLine(2000_00);
		const view = await budgetService.budgetsView(db(), s.shared.org.id, '2026/27', east);
		expect(view.rows.map((r) => [r.name, r.sharePence, r.budgetPence, r.words])).toEqual([
			['Budget Eastshire Council', 500_00, 450_00, 'Over budget by £50.00'],
			['Budget Northbridge Council', 1000_00, null, 'No budget recorded'],
			['Budget Westvale Council', 500_00, null, 'No budget recorded']
		]);
		expect(view.form).toMatchObject({ version: 2, values: { budgetAmount: '450.00' } });
	});
});

describe('a shared service’s business case', () => {
	it('shares each option’s cost of each year by that year’s default key, and says when none applies', async () => {
		const s = await sharedService('Case');
		await s.saveDefaultKey('2026/27', s.fixed(5000, 2500, 2500));
		const editor = s.shared.actor;
		let r = expectOk(
			await caseService.createBusinessCase(editor, { title: 'Shared payroll', stage: 'outline' })
		);
		const id = r.businessCase.id;
		r = expectOk(
			await caseService.saveOption(editor, id, r.businessCase.version, null, {
				title: 'Buy a new payroll',
				description: '',
				mitigatedBp: 0,
				costs: [
					{
						financialYear: '2026/27',
						spendType: 'capital',
						amountPence: 1000_01,
						description: 'Build',
						source: 'entered'
					},
					{
						financialYear: '2027/28',
						spendType: 'revenue',
						amountPence: 300_00,
						description: 'Run',
						source: 'entered'
					}
				],
				benefits: []
			})
		);
		const figures = (await figuresOf(s.shared.org.id, id, 1))!;
		const shares = figures.partnerShares!;
		expect(figures.format).toBe(2);
		// Shares carried in the snapshot are shown with it: nothing extra is worked out for the page.
		expect(await sharesToday(s.shared.org.id, figures)).toBeNull();
		const bought = shares.find((o) => o.title === 'Buy a new payroll')!;
		const at = (year: string) => bought.years.indexOf(year as never);
		const cell = (name: string, year: string) =>
			bought.rows.find((row) => row.name === name)!.cells[at(year)];
		expect(cell('Case Northbridge Council', '2026/27')).toBe(500_01);
		expect(cell('Case Eastshire Council', '2026/27')).toBe(250_00);
		expect(cell('Case Westvale Council', '2026/27')).toBe(250_00);
		expect(cell('Unallocated shared-service overhead', '2027/28')).toBe(300_00);
		expect(bought.totalPence).toBe(1300_01);
		expect(bought.keysApplied.find((k) => k.financialYear === '2026/27')!.words).toBe(
			'Shared service default: fixed percentages'
		);
		expect(bought.keysApplied.find((k) => k.financialYear === '2027/28')!.words).toContain(
			'No default key'
		);
		// Every year's shares add up exactly to the option's cost of that year.
		bought.years.forEach((_, i) =>
			expect(bought.rows.reduce((sum, row) => sum + row.cells[i]!, 0)).toBe(bought.yearTotals[i])
		);
		// A council's own business case has no partner shares.
		const council = s.partners[0]!;
		const own = expectOk(
			await caseService.createBusinessCase(council.actor, { title: 'Own case', stage: 'outline' })
		);
		const ownFigures = (await figuresOf(council.org.id, own.businessCase.id, 1))!;
		expect(ownFigures.partnerShares).toBeNull();
		expect(await sharesToday(council.org.id, ownFigures)).toBeNull();
	});

	it('freezes each partner’s share with an approval, under the hash, whatever the keys do later', async () => {
		const s = await sharedService('Frozen');
		let key = await s.saveDefaultKey('2026/27', s.fixed(5000, 2500, 2500));
		const rekey = async (...weights: number[]) => {
			key = expectOk(
				await keyService.saveKey(
					s.shared.actor,
					key.id,
					key.version,
					defaultKey(s.fixed(...weights))
				)
			).key;
		};
		const editor = s.shared.actor;
		const approver = await person(s.shared.org.id, 'approver');
		let r = expectOk(
			await caseService.createBusinessCase(editor, { title: 'Shared HR', stage: 'outline' })
		);
		const id = r.businessCase.id;
		r = expectOk(
			await caseService.updateCaseDetails(editor, id, r.businessCase.version, {
				title: 'Shared HR',
				stage: 'outline',
				sections: {
					strategic: 'Why',
					economic: 'Options',
					commercial: 'G-Cloud',
					financial: 'Funded',
					management: 'Board'
				},
				scope: { workstreamIds: [], systemIds: [s.payroll.id] },
				procurement: { systems: 'single', sourcing: 'buy', framework: 'G-Cloud 14' },
				appraisalPeriod: { firstYear: '2026/27', years: 3 }
			})
		);
		r = expectOk(
			await caseService.saveOption(editor, id, r.businessCase.version, null, {
				title: 'Buy a new HR system',
				description: '',
				mitigatedBp: 0,
				costs: [
					{
						financialYear: '2026/27',
						spendType: 'capital',
						amountPence: 900_00,
						description: 'Build',
						source: 'entered'
					}
				],
				benefits: []
			})
		);
		r = expectOk(await caseService.choosePreferred(editor, id, r.businessCase.version, r.itemId!));
		const submitted = expectOk(
			await decisions.submitBusinessCase(editor, id, r.businessCase.version)
		);
		// The decision page's fingerprint covers the shares: a key changed after it was read refuses the decision.
		const seen = await caseShown(s.shared.org.id, id);
		await rekey(4000, 3000, 3000);
		const decision = {
			outcome: 'approved' as const,
			decisionMaker: 'cabinet' as const,
			meetingDate: '2027-01-14',
			minuteRef: 'CAB/2027/015',
			keyDecision: true,
			conditions: '',
			reasons: 'Value for money'
		};
		expect(
			(
				await decisions.decideBusinessCase(
					approver,
					id,
					submitted.businessCase.version,
					decision,
					seen
				)
			).ok
		).toBe(false);
		expectOk(await decide(approver, id, submitted.businessCase.version, decision));
		const share = (f: Awaited<ReturnType<typeof figuresOf>>, name: string) =>
			f!
				.partnerShares!.find((o) => o.title === 'Buy a new HR system')!
				.rows.find((row) => row.name === name)!.totalPence;
		const frozen = await figuresOf(s.shared.org.id, id, 1);
		expect(frozen!.decision).not.toBeNull();
		expect(share(frozen, 'Frozen Northbridge Council')).toBe(360_00);
		// Keys change after the approval: the approved version keeps the shares members approved, its hash verifies.
		await rekey(2000, 4000, 4000);
		const still = await figuresOf(s.shared.org.id, id, 1);
		expect(share(still, 'Frozen Northbridge Council')).toBe(360_00);
		expect(share(still, 'Frozen Eastshire Council')).toBe(270_00);
		const verified = await decisions.verifyFrozenVersion(s.shared.org.id, id, 1);
		expect(verified?.matches).toBe(true);
		// A version frozen before snapshots carried shares (format 1) is shown with today's, said as such.
		const stored = (await cases.latestFrozenVersion(db(), s.shared.org.id, id))!;
		const { partnerShares: _dropped, ...formatOne } = stored.snapshot!;
		const today = await sharesToday(s.shared.org.id, { ...formatOne, format: 1 });
		expect(
			today!
				.find((o) => o.title === 'Buy a new HR system')!
				.rows.find((row) => row.name === 'Frozen Northbridge Council')!.totalPence
		).toBe(180_00);
	});
});
