/**
 * Issue 12 finding 6, the frozen records: committee report figures, a business case's pulled costs
 * and `npm run costs:rebuild` summed pence with SQL sum(), so cost lines saved before the cap
 * (planted here straight into the database, past its CHECK constraints) made them fail past 2^53
 * pence. Now each reads 'too large to show'; the draft report, its annex CSV, the case's figures
 * and its financial CSV all render; and because a frozen record keeps its figures for ever and
 * 'too large to show' is not a figure, submitting or approving such a case, pulling such costs into
 * an option and issuing such a report are each refused with a message naming the figure.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseServerUrl } from '$lib/server/db/server-check';
import { db, startDatabase, makeOrganisation, createSystem, person, expectOk } from './helpers';
import { caseShown, decide, issue, reportShown } from './shown';
import { database } from '$lib/server/db/database';
import * as costTotals from '$lib/server/repos/cost-totals';
import * as cases from '$lib/server/repos/business-cases';
import * as caseService from '$lib/server/services/business-cases';
import * as decisions from '$lib/server/services/business-case-decisions';
import * as costService from '$lib/server/services/cost-lines';
import * as reportService from '$lib/server/services/committee-reports';
import type { Actor } from '$lib/server/services/actor';
import { caseFigureLines } from '$lib/domain/business-cases';
import { reportLines } from '$lib/domain/reports';
import { financialCsv } from '$lib/domain/csv/business-case-financial';
import { ANNEX_HEADER, annexRows } from '$lib/domain/csv/report-annex';
import { toCsv } from '$lib/domain/csv/write';
import { layoutBars, spendBars, formatSpend } from '$lib/domain/charts';
import { MAX_AMOUNT_PENCE, TOO_LARGE_TO_SHOW } from '$lib/domain/money';

const run = promisify(execFile);

beforeAll(async () => {
	await startDatabase();
});

let caseCount = 0;
const LEGACY = 9_000_000_000_000_000; // £90 trillion: what the old parser let through, under 2^53 alone
const DECISION = {
	outcome: 'approved',
	decisionMaker: 'cabinet',
	meetingDate: '2025-08-20',
	minuteRef: 'CAB/25/071',
	keyDecision: true,
	conditions: '',
	reasons: ''
} as const;

/** A complete outline case scoped to the Case Management workstream, ready to submit. */
async function readyCase(officer: Actor, workstreamId: number) {
	let r = expectOk(
		await caseService.createBusinessCase(officer, {
			title: `Case ${++caseCount}`,
			stage: 'outline',
			scope: { workstreamIds: [workstreamId], systemIds: [] }
		})
	);
	const caseId = r.businessCase.id;
	r = expectOk(
		await caseService.updateCaseDetails(officer, caseId, r.businessCase.version, {
			title: r.businessCase.title,
			stage: 'outline',
			sections: {
				strategic: 'Case for change',
				economic: 'Options',
				commercial: 'G-Cloud',
				financial: 'Funded',
				management: 'Programme board'
			},
			scope: { workstreamIds: [workstreamId], systemIds: [] },
			procurement: { systems: 'single', sourcing: 'buy', framework: 'G-Cloud 14' },
			appraisalPeriod: { firstYear: '2025/26', years: 5 }
		})
	);
	r = expectOk(
		await caseService.saveOption(officer, caseId, r.businessCase.version, null, {
			title: 'Buy',
			description: '',
			mitigatedBp: 0,
			costs: [],
			benefits: []
		})
	);
	const optionId = r.itemId!;
	r = expectOk(
		await caseService.choosePreferred(officer, caseId, r.businessCase.version, optionId)
	);
	r = expectOk(
		await caseService.saveRisk(officer, caseId, r.businessCase.version, null, {
			title: 'Data migration slips',
			description: '',
			owner: 'Head of ICT',
			mitigation: 'Trial loads',
			inherent: { likelihood: 4, impact: 4 },
			residual: { likelihood: 3, impact: 4 }
		})
	);
	return { caseId, optionId, version: r.businessCase.version };
}

/** Three cost lines of £90 trillion each on the workstream (two of them the system's), written past the CHECK constraints as a database from before the cap could hold them. */
async function plantLegacyLines(organisationId: number, workstreamId: number, systemId: number) {
	const client = database().client;
	await client.execute('PRAGMA ignore_check_constraints = ON');
	try {
		for (const system of [null, systemId, systemId]) {
			await client.execute({
				sql: 'INSERT INTO cost_line (organisation_id, workstream_id, system_id, financial_year, spend_type, category, amount_pence, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
				args: [
					organisationId,
					workstreamId,
					system,
					'2025/26',
					'capital',
					'implementation',
					LEGACY,
					'actual'
				]
			});
		}
	} finally {
		await client.execute('PRAGMA ignore_check_constraints = OFF');
	}
}

// Plants rows past the CHECK constraints with PRAGMA ignore_check_constraints, which sqld refuses
// as an unsupported statement: such rows can only be made in the embedded file.
describe.runIf(!isDatabaseServerUrl())(
	'figures past 2^53 pence from amounts saved before the cap',
	() => {
		it(
			'are rebuilt by costs:rebuild, which reports them in words, and read as too large to show',
			{ timeout: 120_000 },
			async () => {
				const o = await makeOrganisation();
				const s = await createSystem(o.actor, { name: 'Legacy ledger' });
				expectOk(
					await costService.createCostLine(
						o.actor,
						{ workstreamId: o.caseManagement.id },
						{
							financialYear: '2025/26',
							spendType: 'capital',
							category: 'implementation',
							amountPence: MAX_AMOUNT_PENCE,
							confidence: 'actual',
							fundingSourceId: null,
							description: ''
						}
					)
				);
				await plantLegacyLines(o.org.id, o.caseManagement.id, s.id);

				// The command itself, as an operator runs it: it repairs the kept totals, says so in words, exits 1; then finds them right.
				const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL, SEED_DEMO: 'false' };
				const cli = [
					'vite-node',
					'--config',
					'vite.cli.config.ts',
					'src/lib/server/cli/costs.ts',
					'--',
					'--org',
					String(o.org.id)
				];
				const first = await run('npx', cli, { env }).then(
					() => ({ code: 0, stdout: '', stderr: '' }),
					(e: { code: number; stdout: string; stderr: string }) => e
				);
				expect(first.code, first.stderr).toBe(1);
				expect(first.stdout).toContain(`rebuilt ${TOO_LARGE_TO_SHOW}`);
				expect(first.stderr).not.toMatch(/Error|at .*\.ts/);
				const second = await run('npx', cli, { env });
				expect(second.stdout).toContain('kept totals match the cost lines');

				// Kept and rebuilt alike: the one key, its lines past 2^53 pence, is too large to show, and stays so.
				expect(
					(await costTotals.readCostTotals(db(), o.org.id)).map((t) => [t.amountPence, t.lineCount])
				).toEqual([[Infinity, 4]]);
				expect(
					(await costTotals.sumFundingTotalsFromLines(db(), o.org.id)).map((t) => t.amountPence)
				).toEqual([Infinity]);
				expect(await costService.rebuildCostTotals(o.actor)).toEqual([]);
				// Stored as an integer by the rebuild (SQLite keeps total()'s whole result as one), exact in the database.
				const stored = await database().client.execute({
					sql: 'SELECT typeof(amount_pence) AS t, CAST(amount_pence AS TEXT) AS v FROM cost_total WHERE organisation_id = ?',
					args: [o.org.id]
				});
				expect([stored.rows[0]!.t, stored.rows[0]!.v]).toEqual([
					'integer',
					String(3 * LEGACY + MAX_AMOUNT_PENCE)
				]);
			}
		);

		it(
			'leave the draft report and its annex CSV rendering in words, and issuing it refused naming the figures',
			{ timeout: 60_000 },
			async () => {
				const o = await makeOrganisation();
				const officer = await person(o.org.id, 'editor');
				const s = await createSystem(o.actor, {
					name: 'Legacy ledger',
					supplier: 'Old Ledgers plc'
				});
				await plantLegacyLines(o.org.id, o.caseManagement.id, s.id);
				await costService.rebuildCostTotals(o.actor);
				const created = expectOk(
					await reportService.createReportDraft(officer, { financialYear: '2025/26', quarter: 4 })
				);

				const view = (await reportService.getReport(officer, created.report.id, 'officer'))!;
				const lines = reportLines(view.content);
				expect(lines['Spend to date, capital']).toBe(
					`budget ${TOO_LARGE_TO_SHOW}, spend ${TOO_LARGE_TO_SHOW}, remaining ${TOO_LARGE_TO_SHOW}`
				);
				expect(Object.values(lines).join('\n')).not.toMatch(/NaN|Infinity/);
				const csv = toCsv(ANNEX_HEADER, annexRows(view.content.annex!));
				expect(csv).toContain(TOO_LARGE_TO_SHOW);
				expect(csv).not.toMatch(/NaN|Infinity|e\+/);
				// The chart: the figure too large to show spans the plot; no bar is NaN wide.
				const bars = layoutBars(spendBars(view.content), formatSpend).groups.flatMap((g) => g.bars);
				expect(bars.every((b) => Number.isFinite(b.width))).toBe(true);
				expect(bars.map((b) => b.text)).toContain(TOO_LARGE_TO_SHOW);

				const seen = await reportShown(officer, created.report.id);
				expect(seen.fingerprint).toMatch(/^[0-9a-f]{64}$/);
				const refused = await reportService.issueReport(
					officer,
					created.report.id,
					created.report.version,
					seen
				);
				expect(refused).toMatchObject({ ok: false, reason: 'refused' });
				const message = (refused as { message: string }).message;
				expect(message).toMatch(/^An issued report cannot hold a figure that is too large to show/);
				expect(message).toContain('Spend to date, capital');
				expect(message).toContain('Annex A: Legacy ledger (Old Ledgers plc), capital');
				expect(
					(await reportService.getReport(officer, created.report.id, 'officer'))!.report.status
				).toBe('draft');
				// The same report issues once the amounts are corrected.
				await database().client.execute({
					sql: 'UPDATE cost_line SET amount_pence = 100 WHERE organisation_id = ?',
					args: [o.org.id]
				});
				await costService.rebuildCostTotals(o.actor);
				expectOk(await issue(officer, created.report.id, created.report.version));
			}
		);

		it(
			'leave a business case rendering in words, and submitting, approving and pulling such costs refused naming the figures',
			{ timeout: 60_000 },
			async () => {
				const o = await makeOrganisation();
				const officer = await person(o.org.id, 'editor');
				const approver = await person(o.org.id, 'approver');
				const s = await createSystem(o.actor, { name: 'Legacy ledger' });
				const submitted = await readyCase(officer, o.caseManagement.id);
				const waiting = expectOk(
					await decisions.submitBusinessCase(officer, submitted.caseId, submitted.version)
				);
				await plantLegacyLines(o.org.id, o.caseManagement.id, s.id);

				// The decision page renders: its figures, their lines and their fingerprint.
				const basis = (await decisions.decisionBasis(o.org.id, submitted.caseId))!;
				expect(basis.lines['Cost in scope: Case Management, total']).toBe(TOO_LARGE_TO_SHOW);
				expect(basis.lines['Cost in scope: total']).toBe(TOO_LARGE_TO_SHOW);
				expect(financialCsv(basis.figures)).not.toMatch(/NaN|Infinity|null/);
				expect(Object.values(caseFigureLines(basis.figures)).join('\n')).not.toMatch(
					/NaN|Infinity/
				);

				// Approving freezes the figures: refused, audited, nothing frozen. Rejecting freezes nothing, so it stays open.
				const refused = await decide(
					approver,
					submitted.caseId,
					waiting.businessCase.version,
					DECISION
				);
				expect(refused).toMatchObject({ ok: false, reason: 'refused' });
				expect((refused as { message: string }).message).toMatch(
					/^An approved business case cannot hold a figure that is too large to show \(a total past £90 trillion, where no single amount may be more than £1,000,000,000.00\): Cost in scope: Case Management, 2025\/26 capital; Cost in scope: Case Management, total; Cost in scope: total\. Correct the amounts/
				);
				const version = (await cases.getVersion(db(), o.org.id, submitted.caseId, 1))!;
				expect(version.status).toBe('submitted');
				expect(version.snapshot).toBeNull();

				// Another case over the same scope cannot be put to members, nor have the costs pulled into an option.
				const draft = await readyCase(officer, o.caseManagement.id);
				const pulled = await caseService.pullOptionFromCostModel(
					officer,
					draft.caseId,
					draft.version,
					draft.optionId
				);
				expect(pulled).toMatchObject({
					ok: false,
					reason: 'refused',
					message: expect.stringMatching(
						/^An option cannot hold a figure that is too large to show .*: Cost model: Case Management, 2025\/26\. /
					)
				});
				const notSubmitted = await decisions.submitBusinessCase(
					officer,
					draft.caseId,
					draft.version
				);
				// Invalid, one line per problem (submission's problems), the figure named.
				expect(notSubmitted).toMatchObject({
					ok: false,
					reason: 'invalid',
					errors: {
						'problem-1': expect.stringMatching(
							/^A business case put to members cannot hold a figure that is too large to show .*Cost in scope: total/
						)
					}
				});
				expect(
					(await caseService.figuresOf(o.org.id, draft.caseId, 1))!.costTable.grandTotalPence
				).toBe(Infinity);

				// Corrected, the first case is approved with real figures.
				await database().client.execute({
					sql: 'UPDATE cost_line SET amount_pence = 100 WHERE organisation_id = ?',
					args: [o.org.id]
				});
				expectOk(
					await decisions.decideBusinessCase(
						approver,
						submitted.caseId,
						waiting.businessCase.version,
						DECISION,
						await caseShown(o.org.id, submitted.caseId)
					)
				);
			}
		);
	}
);
