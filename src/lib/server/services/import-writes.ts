/**
 * The write side of an import's commit, in two parts so the database's write lock is held only
 * for the second. The staging run, its clean-up, the write-phase set-up and the 'nothing changed
 * since planning' check (repos/import-stage.ts changedSince, over the run's watches) are shared
 * with the cost-line import (./cost-import-writes.ts); what follows is the systems import's own:
 *
 * 1. While the plan is decided (outside any write transaction), each slice's planned changes are
 *    staged: turned into the rows they will write (systems, links, reviews, audit rows) and saved
 *    to the import_stage_* tables in a short transaction of their own, then dropped from memory.
 *    Other writes go ahead between slices.
 * 2. One write transaction checks that nothing the plan read has changed since (else the import is
 *    abandoned as 'changed') and copies the staged rows into the real tables inside SQLite, a range
 *    at a time. Readers never see a half import, and a crash or failure leaves nothing written.
 */
import type { InValue } from '@libsql/client';
import { onEmbeddedFile, transaction } from '../db/database';
import { execute, letOthersRun } from '../db/bulk';
import * as stage from '../repos/import-stage';
import type { PlannedChange } from '$lib/domain/csv/plan';
import { outcomeFlags, reviewStatusOf } from '$lib/domain/systems';
import type { SystemInput } from '$lib/domain/systems';
import type { Executor } from '../db';
import type { Actor } from './actor';
import { moveSystemCostLines } from './cost-lines';

/**
 * Sets up a transaction of the import's for reading many pages once (staged rows): through a small
 * page cache, not memory-mapped, or every page read stays in this process's resident memory (some
 * 130 MB per 100,000 rows) until its connection closes. The connection is closed after the
 * transaction, so the settings go with it.
 */
async function readingOnce(tx: Executor): Promise<void> {
	if (!onEmbeddedFile()) return; // a server's connections are its own (sqld refuses these PRAGMAs)
	await execute(tx, 'PRAGMA mmap_size = 0');
	await execute(tx, 'PRAGMA cache_size = -8192');
}

/** Thrown inside the commit's transaction to roll back everything written so far. */
export class ImportAbandoned extends Error {
	constructor(readonly reason: 'not-ready' | 'changed') {
		super(`import abandoned: ${reason}`);
	}
}

/** What staging needs to know of the organisation: its workstreams' and directorates' ids by name. */
export interface StageContext {
	workstreamIds: ReadonlyMap<string, number>;
	directorateNames: ReadonlyMap<number, string>;
}

/** A staging run whose changes are all staged: what copying it needs. */
export interface StagedRun {
	readonly runId: number;
	/** How many changes are staged (seq 0 to staged - 1). */
	readonly staged: number;
	/** Deletes the run's staged rows. */
	discard(): Promise<void>;
}

/**
 * Stages an import's planned changes as they are planned, numbering them in file order: each new
 * system and each review gets the next number, from which its id is decided when written.
 */
export class ImportStager implements StagedRun {
	private seq = 0;
	private newSystems = 0;
	private reviews = 0;

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

	/** Stages one slice's changes in one short write transaction ('unchanged' rows write nothing). */
	async add(changes: readonly PlannedChange[]): Promise<void> {
		const rows: Required<Omit<stage.StagedRows, 'costLines'>> = {
			changes: [],
			links: [],
			outcomes: [],
			audits: [],
			watches: []
		};
		for (const c of changes) {
			const updatesFields = c.kind === 'update' && c.changed.length > 0;
			if (c.kind !== 'create' && !updatesFields && c.link.length === 0 && !c.review) {
				// Nothing to write, but planned as unchanged: an edit made since would make it an update.
				if (c.systemId != null) rows.watches.push([this.runId, 'system', String(c.systemId)]);
				continue;
			}
			this.addChange(rows, c, updatesFields);
		}
		if (rows.changes.length > 0 || rows.watches.length > 0) await stageInShortTransaction(rows);
	}

	private addChange(
		rows: Required<Omit<stage.StagedRows, 'costLines'>>,
		c: PlannedChange,
		updatesFields: boolean
	): void {
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

/** Starts a staging run (systems or cost lines) for this upload; returns its id. */
export function startStagingRun(organisationId: number, uploadId: number): Promise<number> {
	return transaction((tx) => stage.startRun(tx, organisationId, uploadId));
}

/** Saves one slice of staged rows in a short write transaction of its own: other writes go ahead between slices. */
export async function stageInShortTransaction(rows: stage.StagedRows): Promise<void> {
	await transaction(async (tx) => {
		await readingOnce(tx);
		await stage.stageRows(tx, rows);
	});
}

/** Staged rows deleted per transaction when a run is discarded: each round holds the event loop while it deletes. */
const DISCARD_ROUND = 2_000;

/** Deletes a run's staged rows, in short transactions so other writes go ahead between them. */
export async function discardRun(runId: number): Promise<void> {
	const deletePart = async (tx: Executor) => {
		await readingOnce(tx);
		return stage.deleteRunPart(tx, runId, DISCARD_ROUND);
	};
	while (await transaction(deletePart)) await letOthersRun();
}

/** Deletes runs left by a process that stopped mid-import (no commit takes an hour). */
export async function discardAbandonedRuns(ex: Executor): Promise<void> {
	for (const runId of await stage.runsStartedBefore(
		ex,
		new Date(Date.now() - 3_600_000).toISOString()
	))
		await discardRun(runId);
}

/** Staged changes copied per statement: small enough that one statement holds the event loop for tens of milliseconds. */
export const COPY_ROUND = 1_000;

/**
 * Sets up a commit's write transaction: not memory-mapped, and with a 16 MiB page cache rather than
 * the connection's 64 MiB. A page the transaction changes stays in the cache until the cache is
 * full, when SQLite writes it to the log early: with the larger cache a 100,000-row import held
 * 64 MiB of changed pages in this process to the end. Measured on a copy of the import benchmark's
 * database (60,000 systems added with their audit rows, 20,000 updated, in one transaction): 47 MB
 * less peak memory, for which the copying (and so the write lock) took 35-47% longer on this shared
 * machine; without the audit rows, 4%. The import's peak memory is the limit that binds (400 MB).
 */
export async function beginWritePhase(tx: Executor): Promise<void> {
	if (!onEmbeddedFile()) return;
	await execute(tx, 'PRAGMA mmap_size = 0');
	await execute(tx, 'PRAGMA cache_size = -16384');
}

/**
 * Inside the commit's write transaction: copies every staged change, unless something the plan
 * relied on changed after the audit row `watermark` (read before planning began), when the import
 * is abandoned as 'changed': a system it writes to was edited, archived, reviewed or linked (its
 * watched audit trail, and the version each update is saved at), or a system it creates now has a
 * namesake or its external reference. Other systems may change meanwhile: the import never touches them.
 */
export async function copyStaged(
	tx: Executor,
	actor: Actor,
	stager: StagedRun,
	watermark: number,
	fileName: string,
	detail: string
): Promise<void> {
	await beginWritePhase(tx);
	if (await stage.changedSince(tx, actor.organisationId, stager.runId, watermark))
		throw new ImportAbandoned('changed');
	const next = {
		system: await stage.nextId(tx, 'system'),
		review: await stage.nextId(tx, 'review')
	};
	const by: stage.AuditAuthor = {
		userId: actor.userId,
		actor: actor.displayName,
		at: new Date().toISOString(),
		requestId: actor.requestId ?? '',
		ip: actor.ip ?? '',
		detail
	};
	for (let fromSeq = 0; fromSeq < stager.staged; fromSeq += COPY_ROUND) {
		const range: stage.CopyRange = {
			runId: stager.runId,
			organisationId: actor.organisationId,
			fromSeq,
			toSeq: fromSeq + COPY_ROUND,
			firstSystemId: next.system,
			firstReviewId: next.review
		};
		const steps = [
			async () => {
				if (await stage.createsCollide(tx, range)) throw new ImportAbandoned('changed');
			},
			async () => {
				const { staged, saved } = await stage.copyUpdates(tx, range);
				if (saved !== staged) throw new ImportAbandoned('changed'); // saved by someone else meanwhile
				// A system's cost lines are totalled by its directorate: move them with it (as an edit does).
				for (const m of await stage.directorateMoves(tx, range))
					await moveSystemCostLines(tx, actor.organisationId, m.systemId, m.directorateId);
			},
			() => stage.copyCreates(tx, range),
			() => stage.copyLinks(tx, range),
			() => stage.copyReviews(tx, range, `Imported from ${fileName}`),
			() => stage.copyAudit(tx, range, by)
		];
		for (const step of steps) {
			await step();
			await letOthersRun();
		}
	}
}

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
