/**
 * The write side of an import's commit, in two parts so the database's write lock is held only
 * for the second. The staging run, its clean-up, the write-phase set-up and the 'nothing changed
 * since planning' check (repos/import-stage.ts changedSince, over the run's watches) are shared
 * with the cost-line import (./cost-import-writes.ts); what follows is the systems import's own:
 *
 * 1. While the plan is decided (outside any write transaction), each slice's planned changes are
 *    staged (./import-stager.ts): turned into the rows they will write and saved to the
 *    import_stage_* tables, a few slices' worth per short transaction, then dropped from memory.
 *    Other writes go ahead between those transactions.
 * 2. One write transaction checks that nothing the plan read has changed since (else the import is
 *    abandoned as 'changed') and copies the staged rows into the real tables inside SQLite, a range
 *    at a time. Readers never see a half import, and a crash or failure leaves nothing written.
 */
import { onEmbeddedFile, transaction } from '../db/database';
import { execute, letOthersRun } from '../db/bulk';
import * as stage from '../repos/import-stage';
import * as stageCopy from '../repos/import-stage-copy';
import type { Executor } from '../db';
import type { Actor } from './actor';
import { moveSystemCostLines } from './cost-lines';
import { nowIso } from '$lib/domain/dates';

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

/** A staging run whose changes are all staged: what copying it needs. */
export interface StagedRun {
	readonly runId: number;
	/** How many changes are staged (seq 0 to staged - 1). */
	readonly staged: number;
	/** Deletes the run's staged rows. */
	discard(): Promise<void>;
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

/** Staged rows deleted per statement when a run is discarded: each statement holds the event loop while it deletes. */
const DISCARD_ROUND = 2_000;

/**
 * Statements per discarding transaction, with a turn of the event loop between them. Each
 * transaction opens a fresh connection (@libsql/client hands its connection to a transaction), which
 * reads the schema again: a 100,000-row run took 121 transactions of one statement each.
 */
const DISCARD_STATEMENTS = 6;

/** Deletes a run's staged rows, in short transactions so other writes go ahead between them. */
export async function discardRun(runId: number): Promise<void> {
	const deletePart = async (tx: Executor) => {
		await readingOnce(tx);
		for (let n = 0; n < DISCARD_STATEMENTS; n++) {
			if (!(await stage.deleteRunPart(tx, runId, DISCARD_ROUND))) return false;
			await letOthersRun();
		}
		return true;
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
		at: nowIso(),
		requestId: actor.requestId ?? '',
		ip: actor.ip ?? '',
		detail
	};
	for (let fromSeq = 0; fromSeq < stager.staged; fromSeq += COPY_ROUND) {
		const range: stageCopy.CopyRange = {
			runId: stager.runId,
			organisationId: actor.organisationId,
			fromSeq,
			toSeq: fromSeq + COPY_ROUND,
			firstSystemId: next.system,
			firstReviewId: next.review
		};
		const steps = [
			async () => {
				if (await stageCopy.createsCollide(tx, range)) throw new ImportAbandoned('changed');
			},
			async () => {
				const { staged, saved } = await stageCopy.copyUpdates(tx, range);
				if (saved !== staged) throw new ImportAbandoned('changed'); // saved by someone else meanwhile
				// A system's cost lines are totalled by its directorate: move them with it (as an edit does).
				for (const m of await stageCopy.directorateMoves(tx, range))
					await moveSystemCostLines(tx, actor.organisationId, m.systemId, m.directorateId);
			},
			() => stageCopy.copyCreates(tx, range),
			() => stageCopy.copyLinks(tx, range),
			() => stageCopy.copyReviews(tx, range, `Imported from ${fileName}`),
			() => stageCopy.copyAudit(tx, range, by)
		];
		for (const step of steps) {
			await step();
			await letOthersRun();
		}
	}
}
