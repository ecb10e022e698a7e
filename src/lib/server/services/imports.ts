/**
 * Importing systems from a council's spreadsheet: upload, preview exactly what will happen, then
 * commit every planned change in one transaction (nothing is written if anything fails), audited
 * with the file's name, SHA-256 and counts.
 */
import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import { db, transaction } from '../database';
import * as imports from '../repos/imports';
import * as systems from '../repos/systems';
import * as workstreams from '../repos/workstreams';
import * as organisations from '../repos/organisations';
import { recordAudit } from '../repos/audit';
import { decodeCsvBytes, type Encoding } from '$lib/domain/csv/decode';
import { detectDelimiter, type Delimiter } from '$lib/domain/csv/delimiter';
import { guessMapping, isImportField, mappingProblems, normaliseHeading, type Mapping } from '$lib/domain/csv/mapping';
import { parseCsvText } from '$lib/domain/csv/parse';
import { readRow, type ImportContext, type ImportRow, type RowProblem } from '$lib/domain/csv/rows';
import { planImport, type ImportPlan } from '$lib/domain/csv/plan';
import type { Executor } from '../db';
import type { Actor } from './actor';

/** The largest file accepted, in bytes (IMPORT_MAX_BYTES, default 20 MB). */
export function importMaxBytes(): number {
	const configured = Number(process.env.IMPORT_MAX_BYTES);
	return Number.isFinite(configured) && configured > 0 ? configured : 20 * 1024 * 1024;
}

export type UploadResult = { ok: true; uploadId: number } | { ok: false; reason: string };

/** Keeps the file for preview, after the checks that need no mapping: size, encoding, CSV shape. */
export async function uploadFile(actor: Actor & { userId: number }, fileName: string, bytes: Uint8Array): Promise<UploadResult> {
	if (bytes.length > importMaxBytes()) return { ok: false, reason: `The file is larger than ${Math.round(importMaxBytes() / 1024 / 1024)} MB` };
	const decoded = decodeCsvBytes(bytes);
	if (!decoded.ok) return decoded;
	const parsed = parseCsvText(decoded.text, detectDelimiter(decoded.text));
	if (!parsed.ok) return parsed;
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const uploadId = await transaction(async (tx) => {
		await imports.deleteStaleUploads(tx, new Date(Date.now() - 24 * 3_600_000).toISOString());
		return imports.saveUpload(tx, { organisationId: actor.organisationId, userId: actor.userId, fileName: fileName.slice(0, 255), sha256, bytes: Buffer.from(bytes) });
	});
	return { ok: true, uploadId };
}

export interface Preview {
	uploadId: number;
	fileName: string;
	sha256: string;
	encoding: Encoding;
	delimiter: Delimiter;
	headings: string[];
	mapping: Mapping;
	mappingProblems: string[];
	/** A problem with the whole file (it can then not be imported at all). */
	fileProblem: string | null;
	plan: ImportPlan;
}

export interface PreviewOptions {
	delimiter?: Delimiter;
	/** The officer's corrections; otherwise the saved mapping for these headings, else the guess. */
	mapping?: Mapping;
}

async function importContext(ex: Executor, organisationId: number): Promise<{ context: ImportContext; workstreamNames: Map<string, string> }> {
	const [formContext, list] = await Promise.all([organisations.systemFormContext(ex, organisationId), workstreams.listWorkstreams(ex, organisationId)]);
	return {
		context: {
			directorates: new Map(formContext.directorates.map((d) => [d.name.toLowerCase(), d.id])),
			serviceAreas: new Map(formContext.serviceAreas.map((a) => [a.name.toLowerCase(), a.id])),
			directorateIds: formContext.directorateIds,
			serviceAreaDirectorate: formContext.serviceAreaDirectorate
		},
		workstreamNames: new Map(list.map((w) => [w.name.toLowerCase(), w.name]))
	};
}

const headingsKey = (headings: readonly string[]) => headings.map(normaliseHeading).join('|');

/** Decides everything an import of this upload would do, reading through `ex` (a transaction when committing). */
async function buildPreview(ex: Executor, actor: Actor, upload: imports.ImportUpload, options: PreviewOptions): Promise<Preview> {
	const decoded = decodeCsvBytes(new Uint8Array(upload.bytes));
	const empty: ImportPlan = { changes: [], problems: [], counts: { create: 0, update: 0, unchanged: 0, rejected: 0 } };
	const base = { uploadId: upload.id, fileName: upload.fileName, sha256: upload.sha256 };
	if (!decoded.ok) return { ...base, encoding: 'utf-8', delimiter: ',', headings: [], mapping: [], mappingProblems: [], fileProblem: decoded.reason, plan: empty };
	const delimiter = options.delimiter ?? detectDelimiter(decoded.text);
	const parsed = parseCsvText(decoded.text, delimiter);
	if (!parsed.ok) return { ...base, encoding: decoded.encoding, delimiter, headings: [], mapping: [], mappingProblems: [], fileProblem: parsed.reason, plan: empty };
	const { headings } = parsed.file;
	let mapping = options.mapping;
	if (!mapping || mapping.length !== headings.length) {
		const saved = await imports.getSavedMapping(ex, actor.organisationId, headingsKey(headings));
		const fromSaved = saved ? (JSON.parse(saved) as unknown[]) : null;
		mapping = fromSaved && fromSaved.length === headings.length ? fromSaved.map((f) => (isImportField(f) ? f : null)) : guessMapping(headings);
	}
	const problemsWithMapping = mappingProblems(mapping);
	if (problemsWithMapping.length > 0) {
		return { ...base, encoding: decoded.encoding, delimiter, headings, mapping, mappingProblems: problemsWithMapping, fileProblem: null, plan: empty };
	}
	const { context, workstreamNames } = await importContext(ex, actor.organisationId);
	const rows: ImportRow[] = [];
	const problems: RowProblem[] = [...parsed.file.ragged];
	for (const { row, cells } of parsed.file.rows) {
		const read = readRow(cells, row, mapping, context);
		if (read.ok) rows.push(read.row);
		else problems.push(...read.problems);
	}
	const plan = planImport(rows, await imports.existingForImport(ex, actor.organisationId), workstreamNames, problems);
	return { ...base, encoding: decoded.encoding, delimiter, headings, mapping, mappingProblems: [], fileProblem: null, plan };
}

export async function previewUpload(actor: Actor, uploadId: number, options: PreviewOptions = {}): Promise<Preview | null> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	return upload ? buildPreview(db(), actor, upload, options) : null;
}

export type CommitResult =
	| { ok: true; counts: ImportPlan['counts'] }
	| { ok: false; reason: 'not-found' }
	| { ok: false; reason: 'not-ready'; preview: Preview }
	/** The data changed between preview and commit: the officer must look again. */
	| { ok: false; reason: 'changed'; preview: Preview };

const BATCH = 500;

/**
 * Applies the upload: the plan is decided again inside the transaction and must match the counts the
 * officer saw. Creates, updates and links all happen in that one transaction, with one audit row.
 */
export async function commitUpload(actor: Actor, uploadId: number, options: PreviewOptions, seen: ImportPlan['counts']): Promise<CommitResult> {
	return transaction(async (tx): Promise<CommitResult> => {
		const upload = await imports.getUpload(tx, actor.organisationId, uploadId);
		if (!upload) return { ok: false, reason: 'not-found' };
		const preview = await buildPreview(tx, actor, upload, options);
		if (preview.fileProblem || preview.mappingProblems.length > 0) return { ok: false, reason: 'not-ready', preview };
		const { counts, changes } = preview.plan;
		if (counts.create !== seen.create || counts.update !== seen.update || counts.unchanged !== seen.unchanged || counts.rejected !== seen.rejected) {
			return { ok: false, reason: 'changed', preview };
		}
		const workstreamIds = new Map((await workstreams.listWorkstreams(tx, actor.organisationId)).map((w) => [w.name, w.id]));
		const creates = changes.filter((c) => c.kind === 'create');
		for (let i = 0; i < creates.length; i += BATCH) {
			const created = await systems.createSystems(tx, actor.organisationId, creates.slice(i, i + BATCH).map((c) => c.input));
			created.forEach((id, j) => (creates[i + j]!.systemId = id));
		}
		for (const change of changes.filter((c) => c.kind === 'update')) {
			const saved = await systems.updateSystem(tx, actor.organisationId, change.systemId!, change.version!, change.input);
			if (!saved) throw new Error(`system ${change.systemId} changed during the import`); // rolls the whole import back
		}
		const links = changes.flatMap((c) => c.link.map((name) => ({ systemId: c.systemId!, workstreamId: workstreamIds.get(name)! })));
		for (const link of links) await workstreams.ensureLinked(tx, actor.organisationId, link.workstreamId, link.systemId, 'Imported');
		await imports.saveMapping(tx, actor.organisationId, headingsKey(preview.headings), JSON.stringify(preview.mapping));
		await imports.deleteUpload(tx, actor.organisationId, uploadId);
		await recordAudit(tx, actor, {
			entity: 'import',
			entityId: uploadId,
			action: 'import',
			after: { fileName: upload.fileName, sha256: upload.sha256, encoding: preview.encoding, delimiter: preview.delimiter, ...counts, links: links.length }
		});
		return { ok: true, counts };
	});
}

/** The rejected rows as they were in the file, each with its reasons, for the officer to fix and upload again. */
export async function rejectedRows(actor: Actor, uploadId: number, options: PreviewOptions = {}): Promise<{ headings: string[]; rows: { row: number; reasons: string; cells: string[] }[] } | null> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	if (!upload) return null;
	const preview = await buildPreview(db(), actor, upload, options);
	const decoded = decodeCsvBytes(new Uint8Array(upload.bytes));
	if (!decoded.ok) return { headings: [], rows: [] };
	const all = Papa.parse<string[]>(decoded.text, { delimiter: preview.delimiter, dynamicTyping: false }).data;
	const reasons = new Map<number, string[]>();
	for (const p of preview.plan.problems) reasons.set(p.row, [...(reasons.get(p.row) ?? []), `${p.column}: ${p.reason}`]);
	return {
		headings: preview.headings,
		rows: [...reasons.entries()].map(([row, list]) => ({ row, reasons: list.join('; '), cells: all[row - 1] ?? [] }))
	};
}
