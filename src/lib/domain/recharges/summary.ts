/** One year's recharge totals as a table: a row per partner (capital, revenue), overhead last. */
export interface PartnerTotalRow {
	id: number | null;
	name: string;
	capital: number;
	revenue: number;
}

export function rowsByPartner(
	totals: readonly {
		partnerOrganisationId: number | null;
		partnerName: string;
		spendType: 'capital' | 'revenue';
		amountPence: number;
	}[]
): PartnerTotalRow[] {
	const byPartner = new Map<number, PartnerTotalRow>();
	for (const t of totals) {
		const k = t.partnerOrganisationId ?? 0;
		const row = byPartner.get(k) ?? {
			id: t.partnerOrganisationId,
			name: t.partnerName,
			capital: 0,
			revenue: 0
		};
		row[t.spendType] += t.amountPence;
		byPartner.set(k, row);
	}
	// Overhead last, so the partners read first and the overhead is never lost among them.
	return [...byPartner.values()].sort((a, b) => (a.id == null ? 1 : b.id == null ? -1 : 0));
}

/** Lines shown per page on the recharge pages (a large service has 100,000 lines a year). */
export const LINES_PER_PAGE = 100;

/** `?page=3` -> 3; anything else (missing, 0, negative, not a whole number, absurdly large) -> 1. */
export function pageNumber(text: string | null): number {
	const n = Number(text);
	return Number.isInteger(n) && n > 0 && n < 1_000_000 ? n : 1;
}

/** How many pages `count` lines make (at least one). */
export const pageCount = (count: number) => Math.max(1, Math.ceil(count / LINES_PER_PAGE));
