/**
 * The write side of a cost-line import's commit, in the two parts a systems import's has
 * (./import-writes.ts), so the write lock is held only for the second:
 *
 * 1. After the plan is decided (outside any write transaction), its lines are staged a slice at a
 *    time, each slice in a short write transaction of its own: the line as it will be, its audit row,
 *    and what the plan relied on (the lines it updates, the systems and workstreams it adds lines to,
 *    the funding sources it names) as watches.
 * 2. One write transaction checks that nothing watched changed since planning began (else the import
 *    is abandoned as 'changed'), then copies the lines, moves the kept totals and writes the audit
 *    rows inside SQLite, a range at a time. A failure leaves nothing written.
 */
import type { InValue } from '@libsql/client';
import { letOthersRun } from '../db/bulk';
import * as stage from '../repos/import-stage';
import * as staged from '../repos/import-stage-cost-lines';
import type { CostLineRow } from '../repos/cost-lines';
import type { PlannedCostChange } from '$lib/domain/csv/cost-lines';
import type { Executor } from '../db';
import { isSharedService, rederiveLines } from './recharges';
import type { Actor } from './actor';
import {
	beginWritePhase,
	COPY_ROUND,
	discardRun,
	ImportAbandoned,
	stageInShortTransaction,
	startStagingRun
} from './import-writes';
import { nowIso } from '$lib/domain/dates';

/** Stages a cost-line import's planned changes, numbering them in file order; each new line gets the next number. */
export class CostLineStager {
	private seq = 0;
	private newLines = 0;
	/** Watches staged so far: each is staged once, not once per line (200,000 lines name a few thousand). */
	private readonly watched = new Set<string>();

	private constructor(readonly runId: number) {}

	static async start(organisationId: number, uploadId: number): Promise<CostLineStager> {
		return new CostLineStager(await startStagingRun(organisationId, uploadId));
	}

	/** How many lines are staged. */
	get staged(): number {
		return this.seq;
	}

	/**
	 * Stages one slice of changes in one short write transaction. `current` holds the lines the slice
	 * updates as they were read after planning began (for their audit rows); a line missing there was
	 * archived or moved away meanwhile, and the import is abandoned as 'changed'.
	 */
	async add(
		changes: readonly PlannedCostChange[],
		current: ReadonlyMap<number, CostLineRow>
	): Promise<void> {
		const rows = {
			costLines: [] as InValue[][],
			audits: [] as InValue[][],
			watches: [] as InValue[][]
		};
		const watch = (entity: string, id: number | null) => {
			const key = `${entity} ${id}`;
			if (id == null || this.watched.has(key)) return;
			this.watched.add(key);
			rows.watches.push([this.runId, entity, String(id)]);
		};
		for (const change of changes) {
			const seq = this.seq++;
			const { directorateId, ...rest } = change.target;
			const attachment = { ...rest, directorateId };
			const values = { ...attachment, ...change.input };
			const line = [
				values.systemId,
				values.outcome,
				values.workstreamId,
				values.directorateId,
				values.financialYear,
				values.spendType,
				values.category,
				values.amountPence,
				values.confidence,
				values.fundingSourceId,
				values.description
			];
			watch('system', attachment.systemId);
			watch('funding_source', values.fundingSourceId);
			if (change.kind === 'create') {
				// Its audit row is made from the staged line when copied (repos/import-stage-cost-lines.ts).
				rows.costLines.push([this.runId, seq, null, null, this.newLines++, ...line]);
				// A line typed in meanwhile that this row would have been taken to be (so not duplicated).
				if (attachment.systemId != null) watch('system_cost_lines', attachment.systemId);
				else watch('workstream_cost_lines', attachment.workstreamId);
				continue;
			}
			const before = current.get(change.id);
			if (!before || before.archivedAt != null) throw new ImportAbandoned('changed');
			rows.costLines.push([this.runId, seq, change.id, change.version, null, ...line]);
			const was: Record<string, unknown> = {};
			const now: Record<string, unknown> = {};
			for (const [key, value] of Object.entries(values)) {
				const old = before[key as keyof CostLineRow];
				if (old !== value) [was[key], now[key]] = [old, value];
			}
			rows.audits.push([this.runId, seq, 0, 'update', JSON.stringify(was), JSON.stringify(now)]);
			watch('cost_line', change.id);
			watch('system', before.systemId);
		}
		if (rows.costLines.length > 0) await stageInShortTransaction(rows);
	}

	/** Deletes the run's staged rows, in short transactions so other writes go ahead between them. */
	async discard(): Promise<void> {
		await discardRun(this.runId);
	}
}

/**
 * Inside the commit's write transaction: copies every staged line, moving the kept totals with
 * them, unless something watched was changed after the audit row `watermark` (read before planning
 * began) or a line it updates is no longer at the version planned, when the import is abandoned as
 * 'changed' and the transaction rolled back. A shared service's recharges of the lines written are
 * worked out again in the same transaction.
 */
export async function copyStagedCostLines(
	tx: Executor,
	actor: Actor,
	stager: CostLineStager,
	watermark: number,
	detail: string
): Promise<void> {
	await beginWritePhase(tx);
	if (await stage.changedSince(tx, actor.organisationId, stager.runId, watermark))
		throw new ImportAbandoned('changed');
	const firstLineId = await stage.nextId(tx, 'cost_line');
	const by: stage.AuditAuthor = {
		userId: actor.userId,
		actor: actor.displayName,
		at: nowIso(),
		requestId: actor.requestId ?? '',
		ip: actor.ip ?? '',
		detail
	};
	for (let fromSeq = 0; fromSeq < stager.staged; fromSeq += COPY_ROUND) {
		const range: staged.CostLineCopyRange = {
			runId: stager.runId,
			organisationId: actor.organisationId,
			fromSeq,
			toSeq: fromSeq + COPY_ROUND,
			firstLineId
		};
		const steps = [
			() => staged.subtractUpdatedLines(tx, range),
			async () => {
				const { staged: planned, saved } = await staged.copyCostLineUpdates(tx, range);
				if (saved !== planned) throw new ImportAbandoned('changed'); // saved or archived by someone else meanwhile
			},
			() => staged.copyCostLineCreates(tx, range),
			() => staged.addWrittenLines(tx, range),
			() => staged.copyCostLineAudit(tx, range, by)
		];
		for (const step of steps) {
			await step();
			await letOthersRun();
		}
	}
	await staged.dropEmptyTotals(tx, actor.organisationId);
	// Only a shared service has recharges: a council's own import never reads its written ids back.
	if (await isSharedService(tx, actor.organisationId))
		await rederiveLines(
			tx,
			actor.organisationId,
			await staged.writtenLineIds(tx, stager.runId, firstLineId)
		);
}
