/**
 * Importing cost lines from a spreadsheet (the /costs.csv export, edited, or a council's own file):
 * the upload is kept as a systems import keeps it, previewed with every rejected row and its reasons,
 * the words not understood (mapped by the officer and remembered for the organisation, in the same
 * store as the systems import's) and the names not found, then committed: planned again and staged outside the write lock, refused if the plan is not the one
 * previewed, then written with the pre-aggregated totals and an audit row per line by one short
 * write transaction, all or nothing.
 */
import { createHash } from 'node:crypto';
import { bulkRead, db, transaction } from '../db/database';
import { letOthersRun } from '../db/bulk';
import * as imports from '../repos/imports';
import * as costLineCsv from '../repos/cost-line-csv';
import * as importStage from '../repos/import-stage';
import * as workstreams from '../repos/workstreams';
import * as funding from '../repos/funding';
import { recordAudit } from '../repos/audit';
import type { Delimiter } from '$lib/domain/csv/delimiter';
import { parseCsvInSlices, rejectedRowsOf, type RejectedRow } from '$lib/domain/csv/parse';
import { uploadChecker, type UploadText } from './upload-check';
import type { RowProblem } from '$lib/domain/csv/rows';
import {
	lineReferences,
	matchCostHeadings,
	planCostImport,
	type CostField,
	type CostImportContext,
	type CostImportCounts,
	type CostImportSystem,
	type PlannedCostChange
} from '$lib/domain/csv/cost-lines';
import { nameColumnHeadings, valueColumnHeadings } from '$lib/domain/csv/cost-line-headings';
import { nameKey, type MissingKind, type MissingName } from '$lib/domain/csv/cost-import-findings';
import {
	valueMappingOf,
	valueMappingToSave,
	VALUE_SETS,
	type UnknownValue,
	type ValueMapping
} from '$lib/domain/csv/value-mapping';
import * as choices from '../repos/import-choices';
import type { ValueSet } from '$lib/domain/csv/value-words';
import type { Executor } from '../db';
import type { Actor } from './actor';
import { discardAbandonedRuns, ImportAbandoned } from './import-writes';
import { copyStagedCostLines, CostLineStager } from './cost-import-writes';

export { uploadFile, importMaxBytes, type UploadResult } from './import-upload';
import { importMaxBytes, type UploadPreview } from './import-upload';

/** fileProblem: also a required column missing. */
export interface CostImportPreview extends UploadPreview {
	/** Headings not understood: their columns are ignored. */
	ignored: string[];
	counts: CostImportCounts;
	problems: RowProblem[];
	/** SHA-256 of every planned change, problem and value read: the commit goes ahead only if it plans exactly this. */
	planHash: string;
	/** Each distinct value not known out of the box, with the rows using it and how it is read. */
	values: UnknownValue[];
	/** The file's heading of each column with a fixed set of values. */
	valueColumns: Partial<Record<ValueSet, string>>;
	/** Each name (system, reference, workstream, funding source) that matches nothing, once, with its rows. */
	missing: MissingName[];
	/** The file's heading of each column that names something. */
	nameColumns: Partial<Record<MissingKind, string>>;
}

/** The officer's choices: how the file is read (a CSV file's separator, a workbook's sheet) and what its words mean. */
export interface CostImportOptions {
	delimiter?: Delimiter;
	sheet?: string;
	/** The officer's answers for words not understood; otherwise the organisation's saved ones. */
	values?: ValueMapping;
}

type Planned = CostImportPreview & { changes: PlannedCostChange[] };

const EMPTY_COUNTS: CostImportCounts = { create: 0, update: 0, unchanged: 0, rejected: 0 };

/** Everything the organisation holds that rows are matched against, read through `ex`. */
async function importContext(
	ex: Executor,
	organisationId: number,
	rows: readonly { cells: string[] }[],
	columns: readonly (CostField | null)[]
): Promise<Omit<CostImportContext, 'values'>> {
	const systemsByRef = new Map<string, CostImportSystem>();
	const systemsByName = new Map<string, CostImportSystem[]>();
	for (
		let page = await costLineCsv.systemsForMatching(ex, organisationId);
		page.length > 0;
		page = await costLineCsv.systemsForMatching(ex, organisationId, page[page.length - 1]!.id)
	) {
		for (const s of page) {
			if (s.externalRef) systemsByRef.set(nameKey(s.externalRef), s);
			const key = nameKey(s.name);
			systemsByName.set(key, [...(systemsByName.get(key) ?? []), s]);
		}
		await letOthersRun();
	}
	// Outcomes and lines only of the systems (and workstreams) the file names.
	const named = new Set<number>();
	const refAt = columns.indexOf('systemRef');
	const nameAt = columns.indexOf('systemName');
	for (const [i, { cells }] of rows.entries()) {
		if (i % 5000 === 4999) await letOthersRun();
		const ref = refAt < 0 ? '' : nameKey(cells[refAt]!);
		const bySystem = ref ? systemsByRef.get(ref) : undefined;
		if (bySystem) named.add(bySystem.id);
		else if (!ref && nameAt >= 0)
			for (const s of systemsByName.get(nameKey(cells[nameAt]!)) ?? []) named.add(s.id);
	}
	const streams = new Map(
		(await workstreams.listWorkstreams(ex, organisationId)).map((w) => [nameKey(w.name), w.id])
	);
	const wsAt = columns.indexOf('workstream');
	const namedStreams = new Set(
		wsAt < 0 ? [] : rows.flatMap(({ cells }) => streams.get(nameKey(cells[wsAt]!)) ?? [])
	);
	const [sources, outcomesOf, lines, candidates] = await Promise.all([
		funding.listFundingSources(ex, organisationId),
		costLineCsv.currentOutcomesOfSystems(ex, organisationId, [...named]),
		costLineCsv.liveLinesByIds(ex, organisationId, lineReferences(rows, columns)),
		costLineCsv.liveLinesOf(ex, organisationId, [...named], [...namedStreams])
	]);
	return {
		systemsByRef,
		systemsByName,
		candidates,
		workstreams: streams,
		fundingSources: new Map(
			sources.map((s) => [nameKey(s.name), { id: s.id, name: s.name, spendType: s.spendType }])
		),
		outcomesOf,
		lines: new Map(lines.map((l) => [l.id, l]))
	};
}

/**
 * The upload's text, encoding, delimiter and head (its structure checked against the limits, and its
 * headings), read on the upload-check worker. Its bytes are moved there: `upload` is the caller's own, read for this request.
 */
function readUpload(upload: imports.ImportUpload, options: CostImportOptions): Promise<UploadText> {
	return uploadChecker().readText(
		upload.bytes,
		{ delimiter: options.delimiter, sheet: options.sheet, maxBytes: importMaxBytes() },
		true
	);
}

/** Decides everything an import of this upload would do, reading through `ex` (the transaction when committing). */
async function planUpload(
	ex: Executor,
	organisationId: number,
	upload: imports.ImportUpload,
	options: CostImportOptions
): Promise<Planned> {
	return planRead(ex, organisationId, upload, await readUpload(upload, options), options);
}

/** How the organisation's words are read: the preview form's answers, else the saved mapping (shared with the systems import). */
async function valueMapping(
	ex: Executor,
	organisationId: number,
	options: CostImportOptions
): Promise<ValueMapping> {
	return (
		options.values ?? valueMappingOf(await choices.listSavedChoices(ex, organisationId, VALUE_SETS))
	);
}

async function planRead(
	ex: Executor,
	organisationId: number,
	upload: imports.ImportUpload,
	read: UploadText,
	options: CostImportOptions
): Promise<Planned> {
	const base = {
		uploadId: upload.id,
		fileName: upload.fileName,
		sha256: upload.sha256,
		counts: EMPTY_COUNTS,
		problems: [],
		changes: [],
		planHash: '',
		ignored: [] as string[],
		values: [],
		valueColumns: {},
		missing: [],
		nameColumns: {},
		...(read.workbook && { workbook: read.workbook })
	};
	if (!read.decoded)
		return { ...base, encoding: 'utf-8', delimiter: ',', headings: [], fileProblem: read.reason };
	// A file stored before a limit existed, or read with another delimiter, is refused (by the read), before any parsing.
	if (!('text' in read))
		return {
			...base,
			encoding: read.encoding,
			delimiter: read.delimiter,
			headings: [],
			fileProblem: read.head.reason
		};
	const { delimiter, head, text } = read;
	const { headings } = head;
	const shape = { ...base, encoding: read.encoding, delimiter, headings };
	const matched = matchCostHeadings(headings);
	if (matched.problem) return { ...shape, ignored: matched.ignored, fileProblem: matched.problem };

	const rows: { row: number; cells: string[] }[] = [];
	const ragged: RowProblem[] = [];
	const parsed = await parseCsvInSlices(
		text,
		delimiter,
		async (slice) => {
			rows.push(...slice.rows);
			ragged.push(...slice.ragged.map((r) => r.problem));
			await letOthersRun();
		},
		{ shape: head.shape }
	);
	if (!parsed.ok) return { ...shape, ignored: matched.ignored, fileProblem: parsed.reason };
	const context = {
		...(await importContext(ex, organisationId, rows, matched.columns)),
		values: await valueMapping(ex, organisationId, options)
	};
	const plan = await planCostImport(rows, matched.columns, headings, context, ragged, letOthersRun);
	const hash = createHash('sha256');
	// A workbook's sheet is part of what the officer saw: another sheet with the same rows is another plan.
	if (read.workbook) hash.update(JSON.stringify(['sheet', read.workbook.sheet]));
	for (const [i, c] of plan.changes.entries()) {
		hash.update(
			JSON.stringify([
				c.row,
				c.kind,
				c.kind === 'update' ? [c.id, c.version] : null,
				c.target,
				c.input
			])
		);
		if (i % 2000 === 1999) await letOthersRun();
	}
	hash.update(JSON.stringify(plan.problems));
	// How each of the file's own words was read, whichever way the mapping came (form or saved).
	hash.update(JSON.stringify(plan.values.map((v) => [v.key, v.mapped ?? null])));
	const { counts, problems, changes, values, missing } = plan;
	return {
		...shape,
		ignored: matched.ignored,
		fileProblem: null,
		counts,
		problems,
		changes,
		values,
		missing,
		valueColumns: valueColumnHeadings(matched.columns, headings),
		nameColumns: nameColumnHeadings(matched.columns, headings),
		planHash: hash.digest('hex')
	};
}

const withoutChanges = ({ changes: _c, ...preview }: Planned): CostImportPreview => preview;

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
