/**
 * Business cases: creating one and editing its current draft. Every change runs in one transaction
 * with its audit row, checks the case's `version` (someone else's save in between is a conflict,
 * and nothing is written), and records the actor as an editor of the version, which bars them from
 * deciding the case (services/business-case-decisions.ts). Only a draft's content changes.
 */
import { transaction } from '../db/database';
import * as cases from '../repos/business-cases';
import * as scope from '../repos/business-case-scope';
import { recordAudit } from '../repos/audit';
import type { Executor } from '../db';
import type { Actor } from './actor';
import {
	STAGES,
	newCaseContent,
	type BusinessCaseContent,
	type Stage
} from '$lib/domain/business-cases';
import type { CaseDetailsInput } from '$lib/domain/business-cases';
import { financialYearOf, isFinancialYear } from '$lib/domain/fiscal';
import { todayInUk } from '$lib/domain/dates';
import { isOneOf } from '$lib/domain/systems';
import type { FieldErrors } from '$lib/domain/systems';
import { editDraft, noteEditor, settingsForToday, type CaseResult } from './business-case-draft';

export { noteEditor, settingsForToday, type CaseResult } from './business-case-draft';
export * from './business-case-items';
export * from './business-case-reads';

async function checkScope(
	ex: Executor,
	organisationId: number,
	s: BusinessCaseContent['scope']
): Promise<FieldErrors> {
	const choices = await scope.scopeChoices(ex, organisationId);
	const errors: FieldErrors = {};
	if (!s.workstreamIds.every((id) => choices.workstreamIds.has(id)))
		errors.workstreamIds = 'Select workstreams from the list';
	if (!s.systemIds.every((id) => choices.systemIds.has(id)))
		errors.systemIds = 'Select systems from the list';
	return errors;
}

/** Starts a case: version 1, a draft holding the do-minimum option, appraised with the settings in force today. */
export async function createBusinessCase(
	actor: Actor,
	input: { title: string; stage: Stage; scope?: BusinessCaseContent['scope'] }
): Promise<CaseResult> {
	return transaction(async (tx): Promise<CaseResult> => {
		const errors: FieldErrors = input.scope
			? await checkScope(tx, actor.organisationId, input.scope)
			: {};
		const title = input.title.trim();
		if (!title || title.length > 200) errors.title = 'Enter a title of 200 characters or fewer';
		if (!isOneOf(STAGES, input.stage)) errors.stage = 'Select the stage';
		if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
		const settings = await settingsForToday(tx);
		const created = await cases.insertBusinessCase(tx, actor.organisationId, {
			title,
			stage: input.stage
		});
		const content = newCaseContent(financialYearOf(todayInUk()), input.scope);
		const version = await cases.insertVersion(tx, actor.organisationId, {
			businessCaseId: created.id,
			number: 1,
			content,
			appraisalSettingId: settings.id,
			createdByUserId: actor.userId,
			createdBy: actor.displayName
		});
		await noteEditor(tx, actor, created.id, version.id);
		await recordAudit(tx, actor, {
			entity: 'business_case',
			entityId: created.id,
			action: 'create',
			after: {
				title,
				stage: input.stage,
				versionNumber: 1,
				settings: settings.name,
				scope: content.scope
			}
		});
		return { ok: true, businessCase: created, version };
	});
}

/** Saves the title, stage, five sections, scope, procurement route and appraisal period. */
export async function updateCaseDetails(
	actor: Actor,
	caseId: number,
	expectedVersion: number,
	input: CaseDetailsInput
): Promise<CaseResult> {
	return editDraft(
		actor,
		caseId,
		expectedVersion,
		'update',
		async (tx, content) => {
			const errors = await checkScope(tx, actor.organisationId, input.scope);
			if (
				!isFinancialYear(input.appraisalPeriod.firstYear) ||
				!Number.isInteger(input.appraisalPeriod.years) ||
				input.appraisalPeriod.years < 1 ||
				input.appraisalPeriod.years > 60
			) {
				errors.firstYear = 'Enter an appraisal period of 1 to 60 years from a financial year';
			}
			if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
			return {
				ok: true,
				id: '',
				content: {
					...content,
					sections: { ...input.sections },
					scope: input.scope,
					procurement: input.procurement,
					appraisalPeriod: input.appraisalPeriod
				}
			};
		},
		{ title: input.title, stage: input.stage }
	);
}
