/**
 * A partner's ledger extract, imported as the cost-line import imports a file: kept on upload after
 * the upload checks, previewed with every rejected row and all its reasons, then committed all or
 * nothing, and only if the file still plans exactly as previewed. An extract replaces the partner's
 * lines of the years it covers, and only once the partner has confirmed it; the import is audited
 * in the partner's trail and the shared service's.
 */
import { createHash } from 'node:crypto';
import { db, transaction } from '../db/database';
import { letOthersRun } from '../db/bulk';
import * as imports from '../repos/imports';
import * as ledger from '../repos/ledger';
import * as costCentres from '../repos/partner-cost-centres';
import * as recharges from '../repos/recharges';
import { recordAudit } from '../repos/audit';
import { uploadChecker, type UploadText } from './upload-check';
import { importMaxBytes, type UploadPreview } from './import-upload';
import type { Actor } from './actor';
import type { Executor } from '../db';
import { parseCsvInSlices } from '$lib/domain/csv/parse';
import type { Delimiter } from '$lib/domain/csv/delimiter';
import type { RowProblem } from '$lib/domain/csv/rows';
import {
	matchLedgerHeadings,
	readLedgerRow,
	reconcile,
	type FlaggedLine,
	type LedgerLineInput
} from '$lib/domain/recharges';

export interface LedgerReadOptions {
	delimiter?: Delimiter;
	sheet?: string;
}

export interface LedgerYear {
	financialYear: string;
	lineCount: number;
	totalPence: number;
	/** What the partner already holds of that year, which this extract would replace. */
	held: { lineCount: number; fileName: string; uploadedAt: string } | null;
}

export interface LedgerPreview extends UploadPreview {
	ignored: string[];
	lineCount: number;
	problems: RowProblem[];
	years: LedgerYear[];
	/** Lines taken but flagged: another partner's cost centre, a code not known, a year with no recharges. */
	flagged: FlaggedLine[];
	/** SHA-256 of every line and problem: the commit goes ahead only if it reads exactly this. */
	planHash: string;
}

type Planned = LedgerPreview & { lines: LedgerLineInput[] };

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
	const shape = { ...base, encoding: read.encoding, delimiter: read.delimiter, headings };
	const matched = matchLedgerHeadings(headings);
	if (matched.problem) return { ...shape, ignored: matched.ignored, fileProblem: matched.problem };
	const lines: LedgerLineInput[] = [];
	const problems: RowProblem[] = [];
	const parsed = await parseCsvInSlices(
		read.text,
		read.delimiter,
		async (slice) => {
			for (const r of slice.rows) {
				const result = readLedgerRow(r.row, r.cells, matched.columns, headings);
				if (result.ok) lines.push(result.line);
				else problems.push(...result.problems);
			}
			problems.push(...slice.ragged.map((r) => r.problem));
			await letOthersRun();
		},
		{ shape: read.head.shape }
	);
	if (!parsed.ok) return { ...shape, ignored: matched.ignored, fileProblem: parsed.reason };
	problems.sort((a, b) => a.row - b.row);
	const years = await yearsOf(ex, sharedId, partnerId, lines);
	const hash = createHash('sha256');
	if (read.workbook) hash.update(JSON.stringify(['sheet', read.workbook.sheet]));
	hash.update(JSON.stringify(lines));
	hash.update(JSON.stringify(problems));
	// What it replaces is part of what the partner confirmed.
	hash.update(JSON.stringify(years.map((y) => [y.financialYear, y.held])));
	return {
		...shape,
		ignored: matched.ignored,
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

async function yearsOf(
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

/** The preview of the partner's upload, or null when the upload is not the caller's (or gone). */
export async function previewLedger(
	actor: Actor,
	sharedId: number,
	uploadId: number,
	options: LedgerReadOptions
): Promise<LedgerPreview | null> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	if (!upload) return null;
	const { lines: _lines, ...preview } = await planLedger(
		db(),
		sharedId,
		actor.organisationId,
		{ ...upload, bytes: new Uint8Array(upload.bytes) },
		options
	);
	return preview;
}

export type LedgerCommit =
	| { ok: true; extractId: number; lineCount: number; years: string[]; replaced: number }
	| { ok: false; reason: 'not-found' | 'not-ready' | 'changed' | 'confirm' };

/**
 * Writes the previewed extract, all or nothing: refused while any row has a problem, when the file
 * no longer plans as previewed, or when it replaces lines the partner has not confirmed replacing.
 */
export async function commitLedger(
	actor: Actor,
	sharedId: number,
	uploadId: number,
	options: LedgerReadOptions,
	seenPlanHash: string,
	confirmedReplace: boolean
): Promise<LedgerCommit> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	if (!upload) return { ok: false, reason: 'not-found' };
	// Read and checked outside the write lock (the file is read on the upload-check worker).
	const plan = await planLedger(
		db(),
		sharedId,
		actor.organisationId,
		{ ...upload, bytes: new Uint8Array(upload.bytes) },
		options
	);
	if (plan.planHash !== seenPlanHash) return { ok: false, reason: 'changed' };
	return transaction(async (tx) => {
		// Posted twice: the first commit deleted the upload.
		if (!(await imports.uploadExists(tx, actor.organisationId, uploadId)))
			return { ok: false, reason: 'not-found' };
		const result = await writeLedger(tx, actor, sharedId, plan, confirmedReplace);
		if (result.ok) await imports.deleteUpload(tx, actor.organisationId, uploadId);
		return result;
	});
}

const countLines = (n: number) => `${n} ${n === 1 ? 'line' : 'lines'}`;

/** Replaces the partner's lines of the plan's years with the plan's lines, audited in both trails. */
export async function writeLedger(
	tx: Executor,
	actor: Actor,
	sharedId: number,
	plan: Planned,
	confirmedReplace: boolean
): Promise<LedgerCommit> {
	if (plan.fileProblem || plan.problems.length > 0) return { ok: false, reason: 'not-ready' };
	if (plan.years.some((y) => y.held) && !confirmedReplace) return { ok: false, reason: 'confirm' };
	const partnerId = actor.organisationId;
	const years = plan.years.map((y) => y.financialYear);
	// Another extract of these years committed since the preview: what this replaces is not what was confirmed.
	const heldNow = await yearsOf(tx, sharedId, partnerId, plan.lines);
	if (JSON.stringify(heldNow.map((y) => y.held)) !== JSON.stringify(plan.years.map((y) => y.held)))
		return { ok: false, reason: 'changed' };
	const replaced = await ledger.deleteLinesOfYears(tx, sharedId, partnerId, years);
	const extract = await ledger.insertExtract(tx, {
		organisationId: sharedId,
		partnerOrganisationId: partnerId,
		fileName: plan.fileName.slice(0, 255),
		sha256: plan.sha256,
		financialYears: years.join(','),
		lineCount: plan.lines.length,
		uploadedBy: actor.displayName
	});
	await ledger.insertLines(tx, extract, plan.lines);
	const entry = {
		entity: 'ledger_extract',
		entityId: extract.id,
		action: replaced > 0 ? 'replace' : 'import',
		after: { fileName: extract.fileName, sha256: extract.sha256, years, lines: plan.lines.length },
		detail: `Ledger extract ${extract.fileName}: ${countLines(plan.lines.length)} of ${years.join(', ')}${
			replaced > 0 ? `, replacing ${countLines(replaced)} held before` : ''
		}`
	};
	await recordAudit(tx, actor, entry);
	await recordAudit(tx, actor, entry, sharedId);
	return { ok: true, extractId: extract.id, lineCount: plan.lines.length, years, replaced };
}

/** Imports a file in one step when it has no problems (the demo loader; scripts). */
export async function importLedgerFile(
	actor: Actor,
	sharedId: number,
	fileName: string,
	bytes: Uint8Array,
	confirmedReplace = false
): Promise<LedgerCommit & { preview?: LedgerPreview }> {
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const plan = await planLedger(
		db(),
		sharedId,
		actor.organisationId,
		{ id: 0, fileName, sha256, bytes },
		{}
	);
	const result = await transaction((tx) =>
		writeLedger(tx, actor, sharedId, plan, confirmedReplace)
	);
	const { lines: _lines, ...preview } = plan;
	return { ...result, preview };
}
