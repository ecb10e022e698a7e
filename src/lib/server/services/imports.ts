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
import type { ReferenceNames } from '$lib/domain/csv/reference-names';
import * as choices from '../repos/import-choices';
import { createNewNames } from './import-names';
import type { ImportCounts } from '$lib/domain/csv/plan';
import { describeUpdate, updateCsvRows } from '$lib/domain/csv/update-diff';
import { agreedCounts, updateNames } from './import-updates';
import type { Actor } from './actor';
import { copyStaged, discardAbandonedRuns, ImportAbandoned } from './import-writes';
import {
	claimStagedPlan,
	planAndStage,
	planSummary,
	stagedPreview,
	type ClaimedPlan
} from './import-staged-plan';
import { planPreview, planUpload, type Preview, type PreviewOptions } from './import-plan';
import { readUpload } from './import-plan-reads';

export { importMaxBytes, uploadFile, type UploadResult } from './import-upload';
export type { Preview, PreviewOptions } from './import-plan';

/**
 * The preview of an upload with these answers. Its plan's changes are staged as it is made, and kept
 * for the commit (./import-staged-plan.ts), so that committing exactly this plan does not plan again.
 */
export async function previewUpload(
	actor: Actor,
	uploadId: number,
	options: PreviewOptions = {}
): Promise<Preview | null> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	if (!upload) return null;
	const read = await readUpload(upload, options);
	try {
		await discardAbandonedRuns(db());
		return await stagedPreview(actor, upload, read, options);
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
			/** The preview's staged plan could not be used because something changed after it: the file was planned again (to the same plan). */
			replanned: boolean;
			/** Written as the preview staged it, without planning again. */
			fromPreview: boolean;
	  }
	| { ok: false; reason: 'not-found' }
	| { ok: false; reason: 'not-ready'; preview: Preview }
	/** The data changed between preview and commit: the officer must look again. */
	| { ok: false; reason: 'changed'; preview: Preview };

/**
 * Applies the upload. When the preview's staged plan is exactly the one the officer saw
 * (`seenPlanHash`), made from these answers, it is written as staged; if anything it read changed
 * since, the file is planned again, a slice at a time on the bulk reader as the preview plans it,
 * and staged afresh. Only if the plan is the one the officer saw does one write transaction check
 * that no system it relies on changed since planning began and copy the staged changes in: systems,
 * links, reviews and an audit row per change. Otherwise, or if anything fails, nothing is written:
 * nothing is half-imported.
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
	// Not its bytes: writing the staged plan never reads the file (they are read only to plan again).
	const upload = await imports.getUploadInfo(db(), actor.organisationId, uploadId);
	if (!upload) return { ok: false, reason: 'not-found' };
	await discardAbandonedRuns(db());
	let replanned = false;
	try {
		const claimed = await claimStagedPlan(actor, uploadId, seenPlanHash, options);
		if (claimed === 'stale') replanned = true;
		else if (claimed) {
			try {
				const written = await writePlan(actor, upload, claimed);
				return { ok: true, replanned, fromPreview: true, ...written };
			} catch (error) {
				// Something the preview's plan relied on changed since: plan again, which shows the change.
				if (!(error instanceof ImportAbandoned)) throw error;
				replanned = true;
			} finally {
				await claimed.run.discard();
			}
		}
		return await planAndWrite(actor, upload, options, seenPlanHash, replanned);
	} catch (error) {
		if (!(error instanceof ImportAbandoned)) throw error;
		// Not staged: the page that shows it previews (and stages) again.
		const again = await imports.getUpload(db(), actor.organisationId, uploadId);
		if (!again) return { ok: false, reason: 'not-found' };
		const preview = await planPreview(actor, again, await readUpload(again, options), options);
		return { ok: false, reason: error.reason, preview };
	}
}

/** The commit's safe path: plans the file again, stages it, and writes it if it is the plan the officer saw. */
async function planAndWrite(
	actor: Actor,
	uploadInfo: imports.ImportUploadInfo,
	options: PreviewOptions,
	seenPlanHash: string,
	replanned: boolean
): Promise<CommitResult> {
	const planStarted = performance.now();
	const upload = await imports.getUpload(db(), actor.organisationId, uploadInfo.id);
	if (!upload) return { ok: false, reason: 'not-found' };
	const read = await readUpload(upload, options);
	const { run, watermark, preview } = await planAndStage(actor, upload, read, options);
	try {
		if (preview.fileProblem || preview.mappingProblems.length > 0)
			return { ok: false, reason: 'not-ready', preview };
		if (preview.planHash !== seenPlanHash) {
			// The same upload posted twice: the first commit changed what this one plans, and deleted the upload.
			if (!(await imports.uploadExists(db(), actor.organisationId, upload.id)))
				return { ok: false, reason: 'not-found' };
			return { ok: false, reason: 'changed', preview };
		}
		const written = await writePlan(
			actor,
			upload,
			{ run, watermark, summary: planSummary(preview) },
			performance.now() - planStarted,
			preview.plan.agreed.replace
		);
		return { ok: true, replanned, fromPreview: false, ...written };
	} finally {
		await run.discard();
	}
}

/**
 * One write transaction: creates the new names, copies the staged changes (abandoned as 'changed'
 * if anything they rely on changed after the plan's watermark), records the import's audit row and
 * remembers the mappings, and deletes the upload.
 */
async function writePlan(
	actor: Actor,
	upload: imports.ImportUploadInfo,
	{ run, watermark, summary }: ClaimedPlan,
	planMs = 0,
	replaceAgreed = false
): Promise<{ counts: ImportCounts; leftOut: number }> {
	let writeStarted = 0;
	const { counts } = summary;
	const detail = `Import ${upload.id} of ${upload.fileName}`;
	await transaction(async (tx) => {
		writeStarted = performance.now();
		// Committed meanwhile (the same upload posted twice), or discarded: found missing when shown again.
		if (!(await imports.uploadExists(tx, actor.organisationId, upload.id)))
			throw new ImportAbandoned('changed');
		await createNewNames(tx, actor, run.runId, summary.created, detail);
		await copyStaged(tx, actor, run, watermark, upload.fileName, detail);
		await recordAudit(tx, actor, {
			entity: 'import',
			entityId: upload.id,
			action: 'import',
			after: {
				fileName: upload.fileName,
				sha256: upload.sha256,
				encoding: summary.encoding,
				delimiter: summary.delimiter,
				...counts,
				...agreedCounts({ total: summary.agreedTotal, replace: replaceAgreed, shown: [] })
			}
		});
		await imports.saveMapping(
			tx,
			actor.organisationId,
			summary.headingsKey,
			JSON.stringify(summary.mapping)
		);
		await choices.saveChoices(tx, actor.organisationId, summary.choices);
		await imports.deleteUpload(tx, actor.organisationId, upload.id);
	});
	// For the operator: what an import costs, and how long other writes waited for it.
	console.log(
		`Import ${upload.id}: ${counts.create + counts.update} systems written; ${planMs > 0 ? `planned and staged in ${Math.round(planMs)} ms` : 'as staged by its preview'}, then the write lock was held ${Math.round(performance.now() - writeStarted)} ms`
	);
	return { counts, leftOut: replaceAgreed ? 0 : summary.agreedTotal };
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
