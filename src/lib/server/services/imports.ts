/**
 * Importing systems, their workstream links and review outcomes from a council's spreadsheet:
 * upload, preview exactly what will happen, then commit every planned change in one transaction
 * (nothing is written if anything fails), audited per system and as a whole with the file's name,
 * SHA-256 and counts. The checks that grow with the file (decoding, the limits, hashing) run on a
 * worker thread (../upload-check); the plan reads the file a slice at a time, letting others run between.
 */
import { bulkRead, db, transaction } from '../db/database';
import { collectGarbageSoon } from './memory';
import { letOthersRun } from '../db/bulk';
import * as imports from '../repos/imports';
import { recordAudit } from '../repos/audit';
import { rejectedRowsOf, type RejectedRow } from '$lib/domain/csv/parse';
import { valueMappingToSave } from '$lib/domain/csv/value-mapping';
import type { ReferenceNames } from '$lib/domain/csv/reference-names';
import { nameChoicesToSave } from '$lib/domain/csv/name-choices';
import * as choices from '../repos/import-choices';
import { createNewNames } from './import-names';
import type { ImportCounts } from '$lib/domain/csv/plan';
import { describeUpdate, updateCsvRows } from '$lib/domain/csv/update-diff';
import { agreedCounts, updateNames } from './import-updates';
import type { Actor } from './actor';
import {
	copyStaged,
	discardAbandonedRuns,
	ImportAbandoned,
	ImportStager,
	type StageContext
} from './import-writes';
import * as importStage from '../repos/import-stage';
import {
	headingsKey,
	planPreview,
	planUpload,
	readUpload,
	type Preview,
	type PreviewOptions
} from './import-plan';

export { importMaxBytes, uploadFile, type UploadResult } from './import-upload';
export type { Preview, PreviewOptions } from './import-plan';

export async function previewUpload(
	actor: Actor,
	uploadId: number,
	options: PreviewOptions = {}
): Promise<Preview | null> {
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
	| {
			ok: true;
			counts: ImportCounts;
			/** Rows left out because they would supersede an agreed review (no tick). */ leftOut: number;
	  }
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
export async function commitUpload(
	actor: Actor,
	uploadId: number,
	options: PreviewOptions,
	seenPlanHash: string
): Promise<CommitResult> {
	try {
		return await commitPlan(actor, uploadId, options, seenPlanHash);
	} finally {
		collectGarbageSoon();
	}
}

async function commitPlan(
	actor: Actor,
	uploadId: number,
	options: PreviewOptions,
	seenPlanHash: string
): Promise<CommitResult> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	if (!upload) return { ok: false, reason: 'not-found' };
	await discardAbandonedRuns(db());
	// The plan's names, those it creates included (as placeholders), are the ones staged: filled in when planning begins.
	const stageContext: { -readonly [K in keyof StageContext]: StageContext[K] } = {
		workstreamIds: new Map(),
		directorateNames: new Map()
	};
	const stager = await ImportStager.start(actor.organisationId, upload.id, stageContext);
	try {
		const planStarted = performance.now();
		const read = await readUpload(upload, options);
		const { watermark, preview } = await bulkRead(async (ex) => {
			// Read first: any change to the systems audited after this is one the plan may not have seen.
			const watermark = await importStage.auditWatermark(ex);
			const publish = (names: ReferenceNames) =>
				Object.assign(stageContext, {
					workstreamIds: names.workstreamIds,
					directorateNames: names.directorateNames
				});
			return {
				watermark,
				preview: await planUpload(
					ex,
					actor,
					upload,
					read,
					options,
					(changes) => stager.add(changes),
					publish
				)
			};
		});
		if (preview.fileProblem || preview.mappingProblems.length > 0)
			return { ok: false, reason: 'not-ready', preview };
		if (preview.planHash !== seenPlanHash) {
			// The same upload posted twice: the first commit changed what this one plans, and deleted the upload.
			if (!(await imports.uploadExists(db(), actor.organisationId, uploadId)))
				return { ok: false, reason: 'not-found' };
			return { ok: false, reason: 'changed', preview };
		}
		const planMs = performance.now() - planStarted;
		let writeStarted = 0;
		const { counts } = preview.plan;
		await transaction(async (tx) => {
			writeStarted = performance.now();
			// Committed meanwhile (the same upload posted twice), or discarded: found missing when shown again.
			if (!(await imports.getUpload(tx, actor.organisationId, uploadId)))
				throw new ImportAbandoned('changed');
			await createNewNames(
				tx,
				actor,
				stager.runId,
				preview.created,
				`Import ${upload.id} of ${upload.fileName}`
			);
			await copyStaged(
				tx,
				actor,
				stager,
				watermark,
				upload.fileName,
				`Import ${upload.id} of ${upload.fileName}`
			);
			await recordAudit(tx, actor, {
				entity: 'import',
				entityId: upload.id,
				action: 'import',
				after: {
					fileName: upload.fileName,
					sha256: upload.sha256,
					encoding: preview.encoding,
					delimiter: preview.delimiter,
					...counts,
					...agreedCounts(preview.plan.agreed)
				}
			});
			await imports.saveMapping(
				tx,
				actor.organisationId,
				headingsKey(preview.headings),
				JSON.stringify(preview.mapping)
			);
			await choices.saveChoices(tx, actor.organisationId, [
				...valueMappingToSave(preview.values),
				...nameChoicesToSave(preview.names)
			]);
			await imports.deleteUpload(tx, actor.organisationId, uploadId);
		});
		// For the operator: what an import costs, and how long other writes waited for it.
		console.log(
			`Import ${uploadId}: ${counts.create + counts.update} systems written; planned and staged in ${Math.round(planMs)} ms, then the write lock was held ${Math.round(performance.now() - writeStarted)} ms`
		);
		return {
			ok: true,
			counts,
			leftOut: preview.plan.agreed.replace ? 0 : preview.plan.agreed.total
		};
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
export async function updatedSystemsCsv(
	actor: Actor,
	uploadId: number,
	options: PreviewOptions = {}
): Promise<((emit: UpdateLinesSink) => Promise<void>) | null> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	if (!upload) return null;
	return async (emit) => {
		const read = await readUpload(upload, options);
		await bulkRead(async (ex) => {
			const fieldNames = await updateNames(ex, actor.organisationId);
			// A new directorate or service area an update moves a system to is named as the import will create it.
			let planned: ReferenceNames | undefined;
			await planUpload(
				ex,
				actor,
				upload,
				read,
				options,
				async (changes) => {
					const lines: (string | number)[][] = [];
					for (const c of changes)
						if (c.kind === 'update')
							lines.push(
								...updateCsvRows(
									describeUpdate(c, planned?.withNewNames(fieldNames) ?? fieldNames, true)
								)
							);
					if (lines.length > 0) emit(lines);
				},
				(names) => (planned = names)
			);
		});
	};
}

/** The rejected rows as they were in the file, each with its reasons, for the officer to fix and upload again. */
export async function rejectedRows(
	actor: Actor,
	uploadId: number,
	options: PreviewOptions = {}
): Promise<{ headings: string[]; rows: RejectedRow[] } | null> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	if (!upload) return null;
	const read = await readUpload(upload, options);
	const preview = await planPreview(actor, upload, read, options);
	return {
		headings: preview.headings,
		rows: await rejectedRowsOf(
			'text' in read ? read.text : null,
			preview.delimiter,
			preview.plan.problems,
			letOthersRun
		)
	};
}
