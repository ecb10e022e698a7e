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
