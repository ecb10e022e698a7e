/**
 * Reading a partner's ledger extract for its preview and its commit: the file decoded and checked on
 * the upload-check worker, every row read (every reason of a refused row at once), what it would
 * replace of the lines held, the lines the reconciliation will flag, and a hash of it all, so the
 * commit goes ahead only when the file reads exactly as the partner saw it.
 */
import { createHash } from 'node:crypto';
import { letOthersRun } from '../db/bulk';
import * as ledger from '../repos/ledger';
import * as costCentres from '../repos/partner-cost-centres';
import * as recharges from '../repos/recharges';
import { uploadChecker, type UploadText } from './upload-check';
import { headingPlace, importMaxBytes, type UploadPreview } from './import-upload';
import type { Executor } from '../db';
import { parseCsvInSlices } from '$lib/domain/csv/parse';
import type { Delimiter } from '$lib/domain/csv/delimiter';
import type { RowProblem } from '$lib/domain/csv/rows';
import {
	matchLedgerHeadings,
	readLedgerRow,
	reconcile,
	type FlaggedLine,
	type LedgerField,
	type LedgerLineInput
} from '$lib/domain/recharges';

export interface LedgerReadOptions {
	delimiter?: Delimiter;
	sheet?: string;
	/** The partner's choice of what each column holds; otherwise (or when it does not fit the file) the guess. */
	mapping?: (LedgerField | null)[];
}

export interface LedgerYear {
	financialYear: string;
	lineCount: number;
	totalPence: number;
	/** What the partner already holds of that year, which this extract would replace. */
	held: { lineCount: number; fileName: string; uploadedAt: string } | null;
}

export interface LedgerPreview extends UploadPreview {
	/** What each column holds, as the preview's mapping form shows it and its commit posts it back. */
	columns: (LedgerField | null)[];
	/** A needed field with no column, or a field given by two: nothing is read until they are answered. */
	mappingProblems: string[];
	ignored: string[];
	lineCount: number;
	problems: RowProblem[];
	years: LedgerYear[];
	/** Lines taken but flagged: another partner's cost centre, a code not known, a year with no recharges. */
	flagged: FlaggedLine[];
	/** SHA-256 of every line and problem: the commit goes ahead only if it reads exactly this. */
	planHash: string;
}

export type Planned = LedgerPreview & { lines: LedgerLineInput[] };

function readUpload(bytes: Uint8Array, options: LedgerReadOptions): Promise<UploadText> {
	return uploadChecker().readText(
		bytes,
		{ delimiter: options.delimiter, sheet: options.sheet, maxBytes: importMaxBytes() },
		false
	);
}

/** Reads and checks every row of the file, and what it would replace, through `ex`. */
export async function planLedger(
	ex: Executor,
	sharedId: number,
	partnerId: number,
	file: { id: number; fileName: string; sha256: string; bytes: Uint8Array },
	options: LedgerReadOptions
): Promise<Planned> {
	const read = await readUpload(file.bytes, options);
	const base = {
		uploadId: file.id,
		fileName: file.fileName,
		sha256: file.sha256,
		columns: [] as (LedgerField | null)[],
		mappingProblems: [] as string[],
		ignored: [] as string[],
		lineCount: 0,
		problems: [] as RowProblem[],
		years: [] as LedgerYear[],
		flagged: [] as FlaggedLine[],
		planHash: '',
		lines: [] as LedgerLineInput[],
		...(read.workbook && { workbook: read.workbook })
	};
	if (!read.decoded)
		return { ...base, encoding: 'utf-8', delimiter: ',', headings: [], fileProblem: read.reason };
	if (!('text' in read))
		return {
			...base,
			encoding: read.encoding,
			delimiter: read.delimiter,
			headings: [],
			fileProblem: read.head.reason
		};
	const { headings } = read.head;
	const shape = {
		...base,
		encoding: read.encoding,
		delimiter: read.delimiter,
		headings,
		...headingPlace(read.head)
	};
	const matched = matchLedgerHeadings(headings, options.mapping);
	const { columns, ignored } = matched;
	if (matched.problems.length > 0)
		return { ...shape, columns, ignored, mappingProblems: matched.problems, fileProblem: null };
	const lines: LedgerLineInput[] = [];
	const problems: RowProblem[] = [];
	const parsed = await parseCsvInSlices(
		read.text,
		read.delimiter,
		async (slice) => {
			for (const r of slice.rows) {
				const result = readLedgerRow(r.row, r.cells, columns, headings);
				if (result.ok) lines.push(result.line);
				else problems.push(...result.problems);
			}
			problems.push(...slice.ragged.map((r) => r.problem));
			await letOthersRun();
		},
		{ shape: read.head.shape }
	);
	if (!parsed.ok) return { ...shape, columns, ignored, fileProblem: parsed.reason };
	problems.sort((a, b) => a.row - b.row);
	const years = await yearsOf(ex, sharedId, partnerId, lines);
	const hash = createHash('sha256');
	if (read.workbook) hash.update(JSON.stringify(['sheet', read.workbook.sheet]));
	hash.update(JSON.stringify(columns));
	hash.update(JSON.stringify(lines));
	hash.update(JSON.stringify(problems));
	// What it replaces is part of what the partner confirmed.
	hash.update(JSON.stringify(years.map((y) => [y.financialYear, y.held])));
	return {
		...shape,
		columns,
		ignored,
		fileProblem:
			lines.length === 0 && problems.length === 0 ? 'The file has no ledger lines' : null,
		lineCount: lines.length,
		problems,
		years,
		flagged: await flagsOf(ex, sharedId, partnerId, lines),
		planHash: hash.digest('hex'),
		lines
	};
}

/** The plan's years, each with its lines, total and what of it the partner holds already. */
export async function yearsOf(
	ex: Executor,
	sharedId: number,
	partnerId: number,
	lines: readonly LedgerLineInput[]
): Promise<LedgerYear[]> {
	const byYear = new Map<string, { lineCount: number; totalPence: number }>();
	for (const l of lines) {
		const y = byYear.get(l.financialYear) ?? { lineCount: 0, totalPence: 0 };
		y.lineCount += 1;
		y.totalPence += l.amountPence;
		byYear.set(l.financialYear, y);
	}
	const held = new Map(
		(await ledger.heldYears(ex, sharedId, partnerId, [...byYear.keys()])).map((h) => [
			h.financialYear,
			{ lineCount: Number(h.lineCount), fileName: h.fileName, uploadedAt: h.uploadedAt }
		])
	);
	return [...byYear]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([financialYear, y]) => ({ financialYear, ...y, held: held.get(financialYear) ?? null }));
}

/** The lines a partner will see flagged on its reconciliation, worked out as the reconciliation does. */
async function flagsOf(
	ex: Executor,
	sharedId: number,
	partnerId: number,
	lines: readonly LedgerLineInput[]
): Promise<FlaggedLine[]> {
	const [centres, years] = await Promise.all([
		costCentres.listCostCentres(ex, sharedId),
		recharges.totalsByPartnerYear(ex, sharedId)
	]);
	const recharged = years
		.filter((t) => t.partnerOrganisationId === partnerId)
		.map((t) => ({
			costLineId: 0,
			description: '',
			costCentreId: null,
			financialYear: t.financialYear,
			spendType: t.spendType,
			amountPence: t.amountPence
		}));
	const found = reconcile({
		partnerOrganisationId: partnerId,
		recharged,
		ledger: lines.map((l) => ({ ...l, id: 0, fileName: '' })),
		centres,
		tolerancePence: 0,
		viewer: 'partner'
	});
	return [...found.misposted, ...found.unknownCodes, ...found.unknownYears].sort(
		(a, b) => a.row - b.row
	);
}
