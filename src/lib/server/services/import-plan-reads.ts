/**
 * What planning a systems import reads before and while it plans (./import-plan.ts): the upload's
 * text, the column mapping, the organisation's names, and its existing systems, each read a page or
 * chunk at a time with a turn of the event loop between, so no read holds other requests up.
 */
import { letOthersRun } from '../db/bulk';
import * as imports from '../repos/imports';
import {
	guessMapping,
	isImportField,
	normaliseHeading,
	type Mapping
} from '$lib/domain/csv/mapping';
import type { ImportContext } from '$lib/domain/csv/rows';
import type { ExistingNames, NameChoices, ReferenceNames } from '$lib/domain/csv/reference-names';
import type { ExistingSystem, ImportPlanner } from '$lib/domain/csv/plan';
import { uploadChecker, type UploadText } from './upload-check';
import { referenceNames } from './import-names';
import { importMaxBytes } from './import-upload';
import type { Executor } from '../db';
import type { Delimiter } from '$lib/domain/csv/delimiter';

/** What reading rows needs of the organisation: its names, with those the file names that it does not have, as the officer answered. */
export async function importContext(
	ex: Executor,
	organisationId: number,
	chosen: NameChoices
): Promise<{ context: ImportContext; names: ReferenceNames; existing: ExistingNames }> {
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

export const headingsKey = (headings: readonly string[]) =>
	headings.map(normaliseHeading).join('|');

export async function resolveMapping(
	ex: Executor,
	organisationId: number,
	headings: string[],
	given: Mapping | undefined
): Promise<Mapping> {
	if (given && given.length === headings.length) return given;
	const saved = await imports.getSavedMapping(ex, organisationId, headingsKey(headings));
	const fromSaved = saved ? (JSON.parse(saved) as unknown[]) : null;
	return fromSaved && fromSaved.length === headings.length
		? fromSaved.map((f) => (isImportField(f) ? f : null))
		: guessMapping(headings);
}

/** Gives the planner every existing system's id, name and reference, a page at a time, letting others run between pages. */
export async function addExistingKeys(
	ex: Executor,
	organisationId: number,
	planner: ImportPlanner
): Promise<void> {
	for (
		let page = await imports.existingKeys(ex, organisationId);
		page.length > 0;
		page = await imports.existingKeys(ex, organisationId, page[page.length - 1]!.id)
	) {
		planner.addExisting(page);
		await letOthersRun();
	}
}

/** The file is planned 128 KB (some 600 rows) at a time: one slice's planning is one turn of the event loop. */
const PLAN_SLICE_BYTES = 1 << 17;

/** Matched systems loaded per query: small enough that one query holds the event loop for milliseconds, not tenths of a second. */
const LOAD_CHUNK = 250;

/** The existing systems these ids name, loaded a chunk at a time, letting others run between chunks. */
export async function loadMatched(
	ex: Executor,
	organisationId: number,
	ids: readonly number[]
): Promise<Map<number, ExistingSystem>> {
	const loaded = new Map<number, ExistingSystem>();
	for (let i = 0; i < ids.length; i += LOAD_CHUNK) {
		for (const s of await imports.existingByIds(ex, organisationId, ids.slice(i, i + LOAD_CHUNK)))
			loaded.set(s.id, s);
		await letOthersRun();
	}
	return loaded;
}

/**
 * The upload's text, encoding, delimiter and head (its structure checked against the limits, and its
 * headings), read on the upload-check worker. Its bytes are moved there: `upload` is this request's own.
 */
export function readUpload(
	upload: imports.ImportUpload,
	options: { delimiter?: Delimiter; sheet?: string }
): Promise<UploadText> {
	return uploadChecker().readText(
		upload.bytes,
		{
			delimiter: options.delimiter,
			sheet: options.sheet,
			maxBytes: importMaxBytes(),
			size: PLAN_SLICE_BYTES
		},
		true
	);
}
