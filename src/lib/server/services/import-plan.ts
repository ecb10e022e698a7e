/**
 * Planning a systems import: what it would do to every row, decided from the kept file a slice at a
 * time on the bulk reader (so memory does not grow with the file), with the officer's corrections and
 * answers. The preview shows it and stages it (./import-staged-plan.ts); a commit that cannot use
 * the staged plan plans again and goes ahead only if the plan is the same. What planning reads is
 * in ./import-plan-reads.ts.
 */
import { createHash } from 'node:crypto';
import { bulkRead } from '../db/database';
import { letOthersRun } from '../db/bulk';
import type * as imports from '../repos/imports';
import { mappingProblems, type Mapping } from '$lib/domain/csv/mapping';
import { parseCsvInSlices } from '$lib/domain/csv/parse';
import type { UploadText } from './upload-check';
import { rowReader, type ImportRow } from '$lib/domain/csv/rows';
import {
	UnknownValueTally,
	valueMappingOf,
	VALUE_SETS,
	type UnknownValue,
	type ValueMapping
} from '$lib/domain/csv/value-mapping';
import {
	choicesFromRows,
	NAME_SETS,
	type ExistingNames,
	type NameChoices,
	type NewRecord,
	type ReferenceNames,
	type UnknownName
} from '$lib/domain/csv/reference-names';
import { rememberedNameChoices, withRemembered } from '$lib/domain/csv/name-choices';
import {
	NewSystemValues,
	type MissingColumn,
	type WholeImportValues
} from '$lib/domain/csv/missing-columns';
import * as choices from '../repos/import-choices';
import { ImportPlanner, type ImportPlan, type PlannedChange } from '$lib/domain/csv/plan';
import { todayInUk } from '$lib/domain/dates';
import { describeUpdate, UPDATES_SHOWN, type UpdatedSystem } from '$lib/domain/csv/update-diff';
import { updateNames } from './import-updates';
import type { Executor } from '../db';
import type { Actor } from './actor';
import { headingPlace, type UploadPreview } from './import-upload';
import type { Delimiter } from '$lib/domain/csv/delimiter';
import { addExistingKeys, importContext, loadMatched, resolveMapping } from './import-plan-reads';

export interface Preview extends UploadPreview {
	mapping: Mapping;
	mappingProblems: string[];
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

/** Receives each slice's planned changes, in file order (the commit stages them). */
export type ChangeSink = (changes: PlannedChange[]) => Promise<void>;

/**
 * Decides everything an import of this upload would do, reading through `ex` (the bulk reader), a
 * slice of the file at a time: each slice's rows are read, matched, planned, added to the plan's
 * fingerprint and handed to `sink`, then dropped, so memory does not grow with the file.
 */
export async function planUpload(
	ex: Executor,
	actor: Actor,
	upload: imports.ImportUpload,
	read: UploadText,
	options: PreviewOptions,
	sink?: ChangeSink,
	publish?: (names: ReferenceNames) => void
): Promise<Preview> {
	const empty: Preview['plan'] = {
		problems: [],
		counts: { create: 0, update: 0, unchanged: 0, rejected: 0, reviews: 0, links: 0 },
		warnings: { shown: [], total: 0 },
		agreed: { shown: [], total: 0, replace: false }
	};
	const base = {
		uploadId: upload.id,
		fileName: upload.fileName,
		sha256: upload.sha256,
		plan: empty,
		planHash: '',
		values: [] as UnknownValue[],
		updates: [] as UpdatedSystem[],
		names: [],
		existingNames: { directorates: [], serviceAreas: [], workstreams: [] },
		created: [],
		missing: [],
		...(read.workbook && { workbook: read.workbook })
	};
	if (!read.decoded)
		return {
			...base,
			encoding: 'utf-8',
			delimiter: ',',
			headings: [],
			mapping: [],
			mappingProblems: [],
			fileProblem: read.reason
		};
	const shape = { ...base, encoding: read.encoding, delimiter: read.delimiter };
	// A file stored before a limit existed, or read with another delimiter, is refused (by the read), before any parsing.
	if (!('text' in read))
		return {
			...shape,
			headings: [],
			mapping: [],
			mappingProblems: [],
			fileProblem: read.head.reason
		};
	const { delimiter, head, text } = read;
	const { headings } = head;
	const headed = { ...shape, ...headingPlace(head) };
	const mapping = await resolveMapping(ex, actor.organisationId, headings, options.mapping);
	const problemsWithMapping = mappingProblems(mapping);
	if (problemsWithMapping.length > 0)
		return {
			...headed,
			headings,
			mapping,
			mappingProblems: problemsWithMapping,
			fileProblem: null
		};

	const saved = await choices.listSavedChoices(ex, actor.organisationId, [
		...VALUE_SETS,
		...NAME_SETS
	]);
	const { context, names, existing } = await importContext(
		ex,
		actor.organisationId,
		withRemembered(rememberedNameChoices(saved), options.names)
	);
	publish?.(names);
	const newSystemValues = new NewSystemValues(mapping, options.newSystemValues ?? {});
	const planner = new ImportPlanner([], names.findWorkstream, {
		today: todayInUk(),
		source: upload.fileName,
		newSystemValues,
		replaceAgreed: options.replaceAgreed
	});
	await addExistingKeys(ex, actor.organisationId, planner);
	const fieldNames = await updateNames(ex, actor.organisationId);
	const updates: UpdatedSystem[] = [];
	const valueMapping = options.values ?? valueMappingOf(saved);
	const values = new UnknownValueTally();
	let currentRow = 0;
	const readRow = rowReader(mapping, context, valueMapping, (set, text, mapped) =>
		values.see(currentRow, set, text, mapped)
	);
	const hash = createHash('sha256');
	// A workbook's sheet is part of what the officer saw: another sheet with the same rows is another plan.
	if (read.workbook) hash.update(JSON.stringify(['sheet', read.workbook.sheet]));
	const parsed = await parseCsvInSlices(
		text,
		delimiter,
		async (slice) => {
			planner.reject(slice.ragged.map((r) => r.problem));
			const rows: ImportRow[] = [];
			for (const { row, cells } of slice.rows) {
				currentRow = row;
				const result = readRow(cells, row);
				if (result.ok) rows.push(result.row);
				else planner.reject(result.problems, result.identity);
			}
			const loaded = await loadMatched(ex, actor.organisationId, planner.matchIds(rows));
			const changes: PlannedChange[] = [];
			for (const r of rows) {
				names.currentRow = r.row;
				const change = planner.add(r, loaded);
				if (!change) continue;
				// A row left out for its agreed review is covered too (and the review it supersedes), so the fingerprint does not depend on the tick.
				hash.update(
					JSON.stringify([
						change.row,
						change.kind,
						change.systemId,
						change.version,
						change.changed.length > 0 || change.kind === 'create'
							? names.stableInput(change.input)
							: null,
						change.link,
						change.review,
						change.review ? change.previousReview : null
					])
				);
				if (change.leftOut) continue;
				changes.push(change);
				names.markUsed(change.input.directorateId, change.input.serviceAreaId, [
					...change.link,
					...(change.review?.outcomes.flatMap((o) => o.workstream ?? []) ?? [])
				]);
				if (change.kind === 'update' && updates.length < UPDATES_SHOWN)
					updates.push(describeUpdate(change, names.withNewNames(fieldNames)));
			}
			if (sink) await sink(changes);
			await letOthersRun();
		},
		{ shape: head.shape }
	);
	if (!parsed.ok)
		return { ...headed, headings, mapping, mappingProblems: [], fileProblem: parsed.reason };
	const plan = planner.finish();
	hash.update(JSON.stringify(plan.problems));
	const unknown = values.list();
	// The fingerprint covers how each of the file's own values was read, whichever way the mapping came (form or saved).
	hash.update(JSON.stringify(unknown.map((v) => [v.key, v.mapped ?? null])));
	// And every name created or mapped, and every value given to all new systems.
	hash.update(JSON.stringify([names.fingerprint(), newSystemValues.fingerprint()]));
	const listed = names.list();
	const nameChoices = {
		names: listed,
		existingNames: listed.length > 0 ? existing : base.existingNames,
		created: names.newRecords(),
		missing: newSystemValues.list(planner.newSystemCount, plan.counts.rejected > 0)
	};
	return {
		...headed,
		headings,
		mapping,
		mappingProblems: [],
		fileProblem: null,
		plan,
		planHash: hash.digest('hex'),
		values: unknown,
		updates,
		...nameChoices
	};
}

/**
 * The preview's plan. A new service area takes the directorate every row naming it agrees on, which
 * is known only once the whole file is read: when the first plan finds such agreement, the file is
 * planned again with it (the preview's forms then carry it, so a commit plans once).
 */
export async function planPreview(
	actor: Actor,
	upload: imports.ImportUpload,
	read: UploadText,
	options: PreviewOptions
): Promise<Preview> {
	const first = await bulkRead((ex) => planUpload(ex, actor, upload, read, options));
	const agreed = choicesFromRows(first.names, first.existingNames);
	return agreed
		? bulkRead((ex) => planUpload(ex, actor, upload, read, { ...options, names: agreed }))
		: first;
}
