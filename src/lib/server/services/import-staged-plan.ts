/**
 * Planning a systems import and staging its changes (services/import-writes.ts) in one pass over the
 * file, for the preview and the commit alike. The preview keeps its staged run, marked with its
 * plan's SHA-256, so that a commit of exactly that plan writes it without planning the file again
 * (planning is about half of an import's time). The SHA-256 covers every change the plan stages
 * and how the officer's answers read the file (each value's mapping, each name's answer, the values
 * for every new system), so the answers a commit posts need not be spelt as the preview's URL was:
 * a commit whose answers would plan differently has another hash. The staged plan is used only on
 * the day it was made, and only while nothing it read has changed; otherwise the commit plans
 * again (the safe path).
 */
import { createHash } from 'node:crypto';
import { bulkRead, db, transaction } from '../db/database';
import * as importStage from '../repos/import-stage';
import * as stagePlans from '../repos/import-stage-plan';
import type * as imports from '../repos/imports';
import type { ImportCounts } from '$lib/domain/csv/plan';
import type { Mapping } from '$lib/domain/csv/mapping';
import { choicesFromRows, type NewRecord } from '$lib/domain/csv/reference-names';
import type { ReferenceNames } from '$lib/domain/csv/reference-names';
import { valueMappingToSave } from '$lib/domain/csv/value-mapping';
import { nameChoicesToSave } from '$lib/domain/csv/name-choices';
import { todayInUk } from '$lib/domain/dates';
import { previewSettings } from '$lib/domain/csv/preview-settings';
import { readSystemImportOptions } from '$lib/domain/csv/preview-options';
import type { Actor } from './actor';
import type { UploadText } from './upload-check';
import { discardRun, type StagedRun } from './import-writes';
import { ImportStager, type StageContext } from './import-stager';
import { planUpload, type Preview, type PreviewOptions } from './import-plan';
import { headingsKey } from './import-plan-reads';

/** What the commit records of its plan, besides the staged rows. */
export interface PlanSummary {
	counts: ImportCounts;
	/** Rows whose review would supersede an agreed one (left out unless the officer ticks). */
	agreedTotal: number;
	created: NewRecord[];
	encoding: string;
	delimiter: string;
	headingsKey: string;
	mapping: Mapping;
	/** The value and name mappings the commit remembers for the organisation. */
	choices: { set: string; key: string; value: string | null }[];
}

export function planSummary(preview: Preview): PlanSummary {
	return {
		counts: preview.plan.counts,
		agreedTotal: preview.plan.agreed.total,
		created: preview.created,
		encoding: preview.encoding,
		delimiter: preview.delimiter,
		headingsKey: headingsKey(preview.headings),
		mapping: preview.mapping,
		choices: [...valueMappingToSave(preview.values), ...nameChoicesToSave(preview.names)]
	};
}

/** A plan whose changes are staged: the run, and the newest audit row before planning began. */
export interface StagedPlan {
	run: StagedRun;
	watermark: number;
	preview: Preview;
}

/**
 * Plans the upload on the bulk reader and stages each slice's changes as they are decided, outside
 * any write transaction. The caller discards the run when it is done with it.
 */
export async function planAndStage(
	actor: Actor,
	upload: imports.ImportUpload,
	read: UploadText,
	options: PreviewOptions
): Promise<StagedPlan> {
	// The plan's names, those it creates included (as placeholders), are the ones staged: filled in when planning begins.
	const stageContext: { -readonly [K in keyof StageContext]: StageContext[K] } = {
		workstreamIds: new Map(),
		directorateNames: new Map()
	};
	const stager = await ImportStager.start(actor.organisationId, upload.id, stageContext);
	try {
		return await bulkRead(async (ex) => {
			// Read first: any change to the systems audited after this is one the plan may not have seen.
			const watermark = await importStage.auditWatermark(ex);
			const publish = (names: ReferenceNames) =>
				Object.assign(stageContext, {
					workstreamIds: names.workstreamIds,
					directorateNames: names.directorateNames
				});
			const preview = await planUpload(
				ex,
				actor,
				upload,
				read,
				options,
				(changes) => stager.add(changes),
				publish
			);
			await stager.finish();
			return { run: stager, watermark, preview };
		});
	} catch (error) {
		await stager.discard();
		throw error;
	}
}

/** Maps and sets as sorted entries, so that equal answers hash alike. */
function stableJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v instanceof Map || v instanceof Set ? [...v.entries()].map((e) => JSON.stringify(e)).sort() : v
	);
}

/** A hash of the answers a commit posts (the tick to replace agreed reviews aside) and the day. */
export function answersKey(options: PreviewOptions, today = todayInUk()): string {
	const { delimiter, sheet, mapping, values, names, newSystemValues } = options;
	return createHash('sha256')
		.update(stableJson([today, delimiter, sheet, mapping, values, names, newSystemValues]))
		.digest('hex');
}

/** The answers a preview's commit form will post, read as the commit reads them. */
const answersOf = (preview: Preview): PreviewOptions =>
	readSystemImportOptions(new URLSearchParams(previewSettings(preview)));

const importable = (p: Preview) =>
	!p.fileProblem &&
	p.mappingProblems.length === 0 &&
	p.plan.counts.create + p.plan.counts.update > 0;

/**
 * The preview's plan, staged for its commit. A new service area takes the directorate every row
 * naming it agrees on, which is known only once the whole file is read: when the first plan finds
 * such agreement, the file is planned again with it (the preview's forms then carry it). The last
 * plan's run is marked as the upload's, replacing any earlier preview's; one with nothing to import
 * is not kept.
 */
export async function stagedPreview(
	actor: Actor,
	upload: imports.ImportUpload,
	read: UploadText,
	options: PreviewOptions
): Promise<Preview> {
	let planned = await planAndStage(actor, upload, read, options);
	const agreed = choicesFromRows(planned.preview.names, planned.preview.existingNames);
	if (agreed) {
		await planned.run.discard();
		planned = await planAndStage(actor, upload, read, { ...options, names: agreed });
	}
	const { run, watermark, preview } = planned;
	if (!importable(preview)) {
		await run.discard();
		return preview;
	}
	const summary = { ...planSummary(preview), staged: run.staged };
	const older = await transaction((tx) =>
		stagePlans.markPreviewRun(tx, actor.organisationId, upload.id, run.runId, {
			planHash: preview.planHash,
			answersKey: answersKey(answersOf(preview)),
			watermark,
			summary: JSON.stringify(summary)
		})
	);
	for (const runId of older) await discardRun(runId);
	return preview;
}

/** A preview's staged plan claimed by its commit. */
export interface ClaimedPlan {
	run: StagedRun;
	watermark: number;
	summary: PlanSummary;
}

/**
 * The upload's staged preview plan, if it is the plan the officer saw (`seenPlanHash`), made today,
 * and nothing it read but the watched systems changed since (those the commit's copy checks
 * itself): claimed, so no other commit writes it. `stale` when there was one but something
 * changed (its run is discarded), null when there is none.
 */
export async function claimStagedPlan(
	actor: Actor,
	uploadId: number,
	seenPlanHash: string,
	options: PreviewOptions
): Promise<ClaimedPlan | 'stale' | null> {
	const claimed = await transaction((tx) =>
		stagePlans.claimPreviewRun(
			tx,
			actor.organisationId,
			uploadId,
			seenPlanHash,
			answersKey(options)
		)
	);
	if (!claimed) return null;
	const { staged, ...summary } = JSON.parse(claimed.summary) as PlanSummary & { staged: number };
	const run: StagedRun = {
		runId: claimed.runId,
		staged,
		discard: () => discardRun(claimed.runId)
	};
	// A tick to replace agreed reviews changes what is written: the preview staged those rows left out.
	if (options.replaceAgreed === true && summary.agreedTotal > 0) {
		await run.discard();
		return null;
	}
	if (await stagePlans.planInputsChangedSince(db(), actor.organisationId, claimed.watermark)) {
		await run.discard();
		return 'stale';
	}
	return { run, watermark: claimed.watermark, summary };
}
