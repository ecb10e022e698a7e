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
import * as organisations from '../repos/organisations';
import * as costCentres from '../repos/partner-cost-centres';
import { recordAudit } from '../repos/audit';
import type { Executor } from '../db';
import type { Actor } from './actor';
import type { ServiceResult } from './result';
import { keyedLines } from './recharge-views';
import { canonicalJson, contentHash } from '$lib/domain/hashing';
import { isFinancialYear } from '$lib/domain/fiscal';
import {
	disputeErrors,
	periodLabel,
	periodRefusal,
	statementContent,
	statementLines,
	type ChargeItem,
	type StatementContent,
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

/** The partner's recharges of `years` as a statement counts them. */
async function chargesNow(
	ex: Executor,
	sharedId: number,
	partnerId: number,
	years: Iterable<string>
): Promise<ChargeItem[]> {
	const own = await costCentres.listCostCentres(ex, sharedId, partnerId);
	const centreText = new Map(own.map((c) => [c.id, `${c.code} ${c.name}`]));
	const items: ChargeItem[] = [];
	for (const year of new Set(years))
		for (const r of await keyedLines(ex, sharedId, partnerId, year, centreText))
			items.push({
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
	return items;
}

/**
 * The statement as it would be issued now (a draft), or as it was frozen (issued): for a draft the
 * lines come from today's recharges and what earlier statements charged.
 */
export async function contentOf(
	ex: Executor,
	row: statements.StatementRow
): Promise<StatementContent> {
	const frozen = statements.parseContent(row);
	if (frozen) return frozen;
	const [shared, partner] = await Promise.all([
		organisations.getOrganisation(ex, row.organisationId),
		organisations.getOrganisation(ex, row.partnerOrganisationId)
	]);
	const stated = await statements.quartersStated(ex, row.organisationId, row.partnerOrganisationId);
	const lines = statementLines({
		financialYear: row.financialYear,
		quarter: row.quarter as StatementPeriod,
		current: await chargesNow(ex, row.organisationId, row.partnerOrganisationId, [
			row.financialYear,
			...stated.keys()
		]),
		billed: await frozenLines.billedSoFar(ex, row.organisationId, row.partnerOrganisationId),
		stated
	});
	return statementContent(
		{
			statementId: row.id,
			sharedService: { id: row.organisationId, name: shared?.name ?? '' },
			partner: { id: row.partnerOrganisationId, name: partner?.name ?? '' },
			financialYear: row.financialYear,
			quarter: row.quarter
		},
		lines
	);
}

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
		const content = await contentOf(tx, row);
		const hash = await contentHash(content);
		if (hash !== fingerprint) {
			await recordAudit(tx, actor, {
				entity: 'recharge_statement',
				entityId: id,
				action: 'issue-refused',
				before: { fingerprint },
				after: { fingerprint: hash },
				detail: 'the statement changed after the page was opened'
			});
			// A conflict: the statement worked out now is not the one the issuer was shown.
			return { ok: false, reason: 'conflict', current: row };
		}
		await frozenLines.insertLines(tx, row, content.lines);
		const issued = await statements.markIssued(tx, row.organisationId, id, expectedVersion, {
			issuedAt: nowIso(),
			issuedByUserId: actor.userId,
			issuedBy: actor.displayName,
			content: canonicalJson(content),
			contentHash: hash,
			totalPence: content.totalPence
		});
		if (!issued) throw new Error(`recharge statement ${id} moved on inside its own transaction`);
		await recordAudit(tx, actor, {
			entity: 'recharge_statement',
			entityId: id,
			action: 'issue',
			before: { status: 'draft' },
			after: {
				status: 'issued',
				period: content.period,
				totalPence: content.totalPence,
				contentHash: hash
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
 * Checks an issued statement against its hash: the stored content hashes to the stored hash, and
 * the stored lines are the content's lines. Anything else means it was changed behind the app's back.
 */
export async function verifyStatement(
	ex: Executor,
	row: statements.StatementRow
): Promise<{ hashMatches: boolean; linesMatch: boolean } | null> {
	const content = statements.parseContent(row);
	if (!content || !row.content) return null;
	const lines = await frozenLines.linesOf(ex, row.organisationId, row.id);
	return {
		hashMatches:
			(await contentHash(content)) === row.contentHash && canonicalJson(content) === row.content,
		linesMatch: canonicalJson(lines) === canonicalJson(content.lines)
	};
}
