/**
 * Recharges from cost lines: each line of the shared service is shared between partners by the
 * most specific key that covers it (its own, its system's, its workstream's, then the service's
 * default, for the line's financial year). A line no key covers is kept whole as unallocated
 * shared-service overhead: it is named and counted, never dropped, so the partners' shares plus
 * the overhead always equal the service's total cost to the penny.
 */
import type { FinancialYear } from '../fiscal';
import type { SpendType } from '../costs/cost';
import { KEY_SCOPES, type AllocationKey, type KeyScope } from './keys';
import { splitByLargestRemainder } from './split';

export const UNALLOCATED_LABEL = 'Unallocated shared-service overhead';

export interface RechargeLine {
	id: number;
	financialYear: FinancialYear;
	spendType: SpendType;
	systemId: number | null;
	workstreamId: number | null;
	amountPence: number;
}

/** One line's share for one partner (`partnerOrganisationId` null: unallocated overhead). */
export interface RechargeShare {
	costLineId: number;
	partnerOrganisationId: number | null;
	financialYear: FinancialYear;
	spendType: SpendType;
	amountPence: number;
	/** The key that applied; null for unallocated overhead. */
	keyId: number | null;
	costCentreId: number | null;
}

/** Finds the key for a line quickly: keys indexed by year, scope and scope id. */
export class KeyIndex {
	private readonly byKey = new Map<string, AllocationKey>();

	constructor(keys: Iterable<AllocationKey>) {
		for (const k of keys) this.byKey.set(KeyIndex.slot(k.financialYear, k.scope, k.scopeId), k);
	}

	private static slot(year: string, scope: KeyScope, scopeId: number): string {
		return `${year}|${scope}|${scopeId}`;
	}

	/** The most specific key covering the line, or undefined when none does. */
	keyFor(line: RechargeLine): AllocationKey | undefined {
		const ids: Record<KeyScope, number | null> = {
			cost_line: line.id,
			system: line.systemId,
			workstream: line.workstreamId,
			service: 0
		};
		for (const scope of KEY_SCOPES) {
			const id = ids[scope];
			if (id == null) continue;
			const key = this.byKey.get(KeyIndex.slot(line.financialYear, scope, id));
			if (key) return key;
		}
		return undefined;
	}
}

/** Shares one line by its key (or keeps it whole as overhead); the shares add up exactly to the line. */
export function allocateLine(line: RechargeLine, key: AllocationKey | undefined): RechargeShare[] {
	const base = {
		costLineId: line.id,
		financialYear: line.financialYear,
		spendType: line.spendType
	};
	const shares = key?.shares.filter((s) => s.weight > 0) ?? [];
	if (!key || shares.length === 0)
		return [
			{
				...base,
				partnerOrganisationId: null,
				amountPence: line.amountPence,
				keyId: null,
				costCentreId: null
			}
		];
	const amounts = splitByLargestRemainder(
		line.amountPence,
		shares.map((s) => s.weight)
	);
	return shares.map((s, i) => ({
		...base,
		partnerOrganisationId: s.partnerOrganisationId,
		amountPence: amounts[i]!,
		keyId: key.id,
		costCentreId: s.costCentreId
	}));
}

/** Every line's shares, each by the most specific key covering it. */
export function allocateLines(
	lines: Iterable<RechargeLine>,
	keys: Iterable<AllocationKey>
): RechargeShare[] {
	const index = new KeyIndex(keys);
	const out: RechargeShare[] = [];
	for (const line of lines) out.push(...allocateLine(line, index.keyFor(line)));
	return out;
}

export interface PartnerTotal {
	/** null: unallocated shared-service overhead. */
	partnerOrganisationId: number | null;
	financialYear: FinancialYear;
	spendType: SpendType;
	amountPence: number;
}

/** Shares summed by partner (or overhead), year and capital/revenue, in a stable order. */
export function totalsByPartner(shares: Iterable<RechargeShare>): PartnerTotal[] {
	const byKey = new Map<string, PartnerTotal>();
	for (const s of shares) {
		const k = `${s.partnerOrganisationId ?? 0}|${s.financialYear}|${s.spendType}`;
		const seen = byKey.get(k);
		if (seen) seen.amountPence += s.amountPence;
		else
			byKey.set(k, {
				partnerOrganisationId: s.partnerOrganisationId,
				financialYear: s.financialYear,
				spendType: s.spendType,
				amountPence: s.amountPence
			});
	}
	return [...byKey.values()].sort(
		(a, b) =>
			a.financialYear.localeCompare(b.financialYear) ||
			(a.partnerOrganisationId ?? Infinity) - (b.partnerOrganisationId ?? Infinity) ||
			a.spendType.localeCompare(b.spendType)
	);
}
