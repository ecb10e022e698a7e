/**
 * A shared service's business case, partner by partner: each option's cost of each year shared by
 * the shared service's default key for that year (the key a line with no more specific key gets),
 * pennies by largest remainder so each year's shares add up exactly to the year's cost. A year no
 * default key covers stays whole as unallocated, and the table says which key applied to each year.
 */
import { formatDate } from '../dates';
import type { FinancialYear } from '../fiscal';
import { sumPence } from '../rollups/rollup';
import { UNALLOCATED_LABEL } from './allocate';
import type { AllocationKey } from './keys';
import { splitByLargestRemainder } from './split';

export interface OptionShareRow {
	/** null: unallocated (no default key for a year). */
	partnerOrganisationId: number | null;
	name: string;
	cells: number[];
	totalPence: number;
}

export interface OptionPartnerShares {
	optionId: string;
	title: string;
	years: FinancialYear[];
	rows: OptionShareRow[];
	/** Each year's cost (the column totals) and the option's whole cost. */
	yearTotals: number[];
	totalPence: number;
	/** For each year: the key that applied, in words, or that none did. */
	keysApplied: { financialYear: FinancialYear; words: string }[];
}

/** 'Shared service default: users (Active Directory accounts, as at 31 March 2026)' or '...: fixed percentages'. */
export function defaultKeyWords(key: AllocationKey | undefined): string {
	if (!key) return 'No default key for this year: its cost is shown as unallocated';
	if (key.kind === 'fixed') return 'Shared service default: fixed percentages';
	return `Shared service default: ${key.measure} (${key.source}, as at ${formatDate(key.asAt)})`;
}

/**
 * One option's shares. `years` are the columns (the appraisal period); a cost in any other year is
 * added as a column of its own so nothing is dropped. Partners are every partner named (by name),
 * the unallocated row last and only when a year has no key.
 */
export function optionPartnerShares(
	option: {
		id: string;
		title: string;
		costs: readonly { financialYear: FinancialYear; amountPence: number }[];
	},
	years: readonly FinancialYear[],
	defaultKeys: ReadonlyMap<string, AllocationKey>,
	partners: readonly { id: number; name: string }[]
): OptionPartnerShares {
	const allYears = [...new Set([...years, ...option.costs.map((c) => c.financialYear)])].sort();
	const costOf = (y: string) =>
		sumPence(option.costs.filter((c) => c.financialYear === y).map((c) => c.amountPence));
	const ordered = [...partners].sort(
		(a, b) => a.name.localeCompare(b.name, 'en-GB') || a.id - b.id
	);
	const cells = new Map<number | null, number[]>(
		[...ordered.map((p) => p.id), null].map((id) => [id, allYears.map(() => 0)])
	);
	allYears.forEach((y, i) => {
		const cost = costOf(y);
		const shares = defaultKeys.get(y)?.shares.filter((s) => s.weight > 0) ?? [];
		if (shares.length === 0) {
			cells.get(null)![i] = cost;
			return;
		}
		const split = splitByLargestRemainder(
			cost,
			shares.map((s) => s.weight)
		);
		shares.forEach((s, k) => {
			const row = cells.get(s.partnerOrganisationId);
			// A share for an organisation no longer listed as a partner is still counted, never dropped.
			if (row) row[i] = split[k]!;
			else cells.get(null)![i] = sumPence([cells.get(null)![i]!, split[k]!]);
		});
	});
	const rows: OptionShareRow[] = [
		...ordered.map((p) => ({ partnerOrganisationId: p.id, name: p.name, cells: cells.get(p.id)! })),
		{ partnerOrganisationId: null, name: UNALLOCATED_LABEL, cells: cells.get(null)! }
	]
		.map((r) => ({ ...r, totalPence: sumPence(r.cells) }))
		.filter((r) => r.partnerOrganisationId != null || r.totalPence > 0);
	const yearTotals = allYears.map(costOf);
	return {
		optionId: option.id,
		title: option.title,
		years: allYears,
		rows,
		yearTotals,
		totalPence: sumPence(yearTotals),
		keysApplied: allYears.map((financialYear) => ({
			financialYear,
			words: defaultKeyWords(defaultKeys.get(financialYear))
		}))
	};
}
