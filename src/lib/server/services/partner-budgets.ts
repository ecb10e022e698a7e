/**
 * Partners' budgets for their contribution to a shared service, recorded by the shared service's
 * officers from each partner's budget papers: one amount per partner and financial year, saved at
 * the version the form was opened with (0: opened before the budget was recorded), audited in the
 * same transaction. The committee report sets each partner's recharges against it.
 */
import { transaction } from '../db/database';
import * as partnerships from '../repos/governance-partnerships';
import * as budgets from '../repos/partner-budgets';
import * as partnerRollups from '../repos/recharge-rollups';
import { recordAudit } from '../repos/audit';
import type { Executor } from '../db';
import type { Actor } from './actor';
import type { ServiceResult } from './result';
import type { FieldErrors } from '$lib/domain/forms';
import { isFinancialYear } from '$lib/domain/fiscal';
import { MAX_AMOUNT_PENCE } from '$lib/domain/money';
import { budgetFormValues, partnerShareRows } from '$lib/domain/recharges';
import type { PartnerShareFacts } from '$lib/domain/reports';

const NOT_SHARED =
	'This organisation is not a shared service: a platform administrator records its partnership agreement first';

/** The budget as now saved, or version 0 when a form opened at version 1 finds none (never recorded). */
export type BudgetCurrent = { version: number; amountPence: number | null };
export type BudgetResult = ServiceResult<{ budget: budgets.BudgetRow }, BudgetCurrent>;

export interface BudgetInput {
	partnerOrganisationId: number;
	financialYear: string;
	amountPence: number;
}

/** Records or changes one partner's budget of one year, at the version the form was opened with. */
export async function saveBudget(
	actor: Actor,
	expectedVersion: number,
	input: BudgetInput
): Promise<BudgetResult> {
	return transaction(async (tx): Promise<BudgetResult> => {
		const org = actor.organisationId;
		if (!(await partnerships.getAgreement(tx, org)))
			return { ok: false, reason: 'invalid', errors: { budgetPartner: NOT_SHARED } };
		const partner = (await partnerships.listPartners(tx, org)).find(
			(p) => p.partnerOrganisationId === input.partnerOrganisationId
		);
		const errors: FieldErrors = {};
		if (!partner) errors.budgetPartner = 'Choose one of the partners';
		if (!isFinancialYear(input.financialYear))
			errors.budgetYear = 'Enter the financial year, like 2026/27';
		if (!Number.isSafeInteger(input.amountPence) || input.amountPence < 0)
			errors.budgetAmount = 'The budget cannot be negative';
		else if (input.amountPence > MAX_AMOUNT_PENCE)
			errors.budgetAmount = 'The budget is more than the largest amount the app holds';
		if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
		const before = await budgets.getBudget(
			tx,
			org,
			input.partnerOrganisationId,
			input.financialYear
		);
		if ((before?.version ?? 0) !== expectedVersion)
			return {
				ok: false,
				reason: 'conflict',
				current: { version: before?.version ?? 0, amountPence: before?.amountPence ?? null }
			};
		const budget = before
			? await budgets.updateBudget(tx, org, before.id, expectedVersion, input.amountPence)
			: await budgets.insertBudget(tx, org, input);
		if (!budget)
			return {
				ok: false,
				reason: 'conflict',
				current: { version: before!.version, amountPence: before!.amountPence }
			};
		await recordAudit(tx, actor, {
			entity: 'partner_budget',
			entityId: budget.id,
			action: before ? 'update' : 'create',
			before: before ? { amountPence: before.amountPence } : undefined,
			after: {
				partner: partner!.partnerName,
				financialYear: budget.financialYear,
				amountPence: budget.amountPence
			}
		});
		return { ok: true, budget };
	});
}

/**
 * A shared service's partners, their recharges of `year` and their budgets for it: what /recharges
 * and the committee report set against each other. Null for an organisation that runs no shared service.
 */
export async function partnerShareFacts(
	ex: Executor,
	organisationId: number,
	year: string
): Promise<(PartnerShareFacts & { saved: budgets.BudgetRow[] }) | null> {
	if (!(await partnerships.getAgreement(ex, organisationId))) return null;
	const partners = [
		...new Map(
			(await partnerships.listPartners(ex, organisationId)).map((p) => [
				p.partnerOrganisationId,
				{ id: p.partnerOrganisationId, name: p.partnerName }
			])
		).values()
	];
	const saved = await budgets.listBudgets(ex, organisationId, year);
	const shares = await partnerRollups.costByPartnerYear(ex, organisationId, year);
	return {
		partners,
		shares: shares.map((g) => ({
			partnerOrganisationId: g.partnerOrganisationId,
			amountPence: g.amountPence
		})),
		budgets: saved.map((b) => ({
			partnerOrganisationId: b.partnerOrganisationId,
			amountPence: b.amountPence
		})),
		saved
	};
}

/**
 * What /recharges shows of the budgets for `year`: each partner's share against its budget, and the
 * budget form (for the partner `editing`, at its version; otherwise a new budget at version 0).
 */
export async function budgetsView(
	ex: Executor,
	organisationId: number,
	year: string,
	editing: number | null
) {
	const facts = await partnerShareFacts(ex, organisationId, year);
	const partners = facts?.partners ?? [];
	const chosen = facts?.saved.find((b) => b.partnerOrganisationId === editing);
	const partner = partners.find((p) => p.id === editing);
	return {
		rows: facts ? partnerShareRows(facts.partners, facts.shares, facts.budgets) : [],
		form: {
			partner: partner ?? null,
			version: chosen?.version ?? 0,
			values: budgetFormValues({
				partnerOrganisationId: partner?.id ?? 0,
				financialYear: year,
				amountPence: chosen?.amountPence ?? null
			})
		}
	};
}
