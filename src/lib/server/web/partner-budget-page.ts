/**
 * The partner budget form on /recharges, once the route has authorised the caller: parse with the
 * domain, save at the version the form was opened with, answer through the one versioned-save helper
 * (a redirect with the banner, or the form again: 400 with errors, 409 with the amount now saved).
 */
import type { RequestEvent } from '@sveltejs/kit';
import * as budgetService from '../services/partner-budgets';
import type { Actor } from '../services/actor';
import { answerSave, readVersion, refuse } from './versioned-save';
import { text } from '$lib/domain/forms';
import { formatPence } from '$lib/domain/money';
import {
	BUDGET_FIELDS,
	BUDGET_LABELS,
	budgetFormValues,
	parseBudgetForm,
	type BudgetFormValues
} from '$lib/domain/recharges';

export async function saveBudget(event: RequestEvent, actor: Actor) {
	const form = await event.request.formData();
	const values = Object.fromEntries(
		BUDGET_FIELDS.map((f) => [f, text(form, f)])
	) as BudgetFormValues;
	const posted = { values, ...readVersion(form, BUDGET_FIELDS), action: 'budget' };
	const parsed = parseBudgetForm(values);
	if (!parsed.ok) return refuse(posted, parsed.errors);
	const result = await budgetService.saveBudget(actor, posted.version, parsed.value);
	return answerSave(event, result, posted, {
		record: { kind: 'partner_budget', id: 0 },
		done: ({ budget }) => ({
			to: `/recharges?year=${encodeURIComponent(budget.financialYear)}#budgets`,
			message: `Budget of ${formatPence(budget.amountPence)} recorded for ${budget.financialYear}.`
		}),
		conflict: {
			fields: BUDGET_FIELDS,
			labels: BUDGET_LABELS,
			saved: (current) => budgetFormValues({ ...parsed.value, amountPence: current.amountPence })
		}
	});
}
