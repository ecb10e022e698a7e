/**
 * Recharge statements against a real database: issuing copies the partner's recharges and freezes
 * them with a SHA-256 the page can show; the database refuses any change to an issued statement but
 * the partner's one answer; later changes to a stated year (a cost line edited, moved or archived, a
 * key changed, a cost centre named) appear on the next statement as itemised adjustments, so what was
 * issued always adds up to the recharges as they are now, per cost centre, to the penny.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { db, startDatabase, expectOk } from './helpers';
import { costLine, defaultKey, twoLineService } from './recharge-fixture';
import * as costService from '$lib/server/services/cost-lines';
import * as keyService from '$lib/server/services/recharge-keys';
import * as centreService from '$lib/server/services/partner-cost-centres';
import * as service from '$lib/server/services/recharge-statements';
import * as checks from '$lib/server/services/recharge-statement-checks';
import * as statements from '$lib/server/repos/recharge-statements';
import * as statementLines from '$lib/server/repos/recharge-statement-lines';
import * as recharges from '$lib/server/repos/recharges';
import { contentHash } from '$lib/domain/hashing';

beforeAll(async () => {
	await startDatabase();
});

/** The shared service with two lines and a fixed key of thirds for 2026/27. */
async function service3() {
	const s = await twoLineService(1001);
	const key = await s.saveDefaultKey('2026/27', s.fixed(3333, 3333, 3334));
	return { ...s, key };
}

/** The database's refusal of a statement (drizzle wraps the driver's error, whose message is the trigger's). */
async function refusal(statement: Promise<unknown>): Promise<string> {
	try {
		await statement;
	} catch (e) {
		return `${String(e)} ${String((e as Error).cause ?? '')}`;
	}
	return 'not refused';
}

type S = Awaited<ReturnType<typeof service3>>;

/** Prepares and issues a statement as the officer sees it, returning the issued row. */
async function issue(s: S, partnerId: number, financialYear: string, quarter: number) {
	const draft = expectOk(
		await service.createStatementDraft(s.shared.actor, {
			partnerOrganisationId: partnerId,
			financialYear,
			quarter
		})
	).statement;
	const shown = await service.contentOf(db(), draft);
	return expectOk(
		await service.issueStatement(s.shared.actor, draft.id, draft.version, await contentHash(shown))
	).statement;
}

async function partnerRechargesOfYear(s: S, partnerId: number, year: string) {
	return (await recharges.rechargesOfPartner(db(), s.shared.org.id, partnerId, year)).reduce(
		(sum, r) => sum + r.amountPence,
		0
	);
}

describe('recharge statements', () => {
	it('issues a statement frozen with the hash of its canonical content, lines copied from the recharges', async () => {
		const s = await service3();
		const issued = await issue(s, s.ids[2]!, '2026/27', 0);
		expect(issued.status).toBe('issued');
		const content = await service.contentOf(db(), issued);
		expect(issued.contentHash).toBe(await contentHash(content));
		expect(content.lines.map((l) => [l.kind, l.costLineId, l.spendType, l.amountPence])).toEqual([
			['charge', s.second.id, 'capital', 334],
			['charge', s.first.id, 'revenue', 333_40]
		]);
		expect(issued.totalPence).toBe(await partnerRechargesOfYear(s, s.ids[2]!, '2026/27'));
		// The stored summary: header, totals, line count and the content hash, hashed on its own.
		expect(JSON.parse(issued.content!)).toMatchObject({
			lineCount: 2,
			totalPence: issued.totalPence,
			contentHash: issued.contentHash,
			totals: content.totals
		});
		expect(await checks.checkSummary(issued)).toEqual({ summaryMatches: true });
		expect(await checks.checkEveryLine(db(), issued)).toEqual({ linesMatch: true, lineCount: 2 });
		// The check on every view finds a summary changed behind the app's back.
		const tampered = {
			...issued,
			content: issued.content!.replace('"totalPence":33674', '"totalPence":33675')
		};
		expect(tampered.content).not.toBe(issued.content);
		expect((await checks.checkSummary(tampered))?.summaryMatches).toBe(false);
	});

	it('has the database refuse any change to an issued statement but the partner’s one answer', async () => {
		const s = await service3();
		const issued = await issue(s, s.ids[0]!, '2026/27', 0);
		const refusedSql = [
			sql`UPDATE recharge_statement SET total_pence = 1 WHERE id = ${issued.id}`,
			sql`UPDATE recharge_statement SET content = '{}' WHERE id = ${issued.id}`,
			sql`UPDATE recharge_statement SET summary_hash = 'x' WHERE id = ${issued.id}`,
			sql`UPDATE recharge_statement SET status = 'draft' WHERE id = ${issued.id}`,
			sql`DELETE FROM recharge_statement WHERE id = ${issued.id}`,
			sql`UPDATE recharge_statement_line SET amount_pence = 0 WHERE statement_id = ${issued.id}`,
			sql`DELETE FROM recharge_statement_line WHERE statement_id = ${issued.id}`,
			sql`INSERT INTO recharge_statement_line (statement_id, organisation_id, partner_organisation_id, position, kind, financial_year, cost_line_id, description, cost_centre, spend_type, key_applied, amount_pence) VALUES (${issued.id}, ${s.shared.org.id}, ${s.ids[0]!}, 99, 'charge', '2026/27', ${s.first.id}, 'x', '', 'revenue', 'x', 1)`
		];
		for (const statement of refusedSql)
			expect(await refusal(db().run(statement))).toMatch(/recharge_statement/);
		// The hash re-check finds stored lines that no longer match, were a trigger ever bypassed.
		await expect(
			db().transaction(async (tx) => {
				await tx.run(sql`DROP TRIGGER recharge_statement_line_no_update`);
				await tx.run(
					sql`UPDATE recharge_statement_line SET amount_pence = amount_pence + 1 WHERE statement_id = ${issued.id}`
				);
				expect((await checks.checkEveryLine(tx, issued))?.linesMatch).toBe(false);
				throw new Error('roll back');
			})
		).rejects.toThrow('roll back');
		expect((await checks.checkEveryLine(db(), issued))?.linesMatch).toBe(true);
		// The check on every view finds a summary (its totals) changed in the database, triggers bypassed.
		await expect(
			db().transaction(async (tx) => {
				await tx.run(sql`DROP TRIGGER recharge_statement_issued_no_update`);
				await tx.run(
					sql`UPDATE recharge_statement SET content = replace(content, '"lineCount":2', '"lineCount":3') WHERE id = ${issued.id}`
				);
				const changed = (await statements.getStatement(tx, s.shared.org.id, issued.id))!;
				expect(changed.content).not.toBe(issued.content);
				expect(await checks.checkSummary(changed)).toEqual({ summaryMatches: false });
				throw new Error('roll back');
			})
		).rejects.toThrow('roll back');
		expect(await checks.checkSummary(issued)).toEqual({ summaryMatches: true });

		// A dispute needs a reason; another partner's answer finds nothing; the officer cannot answer.
		const northbridge = s.partners[0]!.actor;
		expect(
			await service.answerStatement(northbridge, issued.id, issued.version, {
				status: 'disputed',
				reason: ' '
			})
		).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { reason: 'Enter why the statement is disputed' }
		});
		expect(
			(
				await service.answerStatement(s.partners[1]!.actor, issued.id, issued.version, {
					status: 'agreed',
					reason: ''
				})
			).ok
		).toBe(false);
		expect(
			await service.answerStatement(s.shared.actor, issued.id, issued.version, {
				status: 'agreed',
				reason: ''
			})
		).toEqual({ ok: false, reason: 'not-found' });
		const disputed = expectOk(
			await service.answerStatement(northbridge, issued.id, issued.version, {
				status: 'disputed',
				reason: 'Cost line 2 is Eastshire’s'
			})
		).statement;
		expect([disputed.status, disputed.disputeReason, disputed.contentHash]).toEqual([
			'disputed',
			'Cost line 2 is Eastshire’s',
			issued.contentHash
		]);
		// Answered once: the database refuses a second answer too.
		expect(
			await refusal(
				db().run(sql`UPDATE recharge_statement SET status = 'agreed' WHERE id = ${issued.id}`)
			)
		).toMatch(/only the partner/);
		// A partner cannot issue: the statement is not its organisation's.
		const draft = expectOk(
			await service.createStatementDraft(s.shared.actor, {
				partnerOrganisationId: s.ids[1]!,
				financialYear: '2026/27',
				quarter: 0
			})
		).statement;
		expect(
			await service.issueStatement(s.partners[1]!.actor, draft.id, draft.version, 'x')
		).toEqual({
			ok: false,
			reason: 'not-found'
		});
	});

	it('refuses to issue a statement that changed after it was shown, writing nothing', async () => {
		const s = await service3();
		const draft = expectOk(
			await service.createStatementDraft(s.shared.actor, {
				partnerOrganisationId: s.ids[0]!,
				financialYear: '2026/27',
				quarter: 0
			})
		).statement;
		const shown = await contentHash(await service.contentOf(db(), draft));
		expectOk(
			await costService.updateCostLine(
				s.shared.actor,
				s.first.id,
				s.first.version,
				{ systemId: s.payroll.id },
				costLine(2000_00)
			)
		);
		const refused = await service.issueStatement(s.shared.actor, draft.id, draft.version, shown);
		expect(refused).toMatchObject({ ok: false, reason: 'conflict' });
		expect((await statements.getStatement(db(), s.shared.org.id, draft.id))?.status).toBe('draft');
		expect(await statementLines.linesOf(db(), s.shared.org.id, draft.id)).toEqual([]);
	});

	it('states a year by quarters in order, each quarter a quarter, the pennies in Q4', async () => {
		const s = await service3();
		const p = s.ids[0]!;
		const q1 = await issue(s, p, '2026/27', 1);
		expect(q1.totalPence).toBe(83_32 + 83);
		const refusal = await service.createStatementDraft(s.shared.actor, {
			partnerOrganisationId: p,
			financialYear: '2026/27',
			quarter: 3
		});
		expect(refusal).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { quarter: 'Q2 2026/27 must be issued before Q3' }
		});
		expect(
			(
				await service.createStatementDraft(s.shared.actor, {
					partnerOrganisationId: p,
					financialYear: '2026/27',
					quarter: 0
				})
			).ok
		).toBe(false);
		let total = q1.totalPence!;
		for (const q of [2, 3, 4]) total += (await issue(s, p, '2026/27', q)).totalPence!;
		expect(total).toBe(await partnerRechargesOfYear(s, p, '2026/27'));
	});

	it('itemises later changes on the next statement, so issued plus adjustments equals the recharges now, per cost centre', async () => {
		const s = await service3();
		const p = s.ids[1]!;
		await issue(s, p, '2026/27', 0);
		// Then: a line edited, a new line, a line archived, and the key changed to name a cost centre.
		expectOk(
			await costService.updateCostLine(
				s.shared.actor,
				s.first.id,
				s.first.version,
				{ systemId: s.payroll.id },
				costLine(1200_00)
			)
		);
		const added = expectOk(
			await costService.createCostLine(
				s.shared.actor,
				{ systemId: s.payroll.id },
				costLine(300_00, { description: 'Support' })
			)
		).line;
		expectOk(await costService.archiveCostLine(s.shared.actor, s.second.id, s.second.version));
		const centre = expectOk(
			await centreService.addCostCentre(s.shared.actor, p, {
				code: 'ES-ICT',
				name: 'Eastshire ICT',
				kind: 'service'
			})
		).centre;
		// A quarter to Northbridge and Westvale each, half to Eastshire's new cost centre.
		const shares = s.fixed(2500, 5000, 2500);
		shares[1] = { ...shares[1]!, costCentreId: centre.id };
		expectOk(await keyService.saveKey(s.shared.actor, s.key.id, s.key.version, defaultKey(shares)));
		const next = await issue(s, p, '2027/28', 1);
		const adjustments = (await service.contentOf(db(), next)).lines.filter(
			(l) => l.kind === 'adjustment'
		);
		expect(
			adjustments.map((l) => [l.costLineId, l.costCentre, l.wasPence, l.nowPence, l.amountPence])
		).toEqual([
			[s.second.id, '', 333, 0, -333],
			[s.first.id, '', 333_30, 0, -333_30],
			[s.first.id, 'ES-ICT Eastshire ICT', 0, 600_00, 600_00],
			[added.id, 'ES-ICT Eastshire ICT', 0, 150_00, 150_00]
		]);
		// Issued plus adjustments is what the recharges are now, per cost centre and year.
		const stated = await statementLines.statedTotalsByCostCentreYear(db(), s.shared.org.id, p);
		const now = await recharges.rechargesOfPartner(db(), s.shared.org.id, p, '2026/27');
		const nowByCentre = new Map<string, number>();
		for (const r of now) {
			const k = `${r.costCentreId ?? 0}|${r.spendType}`;
			nowByCentre.set(k, (nowByCentre.get(k) ?? 0) + r.amountPence);
		}
		const statedByCentre = new Map(
			stated
				.filter((t) => t.financialYear === '2026/27' && t.amountPence !== 0)
				.map((t) => [`${t.costCentreId ?? 0}|${t.spendType}`, t.amountPence])
		);
		expect(statedByCentre).toEqual(nowByCentre);
		expect(
			stated.filter((t) => t.financialYear === '2026/27').reduce((a, t) => a + t.amountPence, 0)
		).toBe(await partnerRechargesOfYear(s, p, '2026/27'));
	});
});
