/**
 * Recharge statements: a draft per partner and period, its lines worked out live from the recharges
 * as they are now; issuing copies the lines (charges for the period, adjustments to periods already
 * stated) and freezes the whole statement as canonical JSON with its SHA-256, refused if it is not
 * the statement the issuer was shown. Only the shared service's officers prepare and issue; only the
 * partner's own users agree or dispute. Each change is one transaction with its audit row.
 */
import { transaction } from '../db/database';
import * as statements from '../repos/recharge-statements';
import * as frozenLines from '../repos/recharge-statement-lines';
import * as partnerships from '../repos/governance-partnerships';
import { recordAudit } from '../repos/audit';
import type { Executor } from '../db';
import type { Actor } from './actor';
import type { ServiceResult } from './result';
import * as draftLines from '../repos/recharge-statement-draft';
import * as views from './recharge-statement-views';
import * as checks from './recharge-statement-checks';
import { letOthersRun } from '../db/bulk';
import { isFinancialYear } from '$lib/domain/fiscal';
import {
	disputeErrors,
	periodLabel,
	periodRefusal,
	type StatementHead,
	type StatementPeriod
} from '$lib/domain/recharges';
import { nowIso } from '$lib/domain/dates';

export type StatementResult = ServiceResult<
	{ statement: statements.StatementRow },
	statements.StatementRow
>;

const refused = (field: string, message: string): StatementResult => ({
	ok: false,
	reason: 'invalid',
	errors: { [field]: message }
});

/** The whole statement (every line): for small ones. Pages read recharge-statement-views.ts a page at a time. */
export { contentOf } from './recharge-statement-views';

/** Starts the draft statement for one partner and period, when that period may be stated next. */
export async function createStatementDraft(
	actor: Actor,
	input: { partnerOrganisationId: number; financialYear: string; quarter: number }
): Promise<StatementResult> {
	return transaction(async (tx): Promise<StatementResult> => {
		const { partnerOrganisationId, financialYear } = input;
		const partners = await partnerships.listPartners(tx, actor.organisationId);
		if (!partners.some((p) => p.partnerOrganisationId === partnerOrganisationId))
			return refused('partnerOrganisationId', 'Choose one of the shared service’s partners');
		if (!isFinancialYear(financialYear))
			return refused('financialYear', 'Enter a financial year, like 2026/27');
		if (![0, 1, 2, 3, 4].includes(input.quarter))
			return refused('quarter', 'Choose the whole year or a quarter');
		const quarter = input.quarter as StatementPeriod;
		const stated = await statements.quartersStated(tx, actor.organisationId, partnerOrganisationId);
		const why = periodRefusal(financialYear, quarter, stated.get(financialYear) ?? 0);
		if (why) return refused('quarter', why);
		const existing = await statements.findForPeriod(
			tx,
			actor.organisationId,
			partnerOrganisationId,
			financialYear,
			quarter
		);
		if (existing)
			return refused(
				'quarter',
				`There is already a ${existing.status} statement for that partner and ${periodLabel(financialYear, quarter)}`
			);
		const statement = await statements.insertDraft(tx, actor.organisationId, {
			partnerOrganisationId,
			financialYear,
			quarter,
			createdBy: actor.displayName
		});
		await recordAudit(tx, actor, {
			entity: 'recharge_statement',
			entityId: statement.id,
			action: 'create',
			after: { partnerOrganisationId, period: periodLabel(financialYear, quarter) }
		});
		return { ok: true, statement };
	});
}

/** Deletes a draft prepared by mistake; an issued statement is never deleted. */
export async function discardStatementDraft(
	actor: Actor,
	id: number,
	expectedVersion: number
): Promise<StatementResult> {
	return transaction(async (tx): Promise<StatementResult> => {
		const row = await statements.getStatement(tx, actor.organisationId, id);
		if (!row) return { ok: false, reason: 'not-found' };
		if (row.status !== 'draft') return refused('form', 'An issued statement cannot be deleted');
		if (!(await statements.deleteDraft(tx, actor.organisationId, id, expectedVersion)))
			return { ok: false, reason: 'conflict', current: row };
		await recordAudit(tx, actor, {
			entity: 'recharge_statement',
			entityId: id,
			action: 'discard',
			before: { period: periodLabel(row.financialYear, row.quarter) }
		});
		return { ok: true, statement: row };
	});
}

/**
 * Issues a draft: works its lines out inside the transaction and, if it is exactly the statement
 * the issuer was shown (`fingerprint`), copies the lines and freezes the content with its hash.
 */
export async function issueStatement(
	actor: Actor,
	id: number,
	expectedVersion: number,
	fingerprint: string
): Promise<StatementResult> {
	return transaction(async (tx): Promise<StatementResult> => {
		const row = await statements.getStatement(tx, actor.organisationId, id);
		if (!row) return { ok: false, reason: 'not-found' };
		if (row.status !== 'draft') return refused('form', 'This statement has already been issued');
		if (row.version !== expectedVersion) return { ok: false, reason: 'conflict', current: row };
		const stated = await statements.quartersStated(
			tx,
			row.organisationId,
			row.partnerOrganisationId
		);
		const why = periodRefusal(
			row.financialYear,
			row.quarter as StatementPeriod,
			stated.get(row.financialYear) ?? 0
		);
		if (why) return refused('form', why);
		const head = await views.headOf(tx, row);
		const digest = await copyLines(tx, row, head);
		if (digest.contentHash !== fingerprint) {
			await frozenLines.deleteDraftLines(tx, row.organisationId, id);
			await recordAudit(tx, actor, {
				entity: 'recharge_statement',
				entityId: id,
				action: 'issue-refused',
				before: { fingerprint },
				after: { fingerprint: digest.contentHash },
				detail: 'the statement changed after the page was opened'
			});
			// A conflict: the statement worked out now is not the one the issuer was shown.
			return { ok: false, reason: 'conflict', current: row };
		}
		const summary = checks.summaryOf(head, digest);
		const issued = await statements.markIssued(tx, row.organisationId, id, expectedVersion, {
			issuedAt: nowIso(),
			issuedByUserId: actor.userId,
			issuedBy: actor.displayName,
			content: summary.content,
			contentHash: digest.contentHash,
			summaryHash: summary.summaryHash,
			totalPence: digest.totalPence
		});
		if (!issued) throw new Error(`recharge statement ${id} moved on inside its own transaction`);
		await recordAudit(tx, actor, {
			entity: 'recharge_statement',
			entityId: id,
			action: 'issue',
			before: { status: 'draft' },
			after: {
				status: 'issued',
				period: periodLabel(row.financialYear, row.quarter),
				totalPence: digest.totalPence,
				lineCount: digest.lineCount,
				contentHash: digest.contentHash
			}
		});
		return { ok: true, statement: issued };
	});
}

/** The partner's answer to its own issued statement: agreed, or disputed with a reason. Once. */
export async function answerStatement(
	actor: Actor,
	id: number,
	expectedVersion: number,
	answer: { status: 'agreed' | 'disputed'; reason: string }
): Promise<StatementResult> {
	return transaction(async (tx): Promise<StatementResult> => {
		const row = await statements.getStatementOfPartner(tx, actor.organisationId, id);
		if (!row) return { ok: false, reason: 'not-found' };
		if (row.status !== 'issued')
			return refused(
				'form',
				`This statement has been ${row.status} already: an answer is recorded once`
			);
		if (answer.status === 'disputed') {
			const errors = disputeErrors(answer.reason);
			if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
		}
		if (row.version !== expectedVersion) return { ok: false, reason: 'conflict', current: row };
		const saved = await statements.recordAnswer(tx, actor.organisationId, id, expectedVersion, {
			status: answer.status,
			reason: answer.status === 'disputed' ? answer.reason.trim() : null,
			userId: actor.userId,
			by: actor.displayName
		});
		if (!saved) throw new Error(`recharge statement ${id} moved on inside its own transaction`);
		await recordAudit(tx, actor, {
			entity: 'recharge_statement',
			entityId: id,
			action: answer.status === 'agreed' ? 'agree' : 'dispute',
			before: { status: 'issued' },
			after: {
				status: answer.status,
				...(saved.disputeReason ? { reason: saved.disputeReason } : {})
			}
		});
		return { ok: true, statement: saved };
	});
}

/**
 * Copies the draft's lines into recharge_statement_line (INSERT ... SELECT, a bounded batch at a
 * time, yielding the event loop between statements, all inside the caller's transaction), then
 * hashes them as stored, in order: the digest of exactly what was frozen. Adjustments are copied
 * first (after the charges' places) so that the comparison with the lines already issued never sees
 * this statement's own charges.
 */
async function copyLines(tx: Executor, row: statements.StatementRow, head: StatementHead) {
	const { scope, stated } = await views.draftScope(tx, row);
	const charges = (await draftLines.chargeTotals(tx, scope)).reduce((n, t) => n + t.lines, 0);
	await draftLines.copyAdjustments(tx, scope, stated, row.id, charges, letOthersRun);
	let cursor: draftLines.ChargeCursor | null = null;
	for (let copied = 0; copied < charges;) {
		const n = await draftLines.copyCharges(
			tx,
			scope,
			row.id,
			copied,
			cursor,
			draftLines.BATCH_ROWS
		);
		if (n === 0) throw new Error(`recharge statement ${row.id}: charges moved on while issuing`);
		copied += n;
		const [last] = await frozenLines.linesAfter(tx, row.organisationId, row.id, copied - 1, 1);
		cursor = { spendType: last!.spendType, costLineId: last!.costLineId };
		await letOthersRun();
	}
	// Every item of every year stated is now stated as due: the next draft compares only what changes after this.
	await draftLines.clearChanges(tx, scope);
	return views.digestOf(head, views.storedLineBatches(tx, row.organisationId, row.id));
}
