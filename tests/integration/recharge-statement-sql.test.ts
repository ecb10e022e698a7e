/**
 * A draft statement is worked out in SQL a batch at a time (repos/recharge-statement-draft.ts); the
 * rules are the domain's statementLines. For random cost lines, keys, cost centres, earlier
 * statements and later changes, the SQL draft (every line, the page's totals and line count, and
 * the streamed hash) equals the domain's computation from the recharges and the lines issued, to
 * the penny, and what issuing freezes is exactly that statement.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { db, startDatabase, makeOrganisation, createSystem, expectOk } from './helpers';
import * as partnershipService from '$lib/server/services/governance-partnerships';
import * as costService from '$lib/server/services/cost-lines';
import * as keyService from '$lib/server/services/recharge-keys';
import * as centreService from '$lib/server/services/partner-cost-centres';
import * as service from '$lib/server/services/recharge-statements';
import * as views from '$lib/server/services/recharge-statement-views';
import * as checks from '$lib/server/services/recharge-statement-checks';
import * as statements from '$lib/server/repos/recharge-statements';
import * as frozenLines from '$lib/server/repos/recharge-statement-lines';
import * as costCentres from '$lib/server/repos/partner-cost-centres';
import { keyedLines } from '$lib/server/services/recharge-views';
import { contentHash } from '$lib/domain/hashing';
import {
	LINES_PER_PAGE,
	statementContent,
	statementLines,
	type ChargeItem,
	type KeyShare,
	type StatementLine,
	type StatementPeriod
} from '$lib/domain/recharges';
import type { CostLineInput } from '$lib/domain/costs';

beforeAll(async () => {
	await startDatabase();
});

const YEARS = ['2025/26', '2026/27'] as const;
type Made = Extract<Awaited<ReturnType<typeof costService.createCostLine>>, { ok: true }>['line'];

const line = (amountPence: number, over: Partial<CostLineInput>): CostLineInput => ({
	financialYear: '2026/27',
	spendType: 'revenue',
	category: 'licence',
	amountPence,
	confidence: 'committed',
	fundingSourceId: null,
	description: 'Licence',
	...over
});

/** The statement as the domain works it out from the recharges now and the lines issued (as built before SQL). */
async function domainContent(row: statements.StatementRow) {
	const org = row.organisationId;
	const partner = row.partnerOrganisationId;
	const stated = await statements.quartersStated(db(), org, partner);
	const own = await costCentres.listCostCentres(db(), org, partner);
	const words = new Map(own.map((c) => [c.id, `${c.code} ${c.name}`]));
	const current: ChargeItem[] = [];
	for (const year of new Set([row.financialYear, ...stated.keys()]))
		for (const r of await keyedLines(db(), org, partner, year, words))
			current.push({
				financialYear: year,
				costLineId: r.costLineId,
				description: r.description,
				systemName: r.systemName,
				costCentreId: r.costCentreId,
				costCentre: r.costCentre,
				spendType: r.spendType,
				keyApplied: r.keyApplied,
				amountPence: r.amountPence
			});
	const lines = statementLines({
		financialYear: row.financialYear,
		quarter: row.quarter as StatementPeriod,
		current,
		billed: await frozenLines.billedSoFar(db(), org, partner),
		stated
	});
	const sql = await views.contentOf(db(), row);
	return statementContent(
		{
			statementId: row.id,
			sharedService: sql.sharedService,
			partner: sql.partner,
			financialYear: row.financialYear,
			quarter: row.quarter
		},
		lines
	);
}

const scenario = fc.record({
	lines: fc.array(
		fc.record({
			amountPence: fc.integer({ min: 0, max: 5_000_00 }),
			capital: fc.boolean(),
			year: fc.constantFrom(...YEARS),
			onSystem: fc.boolean()
		}),
		{ minLength: 1, maxLength: 6 }
	),
	weights: fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 50 })),
	/** Quarters of 2025/26 issued first (0: none, 4: the whole year), then of 2026/27. */
	earlier: fc.constantFrom(0, 1, 2, 4),
	thisYear: fc.constantFrom(0, 1, 2),
	changes: fc.array(
		fc.oneof(
			fc.record({ edit: fc.nat(), amountPence: fc.integer({ min: 0, max: 5_000_00 }) }),
			fc.record({ archive: fc.nat() }),
			fc.record({ move: fc.nat() }),
			fc.record({ rekey: fc.integer({ min: 1, max: 99 }), centre: fc.boolean() })
		),
		{ maxLength: 4 }
	)
});

async function issue(
	actor: Parameters<typeof service.issueStatement>[0],
	partner: number,
	financialYear: string,
	quarter: number
) {
	const draft = expectOk(
		await service.createStatementDraft(actor, {
			partnerOrganisationId: partner,
			financialYear,
			quarter
		})
	).statement;
	const shown = await views.draftDigest(db(), draft);
	return expectOk(await service.issueStatement(actor, draft.id, draft.version, shown.contentHash))
		.statement;
}

describe('a draft statement worked out in SQL', () => {
	it('equals the domain’s statementLines and statementTotals for random lines, keys, statements and changes', async () => {
		await fc.assert(
			fc.asyncProperty(scenario, async (sc) => {
				const shared = await makeOrganisation();
				const partners = [await makeOrganisation(), await makeOrganisation()];
				const ids = partners.map((p) => p.org.id);
				expectOk(
					await partnershipService.saveAgreement(shared.actor, null, {
						title: 'Agreement',
						reference: 'A/1',
						signedOn: '2020-04-01',
						quorumRule: 'all',
						quorumMinimum: null
					})
				);
				for (const id of ids)
					expectOk(await partnershipService.addPartner(shared.actor, id, '2020-04-01'));
				const system = await createSystem(shared.actor, { name: 'Shared Finance' });
				const made: Made[] = [];
				for (const l of sc.lines)
					made.push(
						expectOk(
							await costService.createCostLine(
								shared.actor,
								l.onSystem ? { systemId: system.id } : { workstreamId: shared.integration.id },
								line(l.amountPence, {
									financialYear: l.year,
									spendType: l.capital ? 'capital' : 'revenue',
									category: l.capital ? 'development' : 'licence',
									description: `Line ${made.length + 1}`
								})
							)
						).line
					);
				const shares = (w: [number, number], centre: number | null = null): KeyShare[] => [
					{ partnerOrganisationId: ids[0]!, weight: w[0], costCentreId: null },
					{ partnerOrganisationId: ids[1]!, weight: w[1], costCentreId: centre }
				];
				const keyOf = (year: string, w: [number, number], centre: number | null = null) => ({
					financialYear: year,
					scope: 'service' as const,
					scopeId: 0,
					kind: 'driver' as const,
					measure: 'Users',
					source: 'HR',
					asAt: '2025-04-01',
					shares: shares(w, centre)
				});
				const keys: Extract<Awaited<ReturnType<typeof keyService.saveKey>>, { ok: true }>['key'][] =
					[];
				for (const year of YEARS)
					keys.push(
						expectOk(await keyService.saveKey(shared.actor, null, null, keyOf(year, sc.weights)))
							.key
					);
				const p = ids[1]!;
				if (sc.earlier === 4) await issue(shared.actor, p, '2025/26', 0);
				else for (let q = 1; q <= sc.earlier; q++) await issue(shared.actor, p, '2025/26', q);
				for (let q = 1; q <= sc.thisYear; q++) await issue(shared.actor, p, '2026/27', q);
				for (const c of sc.changes) {
					if ('edit' in c) {
						const i = c.edit % made.length;
						const m = made[i]!;
						const r = await costService.updateCostLine(
							shared.actor,
							m.id,
							m.version,
							m.systemId ? { systemId: m.systemId } : { workstreamId: shared.integration.id },
							line(c.amountPence, {
								financialYear: m.financialYear,
								spendType: m.spendType,
								category: m.category,
								description: m.description
							})
						);
						if (r.ok) made[i] = r.line;
					} else if ('archive' in c) {
						const m = made[c.archive % made.length]!;
						await costService.archiveCostLine(shared.actor, m.id, m.version);
					} else if ('move' in c) {
						const i = c.move % made.length;
						const m = made[i]!;
						const r = await costService.updateCostLine(
							shared.actor,
							m.id,
							m.version,
							m.systemId ? { systemId: m.systemId } : { workstreamId: shared.integration.id },
							line(m.amountPence, {
								financialYear: m.financialYear === '2025/26' ? '2026/27' : '2025/26',
								spendType: m.spendType === 'capital' ? 'revenue' : 'capital',
								category: m.spendType === 'capital' ? 'licence' : 'development',
								description: `${m.description} moved`
							})
						);
						if (r.ok) made[i] = r.line;
					} else {
						const centre = c.centre
							? expectOk(
									await centreService.addCostCentre(shared.actor, p, {
										code: `CC-${c.rekey}-${Math.random().toString(36).slice(2, 6)}`,
										name: 'Schools',
										kind: 'school'
									})
								).centre.id
							: null;
						const year = c.rekey % 2 === 0 ? '2025/26' : '2026/27';
						const k = keys[YEARS.indexOf(year)]!;
						const saved = await keyService.saveKey(
							shared.actor,
							k.id,
							k.version,
							keyOf(year, [c.rekey, 100 - c.rekey], centre)
						);
						if (saved.ok) keys[YEARS.indexOf(year)] = saved.key;
					}
				}
				const draft = expectOk(
					await service.createStatementDraft(shared.actor, {
						partnerOrganisationId: p,
						financialYear: '2026/27',
						quarter: sc.thisYear + 1
					})
				).statement;
				const expected = await domainContent(draft);
				const sql = await views.contentOf(db(), draft);
				expect(sql).toEqual(expected);
				const { figures } = await views.statementView(db(), draft, {});
				expect([figures.totals, figures.totalPence, figures.lineCount]).toEqual([
					expected.totals,
					expected.totalPence,
					expected.lines.length
				]);
				const digest = await views.draftDigest(db(), draft);
				expect(digest.contentHash).toBe(await contentHash(expected));
				// Issuing freezes exactly that statement: its lines as stored hash to the same.
				const issued = expectOk(
					await service.issueStatement(shared.actor, draft.id, draft.version, digest.contentHash)
				).statement;
				expect(await views.contentOf(db(), issued)).toEqual(expected);
				expect(await checks.checkEveryLine(db(), issued)).toEqual({
					linesMatch: true,
					lineCount: expected.lines.length
				});
			}),
			{ numRuns: 12 }
		);
	}, 240_000);
});

describe('a statement page of lines', () => {
	it('walks every line of a draft and of the issued statement a page at a time, forwards and back', async () => {
		const shared = await makeOrganisation();
		const partner = await makeOrganisation();
		expectOk(
			await partnershipService.saveAgreement(shared.actor, null, {
				title: 'Agreement',
				reference: 'A/1',
				signedOn: '2020-04-01',
				quorumRule: 'all',
				quorumMinimum: null
			})
		);
		expectOk(await partnershipService.addPartner(shared.actor, partner.org.id, '2020-04-01'));
		const earlier: Made[] = [];
		for (let i = 0; i < 3; i++)
			earlier.push(
				expectOk(
					await costService.createCostLine(
						shared.actor,
						{ workstreamId: shared.integration.id },
						line(1000 + i, { financialYear: '2025/26', description: `Earlier ${i}` })
					)
				).line
			);
		for (let i = 0; i < LINES_PER_PAGE + 45; i++)
			expectOk(
				await costService.createCostLine(
					shared.actor,
					{ workstreamId: shared.integration.id },
					line(100 + i, {
						description: `Line ${i}`,
						spendType: i % 3 === 0 ? 'capital' : 'revenue',
						category: i % 3 === 0 ? 'development' : 'licence'
					})
				)
			);
		for (const financialYear of YEARS)
			expectOk(
				await keyService.saveKey(shared.actor, null, null, {
					financialYear,
					scope: 'service',
					scopeId: 0,
					kind: 'fixed',
					measure: '',
					source: '',
					asAt: null,
					shares: [{ partnerOrganisationId: partner.org.id, weight: 10000, costCentreId: null }]
				})
			);
		await issue(shared.actor, partner.org.id, '2025/26', 0);
		// Later changes to 2025/26: adjustments on the 2026/27 statement.
		for (const m of earlier.slice(0, 2))
			expectOk(await costService.archiveCostLine(shared.actor, m.id, m.version));
		const draft = expectOk(
			await service.createStatementDraft(shared.actor, {
				partnerOrganisationId: partner.org.id,
				financialYear: '2026/27',
				quarter: 0
			})
		).statement;

		async function walk(row: statements.StatementRow) {
			const pages: StatementLine[][] = [];
			let at: views.PageAt = {};
			let moved = false;
			for (;;) {
				const { page } = await views.statementView(db(), row, at);
				expect(page.lines.length).toBeLessThanOrEqual(LINES_PER_PAGE);
				pages.push(page.lines);
				if (pages.length > 1) expect(page.previous).not.toBeNull();
				if (!page.next) break;
				moved = true;
				at = pageAtOf(page.next);
			}
			// And back from the last page to the first, by the previous links.
			const back: StatementLine[][] = [];
			let q: string | null = moved
				? (await views.statementView(db(), row, at)).page.previous
				: null;
			while (q) {
				const { page } = await views.statementView(db(), row, pageAtOf(q));
				back.unshift(page.lines);
				q = page.previous;
			}
			return { pages, back };
		}

		const whole = await views.contentOf(db(), draft);
		expect(whole.lines.filter((l) => l.kind === 'adjustment')).toHaveLength(2);
		const drafted = await walk(draft);
		expect(drafted.pages.flat()).toEqual(whole.lines);
		expect(drafted.pages.length).toBe(2);
		expect(drafted.back.flat()).toEqual(whole.lines.slice(0, drafted.back.flat().length));
		expect(drafted.back.length).toBeGreaterThan(0);

		const digest = await views.draftDigest(db(), draft);
		const issued = expectOk(
			await service.issueStatement(shared.actor, draft.id, draft.version, digest.contentHash)
		).statement;
		const frozen = await walk(issued);
		expect(frozen.pages.flat()).toEqual(whole.lines);
		expect(frozen.back.flat()).toEqual(whole.lines.slice(0, LINES_PER_PAGE));
	}, 120_000);
});

/** A page's query string (as its links carry it) read as the route reads it. */
function pageAtOf(query: string): views.PageAt {
	const q = new URLSearchParams(query);
	const cursor = (v: string | null) => {
		if (!v) return undefined;
		const [spendType, id] = v.split(':');
		return { spendType: spendType as 'capital' | 'revenue', costLineId: Number(id) };
	};
	return {
		from: q.has('from') ? Number(q.get('from')) : undefined,
		adjustment: q.has('adjustment') ? Number(q.get('adjustment')) : undefined,
		after: cursor(q.get('after')),
		before: q.get('before') === 'end' ? 'end' : cursor(q.get('before'))
	};
}
