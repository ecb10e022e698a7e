/**
 * A recharge statement as it is read: its figures (header, totals by cost centre and capital or
 * revenue, line count), a page of its lines, every line a batch at a time (downloads, the hash), and
 * the checks against its hash. A draft is worked out in SQL from the recharges now and the lines
 * already issued (repos/recharge-statement-draft.ts); an issued statement is read from its stored
 * summary and lines. Nothing here reads every line at once but contentOf, for small statements.
 */
import type { Executor } from '../db';
import { letOthersRun } from '../db/bulk';
import * as statements from '../repos/recharge-statements';
import * as frozenLines from '../repos/recharge-statement-lines';
import * as draftLines from '../repos/recharge-statement-draft';
import * as organisations from '../repos/organisations';
import * as costCentres from '../repos/partner-cost-centres';
import { statementDigester, type StatementDigest } from './statement-digest';
import {
	foldTotal,
	foldedTotals,
	periodLabel,
	quartersStated,
	readStoredContent,
	statementContent,
	type StatementContent,
	type StatementFigures,
	type StatementHead,
	type StatementLine,
	type StatementSummary,
	type TotalsFold,
	LINES_PER_PAGE
} from '$lib/domain/recharges';

type Row = statements.StatementRow;

/** The stored summary of an issued statement, or its whole content if issued before summaries. */
export const stored = (row: Row) => (row.content == null ? null : readStoredContent(row.content));

export async function headOf(ex: Executor, row: Row): Promise<StatementHead> {
	const [shared, partner] = await Promise.all([
		organisations.getOrganisation(ex, row.organisationId),
		organisations.getOrganisation(ex, row.partnerOrganisationId)
	]);
	return {
		statementId: row.id,
		sharedService: { id: row.organisationId, name: shared?.name ?? '' },
		partner: { id: row.partnerOrganisationId, name: partner?.name ?? '' },
		financialYear: row.financialYear,
		quarter: row.quarter
	};
}

export const headFrom = (s: StatementHead): StatementHead => ({
	statementId: s.statementId,
	sharedService: s.sharedService,
	partner: s.partner,
	financialYear: s.financialYear,
	quarter: s.quarter
});

/** A draft's period as SQL works it out, and the quarters of each year already stated. */
export async function draftScope(ex: Executor, row: Row) {
	const stated = await statements.quartersStated(ex, row.organisationId, row.partnerOrganisationId);
	const scope: draftLines.DraftScope = {
		organisationId: row.organisationId,
		partnerId: row.partnerOrganisationId,
		financialYear: row.financialYear,
		before: stated.get(row.financialYear) ?? 0,
		after: quartersStated(row.quarter)
	};
	return { scope, stated };
}

/**
 * Lines read into JavaScript per batch (hashed, written to a download): each row costs tens of
 * microseconds of mapping and hashing, so a batch stays well under the 100 ms the event loop may be
 * held even on a loaded machine.
 */
const LINES_PER_BATCH = 1000;

/** The lines stored for a statement, in order, a batch at a time. */
export async function* storedLineBatches(
	ex: Executor,
	organisationId: number,
	statementId: number
) {
	for (let at = 0; ; at += LINES_PER_BATCH) {
		const batch = await frozenLines.linesAfter(
			ex,
			organisationId,
			statementId,
			at,
			LINES_PER_BATCH
		);
		if (batch.length > 0) yield batch;
		if (batch.length < LINES_PER_BATCH) return;
		await letOthersRun();
	}
}

/** Every line of the statement in order, a batch at a time. */
export async function* statementLineBatches(ex: Executor, row: Row) {
	const kept = stored(row);
	if (kept && 'whole' in kept) {
		for (let at = 0; at < kept.whole.lines.length; at += LINES_PER_BATCH)
			yield kept.whole.lines.slice(at, at + LINES_PER_BATCH);
		return;
	}
	if (kept) return yield* storedLineBatches(ex, row.organisationId, row.id);
	const { scope, stated } = await draftScope(ex, row);
	yield* draftLines.chargeBatches(ex, scope, LINES_PER_BATCH);
	yield* draftLines.adjustmentBatches(ex, scope, stated);
}

export async function digestOf(head: StatementHead, batches: AsyncIterable<StatementLine[]>) {
	const digester = statementDigester(head);
	for await (const batch of batches) {
		digester.add(batch);
		await letOthersRun();
	}
	return digester.finish();
}

/** The hash, totals and line count of the statement worked out now: a draft's fingerprint. */
export async function draftDigest(ex: Executor, row: Row): Promise<StatementDigest> {
	return digestOf(await headOf(ex, row), statementLineBatches(ex, row));
}

/** The whole statement with every line: for small statements (tests, the demo) and the Excel download. */
export async function contentOf(ex: Executor, row: Row): Promise<StatementContent> {
	const kept = stored(row);
	if (kept && 'whole' in kept) return kept.whole;
	const head = kept ? headFrom(kept.summary) : await headOf(ex, row);
	const lines: StatementLine[] = [];
	for await (const batch of statementLineBatches(ex, row)) lines.push(...batch);
	return statementContent(head, lines);
}

/**
 * A draft's adjustments folded into `fold` as they go by, keeping only those from `from` (up to
 * `take` of them): the page's window. Returns how many there are and the window.
 */
async function passAdjustments(
	ex: Executor,
	row: Row,
	fold: TotalsFold,
	from: number,
	take: number
) {
	const { scope, stated } = await draftScope(ex, row);
	const window: StatementLine[] = [];
	let count = 0;
	if (stated.size > 0)
		for await (const batch of draftLines.adjustmentBatches(ex, scope, stated))
			for (const l of batch) {
				foldTotal(fold, l.costCentre, l.spendType, 'adjustment', l.amountPence);
				if (count >= from && window.length < take) window.push(l);
				count++;
			}
	return { scope, count, window };
}

/** A draft's charges totalled in SQL (grouped, a range of lines at a time) into `fold`; returns how many lines. */
async function foldCharges(ex: Executor, row: Row, scope: draftLines.DraftScope, fold: TotalsFold) {
	const own = await costCentres.listCostCentres(ex, row.organisationId, row.partnerOrganisationId);
	const words = new Map(own.map((c) => [c.id, `${c.code} ${c.name}`]));
	let count = 0;
	for (const t of await draftLines.chargeTotals(ex, scope)) {
		const centre = t.costCentreId == null ? '' : (words.get(t.costCentreId) ?? '');
		foldTotal(fold, centre, t.spendType, 'charge', t.amountPence);
		count += t.lines;
	}
	return count;
}

/** Where a page of lines starts: an issued statement by position, a draft by charge or adjustment. */
export interface PageAt {
	from?: number;
	after?: draftLines.ChargeCursor;
	before?: draftLines.ChargeCursor | 'end';
	adjustment?: number;
}

export interface LinesPage {
	lines: StatementLine[];
	/** Query strings of the next and previous pages, or null at either end. */
	next: string | null;
	previous: string | null;
}

const cursorText = (l: StatementLine) => `${l.spendType}:${l.costLineId}`;

/** The statement's figures and one page of its lines (LINES_PER_PAGE), never every line. */
export async function statementView(
	ex: Executor,
	row: Row,
	at: PageAt
): Promise<{ figures: StatementFigures; page: LinesPage }> {
	const kept = stored(row);
	if (kept && 'summary' in kept) {
		const from = at.from ?? 0;
		const lines = await frozenLines.linesAfter(
			ex,
			row.organisationId,
			row.id,
			from,
			LINES_PER_PAGE + 1
		);
		return {
			figures: figuresOf(kept.summary),
			page: {
				lines: lines.slice(0, LINES_PER_PAGE),
				next: lines.length > LINES_PER_PAGE ? `from=${from + LINES_PER_PAGE}` : null,
				previous: from > 0 ? `from=${Math.max(0, from - LINES_PER_PAGE)}` : null
			}
		};
	}
	if (kept) {
		const from = at.from ?? 0;
		const { lines, ...rest } = kept.whole;
		return {
			figures: { ...rest, lineCount: lines.length },
			page: {
				lines: lines.slice(from, from + LINES_PER_PAGE),
				next: from + LINES_PER_PAGE < lines.length ? `from=${from + LINES_PER_PAGE}` : null,
				previous: from > 0 ? `from=${Math.max(0, from - LINES_PER_PAGE)}` : null
			}
		};
	}
	return draftView(ex, row, at);
}

async function draftView(ex: Executor, row: Row, at: PageAt) {
	const fold: TotalsFold = new Map();
	const onAdjustments = at.adjustment != null;
	const adjustments = await passAdjustments(ex, row, fold, at.adjustment ?? 0, LINES_PER_PAGE);
	const { scope } = adjustments;
	await letOthersRun();
	const charges = await foldCharges(ex, row, scope, fold);
	const { rows, totalPence } = foldedTotals(fold);
	const figures: StatementFigures = {
		...(await headOf(ex, row)),
		period: periodLabel(row.financialYear, row.quarter),
		totals: rows,
		totalPence,
		lineCount: charges + adjustments.count
	};
	let page: LinesPage;
	if (onAdjustments) {
		const from = at.adjustment!;
		page = {
			lines: adjustments.window,
			next:
				from + LINES_PER_PAGE < adjustments.count ? `adjustment=${from + LINES_PER_PAGE}` : null,
			previous:
				from > 0
					? `adjustment=${Math.max(0, from - LINES_PER_PAGE)}`
					: charges > 0
						? 'before=end'
						: null
		};
	} else if (at.before) {
		const cursor = at.before === 'end' ? null : at.before;
		const lines = await draftLines.chargePage(ex, scope, cursor, LINES_PER_PAGE + 1, true);
		const shown = lines.slice(-LINES_PER_PAGE);
		page = {
			lines: shown,
			next: shown.length > 0 ? `after=${cursorText(shown[shown.length - 1]!)}` : null,
			previous: lines.length > LINES_PER_PAGE ? `before=${cursorText(shown[0]!)}` : null
		};
	} else {
		const lines = await draftLines.chargePage(ex, scope, at.after ?? null, LINES_PER_PAGE + 1);
		const shown = lines.slice(0, LINES_PER_PAGE);
		const room = LINES_PER_PAGE - shown.length;
		const more = adjustments.window.slice(0, room);
		page = {
			lines: [...shown, ...more],
			next:
				lines.length > LINES_PER_PAGE
					? `after=${cursorText(shown[shown.length - 1]!)}`
					: more.length < adjustments.count
						? `adjustment=${more.length}`
						: null,
			previous:
				at.after && shown.length > 0
					? `before=${cursorText(shown[0]!)}`
					: at.after
						? 'before=end'
						: null
		};
	}
	return { figures, page };
}

const figuresOf = (s: StatementSummary): StatementFigures => ({
	...headFrom(s),
	period: s.period,
	totals: s.totals,
	totalPence: s.totalPence,
	lineCount: s.lineCount
});
