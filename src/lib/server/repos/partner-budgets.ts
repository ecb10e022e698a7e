/**
 * Partners' budgets for their contribution to a shared service, one per partner and financial year,
 * kept by the shared service (every function takes its organisation id).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { nowUtc, organisation, partnerBudget } from '../db/schema';
import type { Executor } from '../db';

export type BudgetRow = typeof partnerBudget.$inferSelect;
export type BudgetListRow = BudgetRow & { partnerName: string };

/** The service's budgets of one year, by partner name. */
export async function listBudgets(
	ex: Executor,
	organisationId: number,
	financialYear: string
): Promise<BudgetListRow[]> {
	const b = partnerBudget;
	const rows = await ex
		.select({ budget: b, partnerName: organisation.name })
		.from(b)
		.innerJoin(organisation, eq(organisation.id, b.partnerOrganisationId))
		.where(and(eq(b.organisationId, organisationId), eq(b.financialYear, financialYear)))
		.orderBy(asc(organisation.name));
	return rows.map((r) => ({ ...r.budget, partnerName: r.partnerName }));
}

/** One partner's budget of one year, if recorded. */
export async function getBudget(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number,
	financialYear: string
): Promise<BudgetRow | undefined> {
	const b = partnerBudget;
	const [row] = await ex
		.select()
		.from(b)
		.where(
			and(
				eq(b.organisationId, organisationId),
				eq(b.partnerOrganisationId, partnerOrganisationId),
				eq(b.financialYear, financialYear)
			)
		);
	return row;
}

export async function insertBudget(
	ex: Executor,
	organisationId: number,
	fields: { partnerOrganisationId: number; financialYear: string; amountPence: number }
): Promise<BudgetRow> {
	const [row] = await ex
		.insert(partnerBudget)
		.values({ ...fields, organisationId })
		.returning();
	return row!;
}

/** Saves the amount only if the budget is still at `expectedVersion`. */
export async function updateBudget(
	ex: Executor,
	organisationId: number,
	id: number,
	expectedVersion: number,
	amountPence: number
): Promise<BudgetRow | undefined> {
	const b = partnerBudget;
	const [row] = await ex
		.update(b)
		.set({ amountPence, version: sql`${b.version} + 1`, updatedAt: nowUtc })
		.where(and(eq(b.organisationId, organisationId), eq(b.id, id), eq(b.version, expectedVersion)))
		.returning();
	return row;
}
