/**
 * A business case draft's options, risks and benefits: added, changed, removed, the preferred option
 * chosen, and an option's flows pulled from the cost model, each through `editDraft`
 * (./business-case-draft): one transaction, the version checked, the audit row written.
 */
import type { Actor } from './actor';
import { costModelFlows } from './business-case-figures';
import {
	choosePreferredOption,
	removeBenefit as removeBenefitFrom,
	removeOption as removeOptionFrom,
	removeRisk as removeRiskFrom,
	replacePulledFlows,
	saveBenefit as saveBenefitIn,
	saveOption as saveOptionIn,
	saveRisk as saveRiskIn,
	type CaseBenefit,
	type CaseOption,
	type CaseRisk
} from '$lib/domain/business-cases';
import { isFinancialYear } from '$lib/domain/fiscal';
import type { FieldErrors } from '$lib/domain/systems';
import { isExactPence } from '$lib/domain/money';
import { tooLargeToFreeze } from '$lib/domain/hashing';

import { editDraft, type CaseResult } from './business-case-draft';
/** Flows must be whole, non-negative pence in real financial years: checked here too, as a form is not the only caller. */
function flowErrors(option: Omit<CaseOption, 'id'>): FieldErrors {
	const flows = [...option.costs, ...option.benefits];
	const bad = flows.some(
		(f) =>
			!isFinancialYear(f.financialYear) || !Number.isSafeInteger(f.amountPence) || f.amountPence < 0
	);
	const errors: FieldErrors = {};
	if (bad)
		errors.costs =
			'Every amount must be whole pence, not negative, in a financial year like 2026/27';
	if (
		!Number.isInteger(option.mitigatedBp) ||
		option.mitigatedBp < 0 ||
		option.mitigatedBp > 10_000
	)
		errors.mitigated = 'The share of risk mitigated must be from 0% to 100%';
	return errors;
}

/**
 * Adds an option (`optionId` null) or saves one. The flows given are the ones typed in; flows
 * pulled from the cost model are kept as they are (pull again to refresh them).
 */
export async function saveOption(
	actor: Actor,
	caseId: number,
	expectedVersion: number,
	optionId: string | null,
	input: Omit<CaseOption, 'id'>
): Promise<CaseResult> {
	return editDraft(
		actor,
		caseId,
		expectedVersion,
		optionId ? 'option-update' : 'option-add',
		(_tx, content) => {
			const errors = flowErrors(input);
			if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
			const existing = content.options.find((o) => o.id === optionId);
			return saveOptionIn(content, optionId, {
				...input,
				costs: [
					...input.costs.filter((c) => c.source === 'entered'),
					...(existing?.costs.filter((c) => c.source === 'cost_model') ?? [])
				],
				benefits: [
					...input.benefits.filter((b) => b.source === 'entered'),
					...(existing?.benefits.filter((b) => b.source === 'cost_model') ?? [])
				]
			});
		}
	);
}

/** Removes an option; 'do minimum' is refused. */
export const removeOption = (
	actor: Actor,
	caseId: number,
	expectedVersion: number,
	optionId: string
) =>
	editDraft(actor, caseId, expectedVersion, 'option-remove', (_tx, content) =>
		removeOptionFrom(content, optionId)
	);

export const choosePreferred = (
	actor: Actor,
	caseId: number,
	expectedVersion: number,
	optionId: string | null
) =>
	editDraft(actor, caseId, expectedVersion, 'option-prefer', (_tx, content) =>
		choosePreferredOption(content, optionId)
	);

/** Replaces the option's cost-model flows with the scope's cost lines and savings as they stand now. */
export const pullOptionFromCostModel = (
	actor: Actor,
	caseId: number,
	expectedVersion: number,
	optionId: string
) =>
	editDraft(actor, caseId, expectedVersion, 'option-pull', async (tx, content) => {
		const pulled = await costModelFlows(tx, actor.organisationId, content);
		// The flows are stored in the draft's content, which holds only real figures (JSON has no Infinity).
		const tooLarge = [...pulled.costs, ...pulled.benefits]
			.filter((f) => !isExactPence(f.amountPence))
			.map((f) => `${f.description}, ${f.financialYear}`);
		if (tooLarge.length > 0)
			return { ok: false, reason: 'refused', message: tooLargeToFreeze('An option', tooLarge) };
		return replacePulledFlows(content, optionId, pulled);
	});

export const saveRisk = (
	actor: Actor,
	caseId: number,
	expectedVersion: number,
	riskId: string | null,
	input: Omit<CaseRisk, 'id'>
) =>
	editDraft(actor, caseId, expectedVersion, riskId ? 'risk-update' : 'risk-add', (_tx, content) =>
		saveRiskIn(content, riskId, input)
	);
export const removeRisk = (actor: Actor, caseId: number, expectedVersion: number, riskId: string) =>
	editDraft(actor, caseId, expectedVersion, 'risk-remove', (_tx, content) =>
		removeRiskFrom(content, riskId)
	);
export const saveBenefit = (
	actor: Actor,
	caseId: number,
	expectedVersion: number,
	benefitId: string | null,
	input: Omit<CaseBenefit, 'id'>
) =>
	editDraft(
		actor,
		caseId,
		expectedVersion,
		benefitId ? 'benefit-update' : 'benefit-add',
		(_tx, content) => saveBenefitIn(content, benefitId, input)
	);
export const removeBenefit = (
	actor: Actor,
	caseId: number,
	expectedVersion: number,
	benefitId: string
) =>
	editDraft(actor, caseId, expectedVersion, 'benefit-remove', (_tx, content) =>
		removeBenefitFrom(content, benefitId)
	);
