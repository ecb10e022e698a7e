/**
 * The partner budget form: one partner's budget for its contribution to a shared service in one
 * financial year, typed in pounds. Read here so the form, its refusals and its tests agree.
 */
import { MAX_AMOUNT_PENCE, formatPence, parsePounds, penceToInput } from '../money';
import { parseFinancialYear } from '../fiscal';

export const BUDGET_FIELDS = ['budgetPartner', 'budgetYear', 'budgetAmount'] as const;
export type BudgetFormValues = Record<(typeof BUDGET_FIELDS)[number], string>;
export const BUDGET_LABELS: BudgetFormValues = {
	budgetPartner: 'Partner',
	budgetYear: 'Financial year',
	budgetAmount: 'Budget'
};

export type ParsedBudget =
	| {
			ok: true;
			value: { partnerOrganisationId: number; financialYear: string; amountPence: number };
	  }
	| { ok: false; errors: Record<string, string> };

/** Reads the form: a partner chosen, a financial year, and an amount in pounds, 0 or more. */
export function parseBudgetForm(values: BudgetFormValues): ParsedBudget {
	const errors: Record<string, string> = {};
	const partner = /^\d{1,15}$/.test(values.budgetPartner) ? Number(values.budgetPartner) : null;
	if (partner == null || partner === 0) errors.budgetPartner = 'Choose the partner';
	const year = parseFinancialYear(values.budgetYear);
	if (!year.ok) errors.budgetYear = year.reason;
	let amountPence = 0;
	const money = values.budgetAmount.trim() === '' ? null : parsePounds(values.budgetAmount);
	if (money == null) errors.budgetAmount = 'Enter the partner’s budget for the year, in pounds';
	else if (!money.ok) errors.budgetAmount = `Budget: ${money.reason}`;
	else if (money.pence < 0) errors.budgetAmount = 'The budget cannot be negative';
	else if (money.pence > MAX_AMOUNT_PENCE)
		errors.budgetAmount = `The budget must be ${formatPence(MAX_AMOUNT_PENCE)} or less`;
	else amountPence = money.pence;
	if (Object.keys(errors).length > 0 || !year.ok) return { ok: false, errors };
	return {
		ok: true,
		value: { partnerOrganisationId: partner!, financialYear: year.label, amountPence }
	};
}

/** A saved budget as the form's plain-text values. */
export function budgetFormValues(b: {
	partnerOrganisationId: number;
	financialYear: string;
	amountPence: number | null;
}): BudgetFormValues {
	return {
		budgetPartner: String(b.partnerOrganisationId),
		budgetYear: b.financialYear,
		budgetAmount: b.amountPence == null ? '' : penceToInput(b.amountPence)
	};
}
