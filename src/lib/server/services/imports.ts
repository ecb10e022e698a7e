/**
 * Importing systems, their workstream links and review outcomes from a council's spreadsheet:
 * upload, preview exactly what will happen, then commit every planned change in one transaction
 * (nothing is written if anything fails), audited per system and as a whole with the file's name,
 * SHA-256 and counts. A large file is read a slice at a time, letting other requests run between.
 */
import { createHash } from 'node:crypto';
import { bulkRead, db, transaction } from '../database';
import { collectGarbageSoon } from '../memory';
import { letOthersRun } from '../db/bulk';
import * as imports from '../repos/imports';
import * as workstreams from '../repos/workstreams';
import * as organisations from '../repos/organisations';
import { recordAudit } from '../repos/audit';
import { decodeCsvBytes, type Encoding } from '$lib/domain/csv/decode';
import { detectDelimiter, type Delimiter } from '$lib/domain/csv/delimiter';
import { guessMapping, isImportField, mappingProblems, normaliseHeading, type Mapping } from '$lib/domain/csv/mapping';
import { parseCsvInSlices, readCsvHead, rejectedRowsOf, type RejectedRow } from '$lib/domain/csv/parse';
import { rowReader, type ImportContext, type ImportRow } from '$lib/domain/csv/rows';
import { ImportPlanner, type ExistingSystem, type ImportCounts, type ImportPlan, type PlannedChange } from '$lib/domain/csv/plan';
import { todayInUk } from '$lib/domain/dates';
import type { Executor } from '../db';
import type { Actor } from './actor';
import { applyChanges, ImportAbandoned } from './import-writes';

/** The largest file accepted, in bytes (IMPORT_MAX_BYTES, default 20 MB). */
export function importMaxBytes(): number {
	const configured = Number(process.env.IMPORT_MAX_BYTES);
	return Number.isFinite(configured) && configured > 0 ? configured : 20 * 1024 * 1024;
}

export type UploadResult = { ok: true; uploadId: number } | { ok: false; reason: string };

/**
 * Keeps the file for preview, after the checks that need no mapping: size, encoding, the limits on
 * columns, rows and cells (src/lib/domain/csv/limits.ts), CSV shape. A file refused is not kept.
 * Used by both import routes (systems and cost lines).
 */
export async function uploadFile(actor: Actor & { userId: number }, fileName: string, bytes: Uint8Array): Promise<UploadResult> {
	try {
		return await checkAndSaveUpload(actor, fileName, bytes);
	} finally {
		collectGarbageSoon();
	}
}

async function checkAndSaveUpload(actor: Actor & { userId: number }, fileName: string, bytes: Uint8Array): Promise<UploadResult> {
	if (bytes.length > importMaxBytes()) return { ok: false, reason: `The file is larger than ${Math.round(importMaxBytes() / 1024 / 1024)} MB` };
	const decoded = await decodeCsvBytes(bytes, letOthersRun);
	if (!decoded.ok) return decoded;
	const parsed = await parseCsvInSlices(decoded.text, detectDelimiter(decoded.text), letOthersRun, { between: letOthersRun });
	if (!parsed.ok) return parsed;
	const sha256 = await sha256Of(bytes);
	const uploadId = await transaction(async (tx) => {
		await imports.deleteStaleUploads(tx, new Date(Date.now() - 24 * 3_600_000).toISOString());
		return imports.saveUpload(tx, { organisationId: actor.organisationId, userId: actor.userId, fileName: fileName.slice(0, 255), sha256, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
	});
	return { ok: true, uploadId };
}

/** Bytes hashed per turn of the event loop: hashing 20 MB at once holds it for tens of milliseconds. */
const HASH_CHUNK = 1 << 20;

async function sha256Of(bytes: Uint8Array): Promise<string> {
	const hash = createHash('sha256');
	for (let i = 0; i < bytes.length; i += HASH_CHUNK) {
		hash.update(bytes.subarray(i, i + HASH_CHUNK));
		await letOthersRun();
	}
	return hash.digest('hex');
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
	/** The counts and every rejected row; the changes themselves are not kept. */
	plan: Omit<ImportPlan, 'changes'>;
	/** SHA-256 of every planned change: the commit goes ahead only if it plans exactly this. */
	planHash: string;
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

async function resolveMapping(ex: Executor, organisationId: number, headings: string[], given: Mapping | undefined): Promise<Mapping> {
	if (given && given.length === headings.length) return given;
	const saved = await imports.getSavedMapping(ex, organisationId, headingsKey(headings));
	const fromSaved = saved ? (JSON.parse(saved) as unknown[]) : null;
	return fromSaved && fromSaved.length === headings.length ? fromSaved.map((f) => (isImportField(f) ? f : null)) : guessMapping(headings);
}

/** Gives the planner every existing system's id, name and reference, a page at a time, letting others run between pages. */
async function addExistingKeys(ex: Executor, organisationId: number, planner: ImportPlanner): Promise<void> {
	for (let page = await imports.existingKeys(ex, organisationId); page.length > 0; page = await imports.existingKeys(ex, organisationId, page[page.length - 1]!.id)) {
		planner.addExisting(page);
		await letOthersRun();
	}
}

/** The file is planned 128 KB (some 600 rows) at a time: one slice's planning is one turn of the event loop. */
const PLAN_SLICE_BYTES = 1 << 17;

/** Matched systems loaded per query: small enough that one query holds the event loop for milliseconds, not tenths of a second. */
const LOAD_CHUNK = 250;

/** The existing systems these ids name, loaded a chunk at a time, letting others run between chunks. */
async function loadMatched(ex: Executor, organisationId: number, ids: readonly number[]): Promise<Map<number, ExistingSystem>> {
	const loaded = new Map<number, ExistingSystem>();
	for (let i = 0; i < ids.length; i += LOAD_CHUNK) {
		for (const s of await imports.existingByIds(ex, organisationId, ids.slice(i, i + LOAD_CHUNK))) loaded.set(s.id, s);
		await letOthersRun();
	}
	return loaded;
}

/** Receives each slice's planned changes, in file order (the commit writes them). */
type ChangeSink = (changes: PlannedChange[]) => Promise<void>;

/**
 * Decides everything an import of this upload would do, reading through `ex` (a transaction when
 * committing), a slice of the file at a time: each slice's rows are read, matched, planned, added
 * to the plan's fingerprint and handed to `sink`, then dropped, so memory does not grow with the file.
 */
async function planUpload(ex: Executor, actor: Actor, upload: imports.ImportUpload, options: PreviewOptions, sink?: ChangeSink): Promise<Preview> {
	const decoded = await decodeCsvBytes(upload.bytes, letOthersRun);
	const empty: Preview['plan'] = { problems: [], counts: { create: 0, update: 0, unchanged: 0, rejected: 0, reviews: 0, links: 0 } };
	const base = { uploadId: upload.id, fileName: upload.fileName, sha256: upload.sha256, plan: empty, planHash: '' };
	if (!decoded.ok) return { ...base, encoding: 'utf-8', delimiter: ',', headings: [], mapping: [], mappingProblems: [], fileProblem: decoded.reason };
	const delimiter = options.delimiter ?? detectDelimiter(decoded.text);
	const shape = { ...base, encoding: decoded.encoding, delimiter };
	// A file stored before a limit existed, or read with another delimiter, is refused here, before any parsing.
	const head = await readCsvHead(decoded.text, delimiter, { size: PLAN_SLICE_BYTES, between: letOthersRun });
	if (!head.ok) return { ...shape, headings: [], mapping: [], mappingProblems: [], fileProblem: head.reason };
	const { headings } = head;
	const mapping = await resolveMapping(ex, actor.organisationId, headings, options.mapping);
	const problemsWithMapping = mappingProblems(mapping);
	if (problemsWithMapping.length > 0) return { ...shape, headings, mapping, mappingProblems: problemsWithMapping, fileProblem: null };

	const { context, workstreamNames } = await importContext(ex, actor.organisationId);
	const planner = new ImportPlanner([], workstreamNames, { today: todayInUk(), source: upload.fileName });
	await addExistingKeys(ex, actor.organisationId, planner);
	const read = rowReader(mapping, context);
	const hash = createHash('sha256');
	const parsed = await parseCsvInSlices(decoded.text, delimiter, async (slice) => {
		planner.reject(slice.ragged.map((r) => r.problem));
		const rows: ImportRow[] = [];
		for (const { row, cells } of slice.rows) {
			const result = read(cells, row);
			if (result.ok) rows.push(result.row);
			else planner.reject(result.problems);
		}
		const loaded = await loadMatched(ex, actor.organisationId, planner.matchIds(rows));
		const changes: PlannedChange[] = [];
		for (const r of rows) {
			const change = planner.add(r, loaded);
			if (!change) continue;
			changes.push(change);
			hash.update(JSON.stringify([change.row, change.kind, change.systemId, change.version, change.changed.length > 0 || change.kind === 'create' ? change.input : null, change.link, change.review]));
		}
		if (sink) await sink(changes);
		await letOthersRun();
	}, { shape: head.shape });
	if (!parsed.ok) return { ...shape, headings, mapping, mappingProblems: [], fileProblem: parsed.reason };
	const plan = planner.finish();
	hash.update(JSON.stringify(plan.problems));
	return { ...shape, headings, mapping, mappingProblems: [], fileProblem: null, plan, planHash: hash.digest('hex') };
}

export async function previewUpload(actor: Actor, uploadId: number, options: PreviewOptions = {}): Promise<Preview | null> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	try {
		// The diff reads every system's keys and the matched systems: on a connection that keeps few pages.
		return upload ? await bulkRead((ex) => planUpload(ex, actor, upload, options)) : null;
	} finally {
		collectGarbageSoon();
	}
}

export type CommitResult =
	| { ok: true; counts: ImportCounts }
	| { ok: false; reason: 'not-found' }
	| { ok: false; reason: 'not-ready'; preview: Preview }
	/** The data changed between preview and commit: the officer must look again. */
	| { ok: false; reason: 'changed'; preview: Preview };

/**
 * Applies the upload. The plan is decided again inside the transaction, a slice at a time, and
 * each slice's changes are written as they are decided: systems, links, reviews and an audit row
 * per change. If the whole plan turns out not to be exactly the one the officer saw (`seenPlanHash`),
 * or the file cannot be read to its end, everything is rolled back: nothing is half-imported.
 */
export async function commitUpload(actor: Actor, uploadId: number, options: PreviewOptions, seenPlanHash: string): Promise<CommitResult> {
	try {
		return await commitPlan(actor, uploadId, options, seenPlanHash);
	} finally {
		collectGarbageSoon();
	}
}

async function commitPlan(actor: Actor, uploadId: number, options: PreviewOptions, seenPlanHash: string): Promise<CommitResult> {
	try {
		return await transaction(async (tx): Promise<CommitResult> => {
			const upload = await imports.getUpload(tx, actor.organisationId, uploadId);
			if (!upload) return { ok: false, reason: 'not-found' };
			const workstreamIds = new Map((await workstreams.listWorkstreams(tx, actor.organisationId)).map((w) => [w.name, w.id]));
			const detail = `Import ${upload.id} of ${upload.fileName}`;
			const preview = await planUpload(tx, actor, upload, options, (changes) => applyChanges(tx, actor, changes, workstreamIds, detail, upload.fileName));
			if (preview.fileProblem || preview.mappingProblems.length > 0) throw new ImportAbandoned('not-ready');
			if (preview.planHash !== seenPlanHash) throw new ImportAbandoned('changed');
			const { counts } = preview.plan;
			await recordAudit(tx, actor, {
				entity: 'import',
				entityId: upload.id,
				action: 'import',
				after: { fileName: upload.fileName, sha256: upload.sha256, encoding: preview.encoding, delimiter: preview.delimiter, ...counts }
			});
			await imports.saveMapping(tx, actor.organisationId, headingsKey(preview.headings), JSON.stringify(preview.mapping));
			await imports.deleteUpload(tx, actor.organisationId, uploadId);
			return { ok: true, counts };
		});
	} catch (error) {
		if (!(error instanceof ImportAbandoned)) throw error;
		const preview = await previewUpload(actor, uploadId, options);
		if (!preview) return { ok: false, reason: 'not-found' };
		return error.reason === 'changed' ? { ok: false, reason: 'changed', preview } : { ok: false, reason: 'not-ready', preview };
	}
}

/** The rejected rows as they were in the file, each with its reasons, for the officer to fix and upload again. */
export async function rejectedRows(actor: Actor, uploadId: number, options: PreviewOptions = {}): Promise<{ headings: string[]; rows: RejectedRow[] } | null> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	if (!upload) return null;
	const preview = await bulkRead((ex) => planUpload(ex, actor, upload, options));
	const decoded = await decodeCsvBytes(upload.bytes, letOthersRun);
	return { headings: preview.headings, rows: await rejectedRowsOf(decoded.ok ? decoded.text : null, preview.delimiter, preview.plan.problems, letOthersRun) };
}
