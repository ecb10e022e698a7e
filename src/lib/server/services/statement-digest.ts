/**
 * The SHA-256 of a recharge statement's canonical JSON, taken a batch of lines at a time
 * (node:crypto's incremental hash), with its totals folded as the lines go by: the same hash as
 * contentHash(statementContent(head, lines)) without ever holding every line or the whole JSON.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '$lib/domain/hashing';
import {
	contentPrefix,
	contentSuffix,
	foldTotal,
	foldedTotals,
	lineOf,
	type StatementHead,
	type StatementLine,
	type StatementTotal,
	type TotalsFold
} from '$lib/domain/recharges';

export interface StatementDigest {
	contentHash: string;
	totals: StatementTotal[];
	totalPence: number;
	lineCount: number;
}

export function statementDigester(head: StatementHead) {
	const hash = createHash('sha256').update(contentPrefix(head));
	const fold: TotalsFold = new Map();
	let lineCount = 0;
	return {
		add(lines: readonly StatementLine[]) {
			let text = '';
			for (const l of lines) {
				text += `${lineCount++ === 0 ? '' : ','}${canonicalJson(lineOf(l))}`;
				foldTotal(fold, l.costCentre, l.spendType, l.kind, l.amountPence);
			}
			hash.update(text);
		},
		finish(): StatementDigest {
			const { rows, totalPence } = foldedTotals(fold);
			hash.update(contentSuffix(head, rows, totalPence));
			return { contentHash: hash.digest('hex'), totals: rows, totalPence, lineCount };
		}
	};
}

/** The SHA-256 of a short text (a statement's stored summary), as lower-case hex. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
