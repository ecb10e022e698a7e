/**
 * Staging a systems import's planned changes (the first part of ./import-writes.ts): each slice's
 * changes turned into the rows the commit will copy (systems, links, reviews, audit rows) and saved
 * to the import_stage_* tables a few slices at a time, each time in a short transaction of its
 * own, then dropped from memory.
 */
import type { InValue } from '@libsql/client';
import * as stage from '../repos/import-stage';
import type { PlannedChange } from '$lib/domain/csv/plan';
import { outcomeFlags, reviewStatusOf } from '$lib/domain/systems';
import type { SystemInput } from '$lib/domain/systems';
import {
	discardRun,
	stageInShortTransaction,
	startStagingRun,
	type StagedRun
} from './import-writes';

/** What staging needs to know of the organisation: its workstreams' and directorates' ids by name. */
export interface StageContext {
	workstreamIds: ReadonlyMap<string, number>;
	directorateNames: ReadonlyMap<number, string>;
}

/**
 * Stages an import's planned changes as they are planned, numbering them in file order: each new
 * system and each review gets the next number, from which its id is decided when written.
 */
export class ImportStager implements StagedRun {
	private seq = 0;
	private newSystems = 0;
	private reviews = 0;
	private pending = emptyRows();

	private constructor(
		readonly runId: number,
		private readonly context: StageContext
	) {}

	/** Starts a staging run for this upload. */
	static async start(
		organisationId: number,
		uploadId: number,
		context: StageContext
	): Promise<ImportStager> {
		return new ImportStager(await startStagingRun(organisationId, uploadId), context);
	}

	/** How many changes are staged. */
	get staged(): number {
		return this.seq;
	}

	/**
	 * Turns one slice's changes into staged rows ('unchanged' rows write nothing but a watch), and
	 * saves what has gathered once it reaches STAGE_FLUSH_ROWS; `finish` saves the rest.
	 */
	async add(changes: readonly PlannedChange[]): Promise<void> {
		const rows = this.pending;
		for (const c of changes) {
			const updatesFields = c.kind === 'update' && c.changed.length > 0;
			if (c.kind !== 'create' && !updatesFields && c.link.length === 0 && !c.review) {
				// Nothing to write, but planned as unchanged: an edit made since would make it an update.
				if (c.systemId != null) rows.watches.push([this.runId, 'system', String(c.systemId)]);
				continue;
			}
			this.addChange(rows, c, updatesFields);
		}
		if (rows.changes.length + rows.watches.length >= STAGE_FLUSH_ROWS) await this.flush();
	}

	/** Saves the staged rows not saved yet: call once every slice has been added. */
	async finish(): Promise<void> {
		await this.flush();
	}

	private async flush(): Promise<void> {
		const rows = this.pending;
		this.pending = emptyRows();
		if (rows.changes.length > 0 || rows.watches.length > 0) await stageInShortTransaction(rows);
	}

	private addChange(rows: StageRows, c: PlannedChange, updatesFields: boolean): void {
		const seq = this.seq++;
		const creates = c.kind === 'create';
		const writesFields = creates || updatesFields;
		const review = c.review;
		// A new system is staged whole; an update only the fields it changes (the rest stay as they are).
		const mask = updatesFields ? stage.changedFieldsMask(c.changed) : 0;
		const fields: InValue[] = stage.SYSTEM_COLUMNS.map(([key], bit) =>
			creates || (mask & (1 << bit)) !== 0 ? c.input[key] : null
		);
		const directorateName = writesFields
			? c.input.directorateId == null
				? ''
				: (this.context.directorateNames.get(c.input.directorateId) ?? '')
			: null;
		const reviewNo = review ? this.reviews++ : null;
		rows.changes.push([
			this.runId,
			seq,
			c.systemId,
			c.version,
			creates ? this.newSystems++ : null,
			mask,
			updatesFields && c.changed.includes('directorateId') ? 1 : 0,
			...fields,
			directorateName,
			reviewNo,
			review?.reviewedOn ?? null,
			review?.reviewer ?? null,
			review ? reviewStatusOf(review.outcomes) : null,
			review ? review.outcomes.length : null,
			review ? outcomeFlags(review.outcomes) : null
		]);
		// Any audited change to a system it writes to, made after planning began, abandons the commit.
		if (c.systemId != null) rows.watches.push([this.runId, 'system', String(c.systemId)]);
		for (const name of c.link) {
			const note = review?.outcomes.some((o) => o.outcome === 'replace' && o.workstream === name)
				? 'Delivers the replacement'
				: 'Imported';
			rows.links.push([this.runId, seq, this.context.workstreamIds.get(name)!, note]);
		}
		for (const o of review?.outcomes ?? []) {
			rows.outcomes.push([
				this.runId,
				seq,
				o.outcome,
				o.rationale,
				o.status,
				o.targetDate,
				o.workstream ? this.context.workstreamIds.get(o.workstream)! : null
			]);
		}
		// The audit rows an edit through the forms would write: create or update, link, review.
		let n = 0;
		const audit = (action: string, before: unknown, after: unknown) =>
			rows.audits.push([
				this.runId,
				seq,
				n++,
				action,
				before == null ? null : JSON.stringify(before),
				JSON.stringify(after)
			]);
		if (creates) audit('create', null, auditable(c.input));
		else if (updatesFields) audit('update', ...changedFields(c));
		if (c.link.length > 0) audit('link', null, { workstreams: c.link });
		if (review) {
			const before = c.previousReview
				? { outcomes: c.previousReview.outcomes.map((o) => `${o.outcome} (${o.status})`) }
				: null;
			// reviewId is filled in when the review is written and its id is known.
			audit('review', before, {
				reviewId: 0,
				reviewedOn: review.reviewedOn,
				reviewer: review.reviewer,
				outcomes: review.outcomes.map((o) => `${o.outcome} (${o.status})`)
			});
		}
	}

	/** Deletes the run's staged rows, in short transactions so other writes go ahead between them. */
	async discard(): Promise<void> {
		await discardRun(this.runId);
	}
}

type StageRows = Required<Omit<stage.StagedRows, 'costLines'>>;

const emptyRows = (): StageRows => ({
	changes: [],
	links: [],
	outcomes: [],
	audits: [],
	watches: []
});

/**
 * Changes (and watches) saved per staging transaction: some four slices of the file. A write
 * transaction ends on a fresh connection whose first statement reads the whole schema again: in a
 * 20,000-row benchmark run's CPU profile that set-up took 1.7 s against 3.1 s for the staging
 * statements themselves, when each 600-row slice had a transaction of its own. The rows still go in
 * 100-row statements with a turn of the event loop between, and the write lock is held for tens of
 * milliseconds at a time.
 */
const STAGE_FLUSH_ROWS = 2_500;

const CONTACT_FIELDS = new Set<keyof SystemInput>(['contactName', 'contactEmail', 'contactPhone']);
const masked = (key: keyof SystemInput, value: unknown) =>
	CONTACT_FIELDS.has(key) ? (value ? '[personal data]' : '') : value;

/** A new system's fields that have a value, for the audit trail; a named person's details only as present. */
function auditable(input: SystemInput): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key in input) {
		const value = input[key as keyof SystemInput];
		if (value !== '' && value !== null) out[key] = masked(key as keyof SystemInput, value);
	}
	return out;
}

function changedFields(c: PlannedChange): [Record<string, unknown>, Record<string, unknown>] {
	const before: Record<string, unknown> = {};
	const after: Record<string, unknown> = {};
	for (const key of c.changed) {
		before[key] = masked(key, c.previous?.[key]);
		after[key] = masked(key, c.input[key]);
	}
	return [before, after];
}
