/**
 * A statement too large to hold whole (143,000 lines a partner-year at a million cost lines) is
 * hashed and totalled a batch of lines at a time, exactly as the whole would be: its canonical JSON
 * is a prefix, each line's canonical JSON separated by commas, then a suffix carrying the totals.
 * An issued statement keeps its summary (header, totals, line count, that hash) instead of every
 * line as JSON; the lines themselves are in recharge_statement_line.
 */
import { canonicalJson } from '../hashing/canonical';
import {
	periodLabel,
	type StatementContent,
	type StatementLine,
	type StatementTotal
} from './statements';

/** Who charges whom for what period: the statement without its lines and totals. */
export type StatementHead = Omit<StatementContent, 'period' | 'lines' | 'totals' | 'totalPence'>;

/**
 * The canonical JSON of statementContent(head, lines) runs: this prefix, the lines, contentSuffix.
 * Its keys sort as financialYear < lines < partner < period < ... < totals, so only the year comes
 * before the lines.
 */
export const contentPrefix = (head: StatementHead): string =>
	`{"financialYear":${JSON.stringify(head.financialYear)},"lines":[`;

/** What follows the lines in the statement's canonical JSON. */
export function contentSuffix(
	head: StatementHead,
	totals: readonly StatementTotal[],
	totalPence: number
): string {
	const rest = {
		partner: head.partner,
		period: periodLabel(head.financialYear, head.quarter),
		quarter: head.quarter,
		sharedService: head.sharedService,
		statementId: head.statementId,
		totalPence,
		totals
	};
	return `],${canonicalJson(rest).slice(1)}`;
}

/** A line as the statement's JSON carries it: exactly these members, whatever the row had besides. */
export const lineOf = (l: StatementLine): StatementLine => ({
	kind: l.kind,
	financialYear: l.financialYear,
	costLineId: l.costLineId,
	description: l.description,
	systemName: l.systemName,
	costCentreId: l.costCentreId,
	costCentre: l.costCentre,
	spendType: l.spendType,
	keyApplied: l.keyApplied,
	wasPence: l.wasPence,
	nowPence: l.nowPence,
	amountPence: l.amountPence
});

/** What the statement page shows above its lines: who, what period, totals and how many lines. */
export interface StatementFigures extends StatementHead {
	period: string;
	totals: StatementTotal[];
	totalPence: number;
	lineCount: number;
}

/** What an issued statement stores of itself besides its lines, hashed on its own for a cheap check on every view. */
export interface StatementSummary extends StatementFigures {
	/** The SHA-256 of the whole statement's canonical JSON (every line), as issued. */
	contentHash: string;
}

/**
 * The stored `content` of an issued statement: its summary, or (issued before statements were kept
 * as a summary) the whole statement with its lines.
 */
export function readStoredContent(
	json: string
): { summary: StatementSummary } | { whole: StatementContent } {
	const value = JSON.parse(json) as StatementSummary | StatementContent;
	return 'lines' in value ? { whole: value } : { summary: value };
}
