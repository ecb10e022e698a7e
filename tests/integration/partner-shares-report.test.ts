/**
 * The committee report's partner shares section (format 3): each partner's share of the report's
 * year against its budget, frozen and hashed with the report, so a re-read shows it as issued after
 * budgets and keys change; a report issued in an earlier format re-reads byte for byte as issued
 * and has no such section; an organisation that runs no shared service has none either.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startDatabase, makeOrganisation, expectOk } from './helpers';
import { sharedService } from './recharge-fixture';
import { issue as issueAsShown } from './shown';
import { database } from '$lib/server/db/database';
import * as reportService from '$lib/server/services/committee-reports';
import * as budgetService from '$lib/server/services/partner-budgets';
import {
	REPORT_FORMAT,
	reportHash,
	serialiseReport,
	type ReportContent
} from '$lib/domain/reports';
import type { Actor } from '$lib/server/services/actor';

beforeAll(async () => {
	await startDatabase();
});

async function issued(actor: Actor, quarter: number) {
	const created = expectOk(
		await reportService.createReportDraft(actor, { financialYear: '2026/27', quarter })
	);
	return expectOk(await issueAsShown(actor, created.report.id, created.report.version)).report;
}

describe('the committee report’s partner shares section', () => {
	it('sets each partner’s share against its budget, says who is over in words, and re-reads as issued', async () => {
		const s = await sharedService('Report');
		await s.saveDefaultKey('2026/27', s.fixed(5000, 3000, 2000));
		await s.addLine(1000_00);
		await s.addLine(200_00, { financialYear: '2027/28' }); // another year: not in the section
		const [north, east] = [s.ids[0]!, s.ids[1]!];
		const save = (partnerOrganisationId: number, amountPence: number, version = 0) =>
			budgetService.saveBudget(s.shared.actor, version, {
				partnerOrganisationId,
				financialYear: '2026/27',
				amountPence
			});
		expectOk(await save(north, 450_00)); // share £500: over by £50
		expectOk(await save(east, 300_00)); // share £300: exactly on budget

		const report = await issued(s.shared.actor, 1);
		expect(REPORT_FORMAT).toBe(3);
		const p = report.snapshot!.partnerShares!;
		expect(report.snapshot!.format).toBe(3);
		expect(
			p.rows.map((r) => [r.name, r.sharePence, r.budgetPence, r.variancePence, r.words])
		).toEqual([
			['Report Eastshire Council', 300_00, 300_00, 0, 'Exactly on budget'],
			['Report Northbridge Council', 500_00, 450_00, -50_00, 'Over budget by £50.00'],
			['Report Westvale Council', 200_00, null, null, 'No budget recorded']
		]);
		expect(p.totalPence).toBe(1000_00);
		expect(p.over).toEqual(['Report Northbridge Council: over budget by £50.00']);
		expect(report.contentHash).toBe(await reportHash(report.snapshot!));
		expect(serialiseReport(report.snapshot!)).toContain('Over budget by £50.00');
		// Partner names and amounts are in the public version too (no supplier, nothing exempt).
		expect(report.publicSnapshot!.partnerShares!.totalPence).toBe(1000_00);

		// Later: the budget rises and a key changes; the issued report still says what was reported.
		expectOk(await save(north, 600_00, 1));
		await s.addLine(90_00);
		const reread = (await reportService.getReport(s.shared.actor, report.id, 'committee'))!;
		expect(reread.content.partnerShares).toEqual(p);
		expect(await reportHash(reread.content)).toBe(report.contentHash);
		// A draft for the next quarter shows the figures as they stand now.
		const q2 = expectOk(
			await reportService.createReportDraft(s.shared.actor, {
				financialYear: '2026/27',
				quarter: 2
			})
		);
		const draft = (await reportService.getReport(s.shared.actor, q2.report.id, 'officer'))!;
		expect(draft.content.partnerShares!.rows[1]).toMatchObject({
			name: 'Report Northbridge Council',
			sharePence: 545_00,
			budgetPence: 600_00,
			words: 'Within budget, £55.00 to spare'
		});
	});

	it('a report issued in format 2 re-reads exactly as issued, with no partner shares section', async () => {
		const s = await sharedService('Old format');
		await s.saveDefaultKey('2026/27', s.fixed(5000, 3000, 2000));
		await s.addLine(1000_00);
		const now = await issued(s.shared.actor, 1);
		// The same report as format 2 wrote it: no partnerShares key at all.
		const { partnerShares: _dropped, ...rest } = now.snapshot!;
		const old: ReportContent = { ...rest, format: 2 };
		const { partnerShares: _droppedPublic, ...restPublic } = now.publicSnapshot!;
		const oldPublic: ReportContent = { ...restPublic, format: 2 };
		const oldBytes = serialiseReport(old);
		const inserted = await database().client.execute({
			sql: `INSERT INTO committee_report (organisation_id, financial_year, quarter, title, status, draft, created_by,
			        issued_at, issued_by, snapshot, content_hash, public_snapshot, public_hash)
			      VALUES (?, '2026/27', 4, 'Old format report', 'issued', '{"summary":"","workstreams":[],"recommendations":[]}',
			        'test', '2026-04-10T09:00:00.000Z', 'test', ?, ?, ?, ?) RETURNING id`,
			args: [
				s.shared.org.id,
				oldBytes,
				await reportHash(old),
				serialiseReport(oldPublic),
				await reportHash(oldPublic)
			]
		});
		const id = Number(inserted.rows[0]!.id);
		const reread = (await reportService.getReport(s.shared.actor, id, 'committee'))!;
		expect(reread.live).toBe(false);
		expect(reread.content.format).toBe(2);
		expect('partnerShares' in reread.content).toBe(false);
		expect(serialiseReport(reread.content)).toBe(oldBytes);
		expect(await reportHash(reread.content)).toBe(reread.contentHash);
	});

	it('an organisation that runs no shared service has no section (null), and no partner’s figures', async () => {
		const council = await makeOrganisation('Report Council Alone');
		const report = await issued(council.actor, 1);
		expect(report.snapshot!.partnerShares).toBeNull();
	});
});
