/**
 * An issued recharge statement checked against its hashes. Every view makes the cheap check (the
 * stored summary against its own hash, and the content hash and total it carries); the full check
 * hashes every stored line again, a batch at a time, with the summary's header and totals, and must
 * give the hash the statement was issued with. Between checks the database's triggers refuse any
 * change; these find a change made behind them.
 */
import type { Executor } from '../db';
import * as statements from '../repos/recharge-statements';
import * as frozenLines from '../repos/recharge-statement-lines';
import { digestOf, headFrom, statementLineBatches, stored } from './recharge-statement-views';
import { sha256, type StatementDigest } from './statement-digest';
import { canonicalJson, contentHash } from '$lib/domain/hashing';
import { periodLabel, type StatementHead, type StatementSummary } from '$lib/domain/recharges';

type Row = statements.StatementRow;

/** The summary an issued statement stores (canonical JSON) and its own hash. */
export function summaryOf(head: StatementHead, digest: StatementDigest) {
	const summary: StatementSummary = {
		...head,
		period: periodLabel(head.financialYear, head.quarter),
		totals: digest.totals,
		totalPence: digest.totalPence,
		lineCount: digest.lineCount,
		contentHash: digest.contentHash
	};
	const content = canonicalJson(summary);
	return { content, summaryHash: sha256(content) };
}

/**
 * The check made on every view of an issued statement, cheap whatever its size: its stored summary
 * hashes to the summary hash, and carries the statement's content hash and total. (A statement
 * issued before summaries is checked whole, as then.) Null for a draft.
 */
export async function checkSummary(row: Row): Promise<{ summaryMatches: boolean } | null> {
	const kept = stored(row);
	if (!kept || !row.content) return null;
	if ('whole' in kept)
		return {
			summaryMatches:
				(await contentHash(kept.whole)) === row.contentHash &&
				canonicalJson(kept.whole) === row.content
		};
	const s = kept.summary;
	return {
		summaryMatches:
			row.summaryHash === sha256(row.content) &&
			s.contentHash === row.contentHash &&
			s.totalPence === row.totalPence &&
			s.statementId === row.id
	};
}

/**
 * The full check: every stored line, in order, hashed with the stored summary's header and totals,
 * must give the hash the statement was issued with. A batch of lines at a time.
 */
export async function checkEveryLine(
	ex: Executor,
	row: Row
): Promise<{ linesMatch: boolean; lineCount: number } | null> {
	const kept = stored(row);
	if (!kept) return null;
	if ('whole' in kept) {
		const lines = await frozenLines.linesOf(ex, row.organisationId, row.id);
		return {
			linesMatch: canonicalJson(lines) === canonicalJson(kept.whole.lines),
			lineCount: lines.length
		};
	}
	const s = kept.summary;
	const digest = await digestOf(headFrom(s), statementLineBatches(ex, row));
	return {
		linesMatch:
			digest.contentHash === row.contentHash &&
			digest.lineCount === s.lineCount &&
			canonicalJson(digest.totals) === canonicalJson(s.totals),
		lineCount: digest.lineCount
	};
}
