/**
 * Planning a cost-line import (for ./cost-import.ts's preview, commit and rejected rows): the kept
 * upload read on the upload-check worker, then every row matched to its system or workstream,
 * funding source and words as the officer answered them, and the plan's fingerprint.
 */
import { createHash } from 'node:crypto';
import { letOthersRun } from '../db/bulk';
import type * as imports from '../repos/imports';
import * as costLineCsv from '../repos/cost-line-csv';
import * as workstreams from '../repos/workstreams';
import * as funding from '../repos/funding';
import type { Delimiter } from '$lib/domain/csv/delimiter';
import { parseCsvInSlices } from '$lib/domain/csv/parse';
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
import {
	chooseForEveryLine,
	costLayout,
	WHOLE_COST_HEADING,
	type WholeCostField,
	type WholeCostValues
} from '$lib/domain/csv/cost-layout';
import { nameKey, type MissingKind, type MissingName } from '$lib/domain/csv/cost-import-findings';
import {
	valueMappingOf,
	VALUE_SETS,
	type UnknownValue,
	type ValueMapping
} from '$lib/domain/csv/value-mapping';
import * as choices from '../repos/import-choices';
import type { ValueSet } from '$lib/domain/csv/value-words';
import type { Executor } from '../db';
import { headingPlace, importMaxBytes, type UploadPreview } from './import-upload';

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
	/** The headings of the columns of amounts by year, when the file lays its years across. */
	years: string[];
	/** Fields the file has no column for, each with the value chosen for every line (if any). */
	absent: { field: WholeCostField; label: string; value: string | undefined }[];
}

/** The officer's choices: how the file is read (a CSV file's separator, a workbook's sheet) and what its words mean. */
export interface CostImportOptions {
	delimiter?: Delimiter;
	sheet?: string;
	/** The officer's answers for words not understood; otherwise the organisation's saved ones. */
	values?: ValueMapping;
	/** A value for every line, for each field the file has no column for. */
	whole?: WholeCostValues;
}

export type Planned = CostImportPreview & { changes: PlannedCostChange[] };

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
export function readUpload(
	upload: imports.ImportUpload,
	options: CostImportOptions
): Promise<UploadText> {
	return uploadChecker().readText(
		upload.bytes,
		{ delimiter: options.delimiter, sheet: options.sheet, maxBytes: importMaxBytes() },
		true
	);
}

/** Decides everything an import of this upload would do, reading through `ex` (the transaction when committing). */
export async function planUpload(
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

export async function planRead(
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
		years: [] as string[],
		absent: [] as CostImportPreview['absent'],
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
	const shape = { ...base, encoding: read.encoding, delimiter, headings, ...headingPlace(head) };
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
	const whole = options.whole ?? {};
	const layout = costLayout(rows, matched.columns, headings, matched.years, matched.absent, whole);
	const context = {
		...(await importContext(ex, organisationId, layout.rows, layout.columns)),
		values: await valueMapping(ex, organisationId, options)
	};
	const planned = await planCostImport(
		layout.rows,
		layout.columns,
		layout.headings,
		context,
		ragged,
		letOthersRun
	);
	// A field with no column and no value chosen yet: each row's reason points at the choice.
	const unchosen = new Set(
		matched.absent.filter((f) => !whole[f]).map((f) => WHOLE_COST_HEADING[f])
	);
	const plan =
		unchosen.size === 0
			? planned
			: {
					...planned,
					problems: planned.problems.map((p) =>
						unchosen.has(p.column) ? { ...p, reason: chooseForEveryLine(p.column) } : p
					)
				};
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
		valueColumns: valueColumnHeadings(layout.columns, layout.headings),
		nameColumns: nameColumnHeadings(matched.columns, headings),
		years: matched.years.map((y) => y.heading),
		absent: matched.absent.map((field) => ({
			field,
			label: WHOLE_COST_HEADING[field],
			value: whole[field]
		})),
		planHash: hash.digest('hex')
	};
}

export const withoutChanges = ({ changes: _c, ...preview }: Planned): CostImportPreview => preview;
