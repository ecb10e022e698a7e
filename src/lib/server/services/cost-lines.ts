/**
 * Cost lines: each change is written, applied to the pre-aggregated totals and a shared service's
 * recharges, and audited in one transaction, so neither can disagree with the lines they come from
 * (and a failed change leaves all as they were).
 */
import { transaction } from '../db/database';
import * as costLines from '../repos/cost-lines';
import * as costTotals from '../repos/cost-totals';
import * as systems from '../repos/systems';
import * as workstreams from '../repos/workstreams';
import * as funding from '../repos/funding';
import { recordAudit } from '../repos/audit';
import { rederiveLines } from './recharges';
import type { Executor } from '../db';
import type { Actor } from './actor';
import { MAX_LINE_PENCE, SPEND_TYPE_LABEL, type CostLineInput } from '$lib/domain/costs';
import { formatPence } from '$lib/domain/money';
import { isFinancialYear } from '$lib/domain/fiscal';
import { OUTCOME_LABEL, type FieldErrors, type Outcome } from '$lib/domain/systems';
import type { ServiceResult } from './result';

/**
 * What a line is for. With `systemId`, a system's line, optionally for one of its current outcomes;
 * its `workstreamId` attributes it to a workstream, and left out (undefined) it defaults to the
 * workstream named by the system's current 'replace' outcome (null = none). Without `systemId`, a
 * workstream's own line: `workstreamId` is required and `outcome` must be left out.
 */
export interface CostLineTarget {
	systemId?: number | null;
	outcome?: Outcome | null;
	workstreamId?: number | null;
}

/** A conflict's `current` is the line as saved now, archived or not. */
export type CostLineResult = ServiceResult<{ line: costLines.CostLineRow }, costLines.CostLineRow>;

type Resolved =
	| { ok: true; attachment: costLines.CostLineAttachment }
	| { ok: false; reason: 'not-found' }
	| { ok: false; reason: 'invalid'; errors: FieldErrors };

/** Checks the target and input against the organisation's records and resolves the attachment. */
async function resolve(
	tx: Executor,
	organisationId: number,
	target: CostLineTarget,
	input: CostLineInput,
	previous?: costLines.CostLineRow
): Promise<Resolved> {
	const errors: FieldErrors = {};
	if (!isFinancialYear(input.financialYear))
		errors.financialYear = 'Enter the financial year, like 2026/27';
	if (
		!Number.isSafeInteger(input.amountPence) ||
		input.amountPence < 0 ||
		input.amountPence > MAX_LINE_PENCE
	)
		errors.amount = `Amount must be whole pence from £0 to ${formatPence(MAX_LINE_PENCE)}`;
	if (input.fundingSourceId != null) {
		const source = await funding.getFundingSource(tx, organisationId, input.fundingSourceId);
		if (!source) errors.fundingSourceId = 'Select a funding source from the list';
		// A revenue budget may fund capital (a revenue contribution to capital); capital never funds revenue.
		else if (source.spendType === 'capital' && input.spendType === 'revenue') {
			errors.fundingSourceId = `${source.name} is capital funding; it cannot pay for ${SPEND_TYPE_LABEL.revenue.toLowerCase()} costs`;
		}
	}
	let attachment: costLines.CostLineAttachment;
	if (target.systemId != null) {
		const found = await systems.getSystem(tx, organisationId, target.systemId);
		if (!found) return { ok: false, reason: 'not-found' };
		const outcome = target.outcome ?? null;
		if (
			outcome &&
			outcome !== previous?.outcome &&
			!(await costLines.currentOutcomesOf(tx, organisationId, found.id)).includes(outcome)
		) {
			errors.outcome = `${found.name} has no current '${OUTCOME_LABEL[outcome]}' outcome`;
		}
		const workstreamId =
			target.workstreamId === undefined
				? await costLines.replacingWorkstreamOf(tx, organisationId, found.id)
				: target.workstreamId;
		attachment = { systemId: found.id, outcome, workstreamId, directorateId: found.directorateId };
	} else {
		if (target.workstreamId == null)
			return {
				ok: false,
				reason: 'invalid',
				errors: { ...errors, workstreamId: 'Select the workstream or system the cost is for' }
			};
		if (target.outcome) errors.outcome = 'Only a system’s cost can be for one of its outcomes';
		attachment = {
			systemId: null,
			outcome: null,
			workstreamId: target.workstreamId,
			directorateId: null
		};
	}
	if (
		attachment.workstreamId != null &&
		!(await workstreams.getWorkstream(tx, organisationId, attachment.workstreamId))
	) {
		if (target.systemId == null) return { ok: false, reason: 'not-found' };
		errors.workstreamId = 'Select a workstream from the list';
	}
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	return { ok: true, attachment };
}

/** The fields of a line worth recording in the audit trail. */
function auditable(line: costLines.CostLineRow): Record<string, unknown> {
	const {
		createdAt: _c,
		updatedAt: _u,
		version: _v,
		organisationId: _o,
		archivedAt: _a,
		...fields
	} = line;
	return fields;
}

function changed(
	before: Record<string, unknown>,
	after: Record<string, unknown>
): [Record<string, unknown>, Record<string, unknown>] {
	const was: Record<string, unknown> = {};
	const now: Record<string, unknown> = {};
	for (const key of Object.keys(after))
		if (before[key] !== after[key]) [was[key], now[key]] = [before[key], after[key]];
	return [was, now];
}

export async function createCostLine(
	actor: Actor,
	target: CostLineTarget,
	input: CostLineInput
): Promise<CostLineResult> {
	return transaction(async (tx): Promise<CostLineResult> => {
		const resolved = await resolve(tx, actor.organisationId, target, input);
		if (!resolved.ok) return resolved;
		const line = await costLines.insertCostLine(
			tx,
			actor.organisationId,
			resolved.attachment,
			input
		);
		await costTotals.applyLineChange(tx, actor.organisationId, undefined, line);
		await rederiveLines(tx, actor.organisationId, [line.id]);
		await recordAudit(tx, actor, {
			entity: 'cost_line',
			entityId: line.id,
			action: 'create',
			after: auditable(line)
		});
		return { ok: true, line };
	});
}

/** Saves an edit made from `expectedVersion`; nothing is written if the line has moved on since. */
export async function updateCostLine(
	actor: Actor,
	id: number,
	expectedVersion: number,
	target: CostLineTarget,
	input: CostLineInput
): Promise<CostLineResult> {
	return transaction(async (tx): Promise<CostLineResult> => {
		const before = await costLines.getCostLine(tx, actor.organisationId, id);
		if (!before) return { ok: false, reason: 'not-found' };
		if (before.version !== expectedVersion || before.archivedAt != null)
			return { ok: false, reason: 'conflict', current: before };
		const resolved = await resolve(tx, actor.organisationId, target, input, before);
		if (!resolved.ok) return resolved;
		const saved = await costLines.updateCostLine(
			tx,
			actor.organisationId,
			id,
			expectedVersion,
			resolved.attachment,
			input
		);
		if (!saved)
			return {
				ok: false,
				reason: 'conflict',
				current: (await costLines.getCostLine(tx, actor.organisationId, id))!
			};
		await costTotals.applyLineChange(tx, actor.organisationId, before, saved);
		await rederiveLines(tx, actor.organisationId, [id]);
		const [was, now] = changed(auditable(before), auditable(saved));
		await recordAudit(tx, actor, {
			entity: 'cost_line',
			entityId: id,
			action: 'update',
			before: was,
			after: now
		});
		return { ok: true, line: saved };
	});
}

export async function archiveCostLine(
	actor: Actor,
	id: number,
	expectedVersion: number
): Promise<CostLineResult> {
	return transaction(async (tx): Promise<CostLineResult> => {
		const before = await costLines.getCostLine(tx, actor.organisationId, id);
		if (!before) return { ok: false, reason: 'not-found' };
		const archived = await costLines.archiveCostLine(tx, actor.organisationId, id, expectedVersion);
		if (!archived) return { ok: false, reason: 'conflict', current: before };
		await costTotals.applyLineChange(tx, actor.organisationId, before, archived);
		await rederiveLines(tx, actor.organisationId, [id]);
		await recordAudit(tx, actor, {
			entity: 'cost_line',
			entityId: id,
			action: 'archive',
			before: auditable(before)
		});
		return { ok: true, line: archived };
	});
}

/**
 * Moves a system's cost lines, and their totals, to its new directorate: call it in the transaction
 * that changes the system's directorate (services/systems.ts updateSystem; an import doing the same
 * must call it too, or the next rebuild reports and repairs the difference).
 */
export async function moveSystemCostLines(
	tx: Executor,
	organisationId: number,
	systemId: number,
	directorateId: number | null
): Promise<void> {
	const lines = await costLines.liveLinesOfSystem(tx, organisationId, systemId);
	await costTotals.moveLinesToDirectorate(tx, organisationId, lines, directorateId);
	await costLines.setDirectorateOfSystemLines(tx, organisationId, systemId, directorateId);
}

/** The rebuild that checks the kept totals lives beside this module; importers of it here keep working. */
export { rebuildCostTotals, type CostTotalDifference } from './cost-totals-rebuild';
