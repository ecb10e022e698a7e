/**
 * Importing systems, their workstream links and review outcomes from a council's spreadsheet:
 * upload, preview exactly what will happen, then commit every planned change in one transaction
 * (nothing is written if anything fails), audited per system and as a whole with the file's name,
 * SHA-256 and counts. The checks that grow with the file (decoding, the limits, hashing) run on a
 * worker thread (../upload-check); the plan reads the file a slice at a time, letting others run between.
 */
import { createHash } from 'node:crypto';
import { bulkRead, db, transaction } from '../database';
import { collectGarbageSoon } from '../memory';
import { letOthersRun } from '../db/bulk';
import * as imports from '../repos/imports';
import { recordAudit } from '../repos/audit';
import type { Encoding } from '$lib/domain/csv/decode';
import type { Delimiter } from '$lib/domain/csv/delimiter';
import { guessMapping, isImportField, mappingProblems, normaliseHeading, type Mapping } from '$lib/domain/csv/mapping';
import { parseCsvInSlices, rejectedRowsOf, type RejectedRow } from '$lib/domain/csv/parse';
import { mayMove } from '../uploaded-file';
import { uploadChecker, type UploadText, type WorkbookInfo } from '../upload-check';
import { rowReader, type ImportContext, type ImportRow } from '$lib/domain/csv/rows';
import { valueKey, valueMappingOf, valueMappingToSave, VALUE_MAPPING_LIMIT, VALUE_SETS, type UnknownValue, type ValueMapping } from '$lib/domain/csv/value-mapping';
import { choicesFromRows, NAME_SETS, type ExistingNames, type NameChoices, type NewRecord, type ReferenceNames, type UnknownName } from '$lib/domain/csv/reference-names';
import { nameChoicesToSave, rememberedNameChoices, withRemembered } from '$lib/domain/csv/name-choices';
import { NewSystemValues, type MissingColumn, type WholeImportValues } from '$lib/domain/csv/missing-columns';
import * as choices from '../repos/import-choices';
import { createNewNames, referenceNames } from './import-names';
import { ImportPlanner, type ExistingSystem, type ImportCounts, type ImportPlan, type PlannedChange } from '$lib/domain/csv/plan';
import { todayInUk } from '$lib/domain/dates';
import { describeUpdate, updateCsvRows, UPDATES_SHOWN, type UpdatedSystem } from '$lib/domain/csv/update-diff';
import { agreedCounts, updateNames } from './import-updates';
import type { Executor } from '../db';
import type { Actor } from './actor';
import { copyStaged, discardAbandonedRuns, ImportAbandoned, ImportStager, type StageContext } from './import-writes';
import * as importStage from '../repos/import-stage';
import { isDatabaseServerUrl, SERVER_LARGEST_VALUE_BYTES } from '../db/server-check';

/** The largest file accepted, in bytes (IMPORT_MAX_BYTES, default 20 MB; at most 4 MB on a database server: db/server-check.ts). */
export function importMaxBytes(): number {
	const configured = Number(process.env.IMPORT_MAX_BYTES);
	const limit = Number.isFinite(configured) && configured > 0 ? configured : 20 * 1024 * 1024;
	return isDatabaseServerUrl() ? Math.min(limit, SERVER_LARGEST_VALUE_BYTES) : limit;
}

export type UploadResult = { ok: true; uploadId: number } | { ok: false; reason: string };

/**
 * Keeps the file for preview, after the checks that need no mapping: size, encoding, the limits on
 * columns, rows and cells (src/lib/domain/csv/limits.ts), CSV shape. A file refused is not kept.
 * Used by both import routes (systems and cost lines). The file's text and rows are made and
 * dropped on the worker, not in this heap: no collection is needed after (a full one holds the
 * event loop for a tenth of a second).
 */
export async function uploadFile(actor: Actor & { userId: number }, fileName: string, bytes: Uint8Array): Promise<UploadResult> {
	if (bytes.length > importMaxBytes()) return { ok: false, reason: `The file is larger than ${Math.round(importMaxBytes() / 1024 / 1024)} MB` };
	// A file read from the form is moved to the worker and back; the caller's own bytes are copied.
	const checked = await uploadChecker().check(bytes, mayMove(bytes), { maxBytes: importMaxBytes() });
	if (!checked.ok) return checked;
	const kept = checked.bytes;
	const uploadId = await transaction(async (tx) => {
		await imports.deleteStaleUploads(tx, new Date(Date.now() - 24 * 3_600_000).toISOString());
		return imports.saveUpload(tx, { organisationId: actor.organisationId, userId: actor.userId, fileName: fileName.slice(0, 255), sha256: checked.sha256, bytes: Buffer.from(kept.buffer, kept.byteOffset, kept.byteLength) });
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
	/** The counts and every rejected row; the changes themselves are not kept. */
	plan: Omit<ImportPlan, 'changes'>;
	/** SHA-256 of every planned change and the value mapping: the commit goes ahead only if it plans exactly this. */
	planHash: string;
	/** Each distinct value the file uses that is not known out of the box, with how many rows use it and its mapping. */
	values: UnknownValue[];
	/** Each directorate, service area and workstream the file names that the organisation does not have, and the officer's answer. */
	names: UnknownName[];
	/** What the organisation has, for the answers' choices (empty when no name is listed). */
	existingNames: ExistingNames;
	/** The records the commit creates. */
	created: NewRecord[];
	/** Required columns the file lacks that new systems need, and the value chosen for every new system. */
	missing: MissingColumn[];
	/** The first UPDATES_SHOWN existing systems the import changes, each field before and after (plan.counts.update has how many). */
	updates: UpdatedSystem[];
	/** An Excel workbook's sheets and the one read. */
	workbook?: WorkbookInfo;
}


export interface PreviewOptions {
	delimiter?: Delimiter;
	/** An Excel workbook's sheet, by name. */
	sheet?: string;
	/** The officer's corrections; otherwise the saved mapping for these headings, else the guess. */
	mapping?: Mapping;
	/** The officer's mapping of unrecognised values; otherwise the organisation's saved one. */
	values?: ValueMapping;
	/** The officer's answers for names the organisation does not have, over its remembered ones. */
	names?: NameChoices;
	/** Values for every new system, for required columns the file lacks. */
	newSystemValues?: WholeImportValues;
	/** The officer ticked 'Replace the agreed reviews listed above' (commit only: the preview shows them left out). */
	replaceAgreed?: boolean;
}

/** What reading rows needs of the organisation: its names, with those the file names that it does not have, as the officer answered. */
async function importContext(ex: Executor, organisationId: number, chosen: NameChoices): Promise<{ context: ImportContext; names: ReferenceNames; existing: ExistingNames }> {
	const { names, existing } = await referenceNames(ex, organisationId, chosen);
	return {
		context: {
			directorates: new Map(existing.directorates.map((d) => [d.name.toLowerCase(), d.id])),
			serviceAreas: new Map(existing.serviceAreas.map((a) => [a.name.toLowerCase(), a.id])),
			directorateIds: names.directorateIds,
			serviceAreaDirectorate: names.serviceAreaDirectorate,
			names
		},
		names,
		existing
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

/** Receives each slice's planned changes, in file order (the commit stages them). */
type ChangeSink = (changes: PlannedChange[]) => Promise<void>;

/**
 * The upload's text, encoding, delimiter and head (its structure checked against the limits, and its
 * headings), read on the upload-check worker. Its bytes are moved there: `upload` is this request's own.
 */
function readUpload(upload: imports.ImportUpload, options: PreviewOptions): Promise<UploadText> {
	return uploadChecker().readText(upload.bytes, { delimiter: options.delimiter, sheet: options.sheet, maxBytes: importMaxBytes(), size: PLAN_SLICE_BYTES }, true);
}

/**
 * Decides everything an import of this upload would do, reading through `ex` (the bulk reader), a
 * slice of the file at a time: each slice's rows are read, matched, planned, added to the plan's
 * fingerprint and handed to `sink`, then dropped, so memory does not grow with the file.
 */
async function planUpload(ex: Executor, actor: Actor, upload: imports.ImportUpload, read: UploadText, options: PreviewOptions, sink?: ChangeSink, publish?: (names: ReferenceNames) => void): Promise<Preview> {
	const empty: Preview['plan'] = { problems: [], counts: { create: 0, update: 0, unchanged: 0, rejected: 0, reviews: 0, links: 0 }, warnings: { shown: [], total: 0 }, agreed: { shown: [], total: 0, replace: false } };
	const base = { uploadId: upload.id, fileName: upload.fileName, sha256: upload.sha256, plan: empty, planHash: '', values: [] as UnknownValue[], updates: [] as UpdatedSystem[], names: [], existingNames: { directorates: [], serviceAreas: [], workstreams: [] }, created: [], missing: [], ...(read.workbook && { workbook: read.workbook }) };
	if (!read.decoded) return { ...base, encoding: 'utf-8', delimiter: ',', headings: [], mapping: [], mappingProblems: [], fileProblem: read.reason };
	const shape = { ...base, encoding: read.encoding, delimiter: read.delimiter };
	// A file stored before a limit existed, or read with another delimiter, is refused (by the read), before any parsing.
	if (!('text' in read)) return { ...shape, headings: [], mapping: [], mappingProblems: [], fileProblem: read.head.reason };
	const { delimiter, head, text } = read;
	const { headings } = head;
	const mapping = await resolveMapping(ex, actor.organisationId, headings, options.mapping);
	const problemsWithMapping = mappingProblems(mapping);
	if (problemsWithMapping.length > 0) return { ...shape, headings, mapping, mappingProblems: problemsWithMapping, fileProblem: null };

	const saved = await choices.listSavedChoices(ex, actor.organisationId, [...VALUE_SETS, ...NAME_SETS]);
	const { context, names, existing } = await importContext(ex, actor.organisationId, withRemembered(rememberedNameChoices(saved), options.names));
	publish?.(names);
	const newSystemValues = new NewSystemValues(mapping, options.newSystemValues ?? {});
	const planner = new ImportPlanner([], names.findWorkstream, { today: todayInUk(), source: upload.fileName, newSystemValues, replaceAgreed: options.replaceAgreed });
	await addExistingKeys(ex, actor.organisationId, planner);
	const fieldNames = await updateNames(ex, actor.organisationId);
	const updates: UpdatedSystem[] = [];
	const valueMapping = options.values ?? valueMappingOf(saved);
	const values = new Map<string, UnknownValue & { lastRow: number }>();
	let currentRow = 0;
	const readRow = rowReader(mapping, context, valueMapping, (set, text, mapped) => {
		const key = valueKey(set, text);
		const known = values.get(key);
		if (known && known.lastRow !== currentRow) known.rows++;
		if (known) known.lastRow = currentRow;
		else if (values.size < VALUE_MAPPING_LIMIT) values.set(key, { set, key, text, rows: 1, mapped, lastRow: currentRow });
	});
	const hash = createHash('sha256');
	// A workbook's sheet is part of what the officer saw: another sheet with the same rows is another plan.
	if (read.workbook) hash.update(JSON.stringify(['sheet', read.workbook.sheet]));
	const parsed = await parseCsvInSlices(text, delimiter, async (slice) => {
		planner.reject(slice.ragged.map((r) => r.problem));
		const rows: ImportRow[] = [];
		for (const { row, cells } of slice.rows) {
			currentRow = row;
			const result = readRow(cells, row);
			if (result.ok) rows.push(result.row);
			else planner.reject(result.problems);
		}
		const loaded = await loadMatched(ex, actor.organisationId, planner.matchIds(rows));
		const changes: PlannedChange[] = [];
		for (const r of rows) {
			names.currentRow = r.row;
			const change = planner.add(r, loaded);
			if (!change) continue;
			// A row left out for its agreed review is covered too (and the review it supersedes), so the fingerprint does not depend on the tick.
			hash.update(JSON.stringify([change.row, change.kind, change.systemId, change.version, change.changed.length > 0 || change.kind === 'create' ? names.stableInput(change.input) : null, change.link, change.review, change.review ? change.previousReview : null]));
			if (change.leftOut) continue;
			changes.push(change);
			names.markUsed(change.input.directorateId, change.input.serviceAreaId, [...change.link, ...(change.review?.outcomes.flatMap((o) => o.workstream ?? []) ?? [])]);
			if (change.kind === 'update' && updates.length < UPDATES_SHOWN) updates.push(describeUpdate(change, names.withNewNames(fieldNames)));
		}
		if (sink) await sink(changes);
		await letOthersRun();
	}, { shape: head.shape });
	if (!parsed.ok) return { ...shape, headings, mapping, mappingProblems: [], fileProblem: parsed.reason };
	const plan = planner.finish();
	hash.update(JSON.stringify(plan.problems));
	// Most used first, so the values that reject most rows are mapped first.
	const unknown = [...values.values()].map(({ lastRow: _, ...v }) => v).sort((a, b) => b.rows - a.rows || a.key.localeCompare(b.key));
	// The fingerprint covers how each of the file's own values was read, whichever way the mapping came (form or saved).
	hash.update(JSON.stringify(unknown.map((v) => [v.key, v.mapped ?? null])));
	// And every name created or mapped, and every value given to all new systems.
	hash.update(JSON.stringify([names.fingerprint(), newSystemValues.fingerprint()]));
	const listed = names.list();
	const nameChoices = { names: listed, existingNames: listed.length > 0 ? existing : base.existingNames, created: names.newRecords(), missing: newSystemValues.list(plan.counts.rejected > 0) };
	return { ...shape, headings, mapping, mappingProblems: [], fileProblem: null, plan, planHash: hash.digest('hex'), values: unknown, updates, ...nameChoices };
}

/**
 * The preview's plan. A new service area takes the directorate every row naming it agrees on, which
 * is known only once the whole file is read: when the first plan finds such agreement, the file is
 * planned again with it (the preview's forms then carry it, so a commit plans once).
 */
async function planPreview(actor: Actor, upload: imports.ImportUpload, read: UploadText, options: PreviewOptions): Promise<Preview> {
	const first = await bulkRead((ex) => planUpload(ex, actor, upload, read, options));
	const agreed = choicesFromRows(first.names);
	return agreed ? bulkRead((ex) => planUpload(ex, actor, upload, read, { ...options, names: agreed })) : first;
}

export async function previewUpload(actor: Actor, uploadId: number, options: PreviewOptions = {}): Promise<Preview | null> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	if (!upload) return null;
	const read = await readUpload(upload, options);
	try {
		// The diff reads every system's keys and the matched systems: on a connection that keeps few pages.
		return await planPreview(actor, upload, read, options);
	} finally {
		// Only a file that was read through (its text came back) left garbage here worth a collection.
		if ('text' in read) collectGarbageSoon();
	}
}

export type CommitResult =
	| { ok: true; counts: ImportCounts; /** Rows left out because they would supersede an agreed review (no tick). */ leftOut: number }
	| { ok: false; reason: 'not-found' }
	| { ok: false; reason: 'not-ready'; preview: Preview }
	/** The data changed between preview and commit: the officer must look again. */
	| { ok: false; reason: 'changed'; preview: Preview };

/**
 * Applies the upload. The plan is decided again, a slice at a time on the bulk reader as the
 * preview decides it, outside any write transaction; each slice's changes are staged as they are
 * decided (services/import-writes.ts). Only if the whole plan is exactly the one the officer saw
 * (`seenPlanHash`) does one write transaction check that no system changed since planning began and
 * copy the staged changes in: systems, links, reviews and an audit row per change. Otherwise, or if
 * anything fails, nothing is written: nothing is half-imported.
 */
export async function commitUpload(actor: Actor, uploadId: number, options: PreviewOptions, seenPlanHash: string): Promise<CommitResult> {
	try {
		return await commitPlan(actor, uploadId, options, seenPlanHash);
	} finally {
		collectGarbageSoon();
	}
}


async function commitPlan(actor: Actor, uploadId: number, options: PreviewOptions, seenPlanHash: string): Promise<CommitResult> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	if (!upload) return { ok: false, reason: 'not-found' };
	await discardAbandonedRuns(db());
	// The plan's names, those it creates included (as placeholders), are the ones staged: filled in when planning begins.
	const stageContext: { -readonly [K in keyof StageContext]: StageContext[K] } = { workstreamIds: new Map(), directorateNames: new Map() };
	const stager = await ImportStager.start(actor.organisationId, upload.id, stageContext);
	try {
		const planStarted = performance.now();
		const read = await readUpload(upload, options);
		const { watermark, preview } = await bulkRead(async (ex) => {
			// Read first: any change to the systems audited after this is one the plan may not have seen.
			const watermark = await importStage.auditWatermark(ex);
			const publish = (names: ReferenceNames) => Object.assign(stageContext, { workstreamIds: names.workstreamIds, directorateNames: names.directorateNames });
			return { watermark, preview: await planUpload(ex, actor, upload, read, options, (changes) => stager.add(changes), publish) };
		});
		if (preview.fileProblem || preview.mappingProblems.length > 0) return { ok: false, reason: 'not-ready', preview };
		if (preview.planHash !== seenPlanHash) {
			// The same upload posted twice: the first commit changed what this one plans, and deleted the upload.
			if (!(await imports.uploadExists(db(), actor.organisationId, uploadId))) return { ok: false, reason: 'not-found' };
			return { ok: false, reason: 'changed', preview };
		}
		const planMs = performance.now() - planStarted;
		let writeStarted = 0;
		const { counts } = preview.plan;
		await transaction(async (tx) => {
			writeStarted = performance.now();
			// Committed meanwhile (the same upload posted twice), or discarded: found missing when shown again.
			if (!(await imports.getUpload(tx, actor.organisationId, uploadId))) throw new ImportAbandoned('changed');
			await createNewNames(tx, actor, stager.runId, preview.created, `Import ${upload.id} of ${upload.fileName}`);
			await copyStaged(tx, actor, stager, watermark, upload.fileName, `Import ${upload.id} of ${upload.fileName}`);
			await recordAudit(tx, actor, {
				entity: 'import',
				entityId: upload.id,
				action: 'import',
				after: { fileName: upload.fileName, sha256: upload.sha256, encoding: preview.encoding, delimiter: preview.delimiter, ...counts, ...agreedCounts(preview.plan.agreed) }
			});
			await imports.saveMapping(tx, actor.organisationId, headingsKey(preview.headings), JSON.stringify(preview.mapping));
			await choices.saveChoices(tx, actor.organisationId, [...valueMappingToSave(preview.values), ...nameChoicesToSave(preview.names)]);
			await imports.deleteUpload(tx, actor.organisationId, uploadId);
		});
		// For the operator: what an import costs, and how long other writes waited for it.
		console.log(`Import ${uploadId}: ${counts.create + counts.update} systems written; planned and staged in ${Math.round(planMs)} ms, then the write lock was held ${Math.round(performance.now() - writeStarted)} ms`);
		return { ok: true, counts, leftOut: preview.plan.agreed.replace ? 0 : preview.plan.agreed.total };
	} catch (error) {
		if (!(error instanceof ImportAbandoned)) throw error;
		const preview = await previewUpload(actor, uploadId, options);
		if (!preview) return { ok: false, reason: 'not-found' };
		return { ok: false, reason: error.reason, preview };
	} finally {
		await stager.discard();
	}
}

/** Receives lines of the updates download as they are made. */
export type UpdateLinesSink = (lines: (string | number)[][]) => void;

/**
 * Every update the import would make, one line per field with its whole before and after, for the
 * download: null when the upload is not the organisation's, else a run that hands each slice's lines
 * to `emit` as the file is planned, so they are never all held at once. The run reads the upload's
 * bytes once (they are moved to the upload-check worker): one run per download.
 */
export async function updatedSystemsCsv(actor: Actor, uploadId: number, options: PreviewOptions = {}): Promise<((emit: UpdateLinesSink) => Promise<void>) | null> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	if (!upload) return null;
	return async (emit) => {
		const read = await readUpload(upload, options);
		await bulkRead(async (ex) => {
			const fieldNames = await updateNames(ex, actor.organisationId);
			// A new directorate or service area an update moves a system to is named as the import will create it.
			let planned: ReferenceNames | undefined;
			await planUpload(ex, actor, upload, read, options, async (changes) => {
				const lines: (string | number)[][] = [];
				for (const c of changes) if (c.kind === 'update') lines.push(...updateCsvRows(describeUpdate(c, planned?.withNewNames(fieldNames) ?? fieldNames, true)));
				if (lines.length > 0) emit(lines);
			}, (names) => (planned = names));
		});
	};
}

/** The rejected rows as they were in the file, each with its reasons, for the officer to fix and upload again. */
export async function rejectedRows(actor: Actor, uploadId: number, options: PreviewOptions = {}): Promise<{ headings: string[]; rows: RejectedRow[] } | null> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	if (!upload) return null;
	const read = await readUpload(upload, options);
	const preview = await planPreview(actor, upload, read, options);
	return { headings: preview.headings, rows: await rejectedRowsOf('text' in read ? read.text : null, preview.delimiter, preview.plan.problems, letOthersRun) };
}
