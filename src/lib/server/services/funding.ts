/** Funding sources and their allocations: each change in one transaction with its audit row. */
import { transaction } from '../db/database';
import * as funding from '../repos/funding';
import { recordAudit } from '../repos/audit';
import type { Executor } from '../db';
import type { Actor } from './actor';
import type { ServiceResult } from './result';
import type { FundingAllocationInput, FundingSourceInput } from '$lib/domain/costs';

export type FundingSourceResult = ServiceResult<
	{ source: funding.FundingSourceWithAllocations },
	funding.FundingSourceWithAllocations
>;

/** A second source of the same name in one organisation is refused on the name field. */
const DUPLICATE_NAME = {
	ok: false,
	reason: 'invalid',
	errors: { name: 'A funding source with this name already exists' }
} as const;

/** A funding source as the form gives it, with optional notes. */
export type FundingSourceChange = FundingSourceInput & { notes?: string };

function isDuplicateName(error: unknown): boolean {
	const text =
		String((error as { message?: string })?.message ?? error) +
		String((error as { cause?: unknown })?.cause ?? '');
	return /UNIQUE constraint failed: funding_source\.organisation_id, funding_source\.name/.test(
		text
	);
}

function fieldsOf(input: FundingSourceChange): funding.FundingSourceFields {
	return {
		name: input.name,
		kind: input.kind,
		spendType: input.spendType,
		notes: input.notes ?? ''
	};
}

const allocationsText = (allocations: readonly FundingAllocationInput[]) =>
	Object.fromEntries(allocations.map((a) => [a.financialYear, a.amountPence]));

async function withAllocations(tx: Executor, organisationId: number, id: number) {
	return (await funding.listFundingSources(tx, organisationId)).find((s) => s.id === id);
}

export async function createFundingSource(
	actor: Actor,
	input: FundingSourceChange
): Promise<FundingSourceResult> {
	try {
		return await transaction(async (tx): Promise<FundingSourceResult> => {
			const source = await funding.insertFundingSource(tx, actor.organisationId, fieldsOf(input));
			await funding.replaceAllocations(tx, actor.organisationId, source.id, input.allocations);
			await recordAudit(tx, actor, {
				entity: 'funding_source',
				entityId: source.id,
				action: 'create',
				after: { ...fieldsOf(input), allocations: allocationsText(input.allocations) }
			});
			return { ok: true, source: { ...source, allocations: input.allocations } };
		});
	} catch (error) {
		if (isDuplicateName(error)) return DUPLICATE_NAME;
		throw error;
	}
}

/** Saves a source and its allocations as edited from `expectedVersion`; nothing is written if it moved on. */
export async function updateFundingSource(
	actor: Actor,
	id: number,
	expectedVersion: number,
	input: FundingSourceChange
): Promise<FundingSourceResult> {
	try {
		return await transaction(async (tx): Promise<FundingSourceResult> => {
			const before = await withAllocations(tx, actor.organisationId, id);
			if (!before) return { ok: false, reason: 'not-found' };
			const saved = await funding.updateFundingSource(
				tx,
				actor.organisationId,
				id,
				expectedVersion,
				fieldsOf(input)
			);
			if (!saved) return { ok: false, reason: 'conflict', current: before };
			await funding.replaceAllocations(tx, actor.organisationId, id, input.allocations);
			const { name, kind, spendType, notes } = before;
			await recordAudit(tx, actor, {
				entity: 'funding_source',
				entityId: id,
				action: 'update',
				before: { name, kind, spendType, notes, allocations: allocationsText(before.allocations) },
				after: { ...fieldsOf(input), allocations: allocationsText(input.allocations) }
			});
			return { ok: true, source: { ...saved, allocations: input.allocations } };
		});
	} catch (error) {
		if (isDuplicateName(error)) return DUPLICATE_NAME;
		throw error;
	}
}

/** Replaces only the amounts by year (the allocation table), with the same version check. */
export async function setFundingAllocations(
	actor: Actor,
	id: number,
	expectedVersion: number,
	allocations: FundingAllocationInput[]
): Promise<FundingSourceResult> {
	return transaction(async (tx): Promise<FundingSourceResult> => {
		const before = await withAllocations(tx, actor.organisationId, id);
		if (!before) return { ok: false, reason: 'not-found' };
		const saved = await funding.touchFundingSource(tx, actor.organisationId, id, expectedVersion);
		if (!saved) return { ok: false, reason: 'conflict', current: before };
		await funding.replaceAllocations(tx, actor.organisationId, id, allocations);
		await recordAudit(tx, actor, {
			entity: 'funding_source',
			entityId: id,
			action: 'set-allocations',
			before: allocationsText(before.allocations),
			after: allocationsText(allocations)
		});
		return { ok: true, source: { ...saved, allocations } };
	});
}
