/**
 * Importing cost lines from a spreadsheet (the /costs.csv export, edited, or a council's own file):
 * the upload is kept as a systems import keeps it, previewed with every rejected row and its reasons,
 * the words not understood (mapped by the officer and remembered for the organisation, in the same
 * store as the systems import's) and the names not found, then committed: planned again and staged outside the write lock, refused if the plan is not the one
 * previewed, then written with the pre-aggregated totals and an audit row per line by one short
 * write transaction, all or nothing.
 */
import { bulkRead, db, transaction } from '../db/database';
import { letOthersRun } from '../db/bulk';
import * as imports from '../repos/imports';
import * as costLineCsv from '../repos/cost-line-csv';
import * as importStage from '../repos/import-stage';
import { recordAudit } from '../repos/audit';
import { rejectedRowsOf, type RejectedRow } from '$lib/domain/csv/parse';
import type { CostImportCounts } from '$lib/domain/csv/cost-lines';
import { valueMappingToSave, type UnknownValue } from '$lib/domain/csv/value-mapping';
import * as choices from '../repos/import-choices';
import type { Executor } from '../db';
import type { Actor } from './actor';
import { discardAbandonedRuns, ImportAbandoned } from './import-writes';
import { copyStagedCostLines, CostLineStager } from './cost-import-writes';

export { uploadFile, importMaxBytes, type UploadResult } from './import-upload';
import {
	planRead,
	planUpload,
	readUpload,
	withoutChanges,
	type CostImportOptions,
	type CostImportPreview
} from './cost-import-plan';

export type { CostImportOptions, CostImportPreview } from './cost-import-plan';

export async function previewCostUpload(
	actor: Actor,
	uploadId: number,
	options: CostImportOptions = {}
): Promise<CostImportPreview | null> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	return upload
		? withoutChanges(await planUpload(db(), actor.organisationId, upload, options))
		: null;
}

export type CostCommitResult =
	| { ok: true; counts: CostImportCounts }
	| { ok: false; reason: 'not-found' }
	| { ok: false; reason: 'not-ready' | 'changed'; preview: CostImportPreview };

/** Lines staged per short write transaction: one slice's staging holds the write lock for milliseconds. */
const STAGE_SLICE = 1_000;

/**
 * Applies the upload. The plan is decided again on the bulk reader, outside any write transaction,
 * and goes ahead only if it is exactly the plan the officer saw (`seenPlanHash`); its lines are then
 * staged a slice at a time (services/cost-import-writes.ts). One write transaction checks that
 * nothing the plan relied on changed since planning began (a line it updates, a system or workstream
 * it adds lines to, a funding source it names) and copies the staged lines in, moving the kept totals
 * (cost_total, cost_funding_total) and auditing each line and the import as a whole. Otherwise, or
 * if anything fails, nothing is written.
 */
export async function commitCostUpload(
	actor: Actor,
	uploadId: number,
	options: CostImportOptions,
	seenPlanHash: string
): Promise<CostCommitResult> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	if (!upload) return { ok: false, reason: 'not-found' };
	await discardAbandonedRuns(db());
	const stager = await CostLineStager.start(actor.organisationId, upload.id);
	try {
		const planStarted = performance.now();
		const { watermark, plan } = await bulkRead(async (ex) => {
			// Read first: any change audited after this is one the plan may not have seen.
			const watermark = await importStage.auditWatermark(ex);
			const plan = await planUpload(ex, actor.organisationId, upload, options);
			if (plan.fileProblem || plan.planHash !== seenPlanHash) return { watermark, plan };
			for (let i = 0; i < plan.changes.length; i += STAGE_SLICE) {
				const slice = plan.changes.slice(i, i + STAGE_SLICE);
				const updated = slice.flatMap((c) => (c.kind === 'update' ? [c.id] : []));
				const current = new Map(
					(await costLineCsv.linesByIds(ex, actor.organisationId, updated)).map((l) => [l.id, l])
				);
				await stager.add(slice, current);
				await letOthersRun();
			}
			return { watermark, plan };
		});
		if (plan.fileProblem) return { ok: false, reason: 'not-ready', preview: withoutChanges(plan) };
		if (plan.planHash !== seenPlanHash) {
			// The same upload posted twice: the first commit changed what this one plans, and deleted the upload.
			if (!(await imports.uploadExists(db(), actor.organisationId, uploadId)))
				return { ok: false, reason: 'not-found' };
			return { ok: false, reason: 'changed', preview: withoutChanges(plan) };
		}
		const planMs = performance.now() - planStarted;
		let writeStarted = 0;
		await transaction(async (tx) => {
			writeStarted = performance.now();
			// Committed meanwhile (the same upload posted twice), or discarded: found missing when shown again.
			if (!(await imports.uploadExists(tx, actor.organisationId, uploadId)))
				throw new ImportAbandoned('changed');
			await copyStagedCostLines(
				tx,
				actor,
				stager,
				watermark,
				`Cost line import ${upload.id} of ${upload.fileName}`
			);
			await recordAudit(tx, actor, {
				entity: 'import',
				entityId: upload.id,
				action: 'import',
				after: {
					kind: 'cost lines',
					fileName: upload.fileName,
					sha256: upload.sha256,
					encoding: plan.encoding,
					delimiter: plan.delimiter,
					...plan.counts
				}
			});
			await rememberValueMapping(tx, actor.organisationId, plan.values);
			await imports.deleteUpload(tx, actor.organisationId, uploadId);
		});
		// For the operator: what an import costs, and how long other writes waited for it.
		console.log(
			`Cost line import ${uploadId}: ${plan.counts.create + plan.counts.update} lines written; planned and staged in ${Math.round(planMs)} ms, then the write lock was held ${Math.round(performance.now() - writeStarted)} ms`
		);
		return { ok: true, counts: plan.counts };
	} catch (error) {
		if (!(error instanceof ImportAbandoned)) throw error;
		const preview = await previewCostUpload(actor, uploadId, options);
		return preview
			? { ok: false, reason: error.reason, preview }
			: { ok: false, reason: 'not-found' };
	} finally {
		await stager.discard();
	}
}

/**
 * In the commit's transaction: remembers how this file's words were read, in the organisation's
 * remembered answers (import_value_mapping, which the systems import reads too), keeping its other answers.
 */
async function rememberValueMapping(
	tx: Executor,
	organisationId: number,
	used: readonly UnknownValue[]
): Promise<void> {
	if (used.length === 0) return;
	await choices.saveChoices(tx, organisationId, valueMappingToSave(used));
}

/** The rejected rows as they were in the file, each with its reasons, for the officer to fix and upload again. */
export async function rejectedCostRows(
	actor: Actor,
	uploadId: number,
	options: CostImportOptions = {}
): Promise<{ headings: string[]; rows: RejectedRow[] } | null> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	if (!upload) return null;
	const read = await readUpload(upload, options);
	const preview = await planRead(db(), actor.organisationId, upload, read, options);
	return {
		headings: preview.headings,
		rows: await rejectedRowsOf(
			'text' in read ? read.text : null,
			preview.delimiter,
			preview.problems,
			letOthersRun
		)
	};
}
