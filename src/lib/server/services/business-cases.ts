/**
 * Business cases: creating one and editing its current draft. Every change runs in one transaction
 * with its audit row, checks the case's `version` (someone else's save in between is a conflict,
 * and nothing is written), and records the actor as an editor of the version, which bars them from
 * deciding the case (services/business-case-decisions.ts). Only a draft's content changes.
 */
import { db, transaction } from '../db/database';
import * as cases from '../repos/business-cases';
import * as settingsRepo from '../repos/appraisal-settings';
import * as scope from '../repos/business-case-scope';
import { recordAudit } from '../repos/audit';
import type { Executor } from '../db';
import type { Actor } from './actor';
import { costModelFlows, previewSnapshot } from './business-case-figures';
import {
	STAGES,
	choosePreferredOption,
	contentChanges,
	newCaseContent,
	removeBenefit as removeBenefitFrom,
	removeOption as removeOptionFrom,
	removeRisk as removeRiskFrom,
	replacePulledFlows,
	saveBenefit as saveBenefitIn,
	saveOption as saveOptionIn,
	saveRisk as saveRiskIn,
	type BusinessCaseContent,
	type CaseBenefit,
	type CaseOption,
	type CaseRisk,
	type ContentChange,
	type Stage
} from '$lib/domain/business-cases';
import type { CaseDetailsInput, BusinessCaseSnapshot } from '$lib/domain/business-cases';
import { financialYearOf, isFinancialYear } from '$lib/domain/fiscal';
import { todayInUk } from '$lib/domain/dates';
import { isOneOf } from '$lib/domain/systems';
import type { FieldErrors } from '$lib/domain/systems';
import { isExactPence } from '$lib/domain/money';
import { tooLargeToFreeze } from '$lib/domain/hashing';

export type CaseResult =
	| { ok: true; businessCase: cases.BusinessCaseRow; version: cases.VersionRow; itemId?: string }
	| { ok: false; reason: 'not-found' }
	/** Someone changed the case since `expectedVersion` was read: nothing was written. */
	| { ok: false; reason: 'conflict'; current: cases.BusinessCaseRow }
	| { ok: false; reason: 'invalid'; errors: FieldErrors }
	/** The workflow does not allow it (not a draft; removing 'do minimum'; ...): `message` says why. */
	| { ok: false; reason: 'refused'; message: string };

/** The settings in force today; the migration seeds the Green Book's, so there always are some. */
export async function settingsForToday(ex: Executor) {
	const settings = await settingsRepo.settingsInForce(ex, todayInUk());
	if (!settings)
		throw new Error(
			'no appraisal settings in force: migration 0008 seeds the Green Book 2022 figures'
		);
	return settings;
}

/** Records the actor as an editor of the version (scripts and seeding, with no user, are not recorded). */
export async function noteEditor(
	ex: Executor,
	actor: Actor,
	businessCaseId: number,
	versionId: number
): Promise<void> {
	if (actor.userId != null)
		await cases.recordEditor(ex, actor.organisationId, businessCaseId, versionId, actor.userId);
}

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

type DraftChange = ContentChange | { ok: false; reason: 'invalid'; errors: FieldErrors };

/**
 * Applies `change` to the current draft's content (and, with `fields`, the case's title or stage),
 * checking the case's version first; audited as `action` with what changed.
 */
async function editDraft(
	actor: Actor,
	caseId: number,
	expectedVersion: number,
	action: string,
	change: (tx: Executor, content: BusinessCaseContent) => Promise<DraftChange> | DraftChange,
	fields: { title?: string; stage?: Stage } = {}
): Promise<CaseResult> {
	return transaction(async (tx): Promise<CaseResult> => {
		const row = await cases.getBusinessCase(tx, actor.organisationId, caseId);
		if (!row) return { ok: false, reason: 'not-found' };
		if (row.version !== expectedVersion) return { ok: false, reason: 'conflict', current: row };
		const version = (await cases.getVersion(
			tx,
			actor.organisationId,
			caseId,
			row.currentVersionNumber
		))!;
		if (version.status !== 'draft') {
			return {
				ok: false,
				reason: 'refused',
				message:
					'Only a draft can be edited: withdraw a submitted case, or revise a decided one as a new version'
			};
		}
		const changed = await change(tx, version.content);
		if (!changed.ok) {
			if (changed.reason === 'invalid') return changed;
			return changed.reason === 'missing'
				? { ok: false, reason: 'not-found' }
				: { ok: false, reason: 'refused', message: changed.message };
		}
		await cases.setVersionContent(tx, actor.organisationId, version.id, changed.content);
		const saved = await cases.updateBusinessCase(
			tx,
			actor.organisationId,
			caseId,
			expectedVersion,
			fields
		);
		if (!saved) throw new Error(`business case ${caseId} moved on inside its own transaction`);
		await noteEditor(tx, actor, caseId, version.id);
		const [was, now] = contentChanges(version.content, changed.content);
		for (const key of ['title', 'stage'] as const)
			if (fields[key] !== undefined && fields[key] !== row[key])
				[was[key], now[key]] = [row[key], fields[key]];
		await recordAudit(tx, actor, {
			entity: 'business_case',
			entityId: caseId,
			action,
			before: was,
			after: now,
			detail: `version ${version.number}${changed.id ? `, ${changed.id}` : ''}`
		});
		return {
			ok: true,
			businessCase: saved,
			version: { ...version, content: changed.content },
			itemId: changed.id || undefined
		};
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

// ---------------------------------------------------------------------------------------------
// Reading

export const listBusinessCases = (organisationId: number) =>
	cases.listBusinessCases(db(), organisationId);

export interface BusinessCaseDetail {
	businessCase: cases.BusinessCaseRow;
	current: cases.VersionRow;
	versions: cases.VersionSummary[];
	decisions: cases.DecisionRow[];
	/** The latest approved version, the baseline reports measure against; null when none yet. */
	baselineVersionNumber: number | null;
	settings: settingsRepo.AppraisalSettingRow;
}

/** A case with its current version, history and decisions; undefined when missing or another organisation's. */
export async function getBusinessCaseDetail(
	organisationId: number,
	caseId: number
): Promise<BusinessCaseDetail | undefined> {
	const ex = db();
	const businessCase = await cases.getBusinessCase(ex, organisationId, caseId);
	if (!businessCase) return undefined;
	const current = (await cases.getVersion(
		ex,
		organisationId,
		caseId,
		businessCase.currentVersionNumber
	))!;
	const versions = await cases.listVersions(ex, organisationId, caseId);
	return {
		businessCase,
		current,
		versions,
		decisions: await cases.listDecisions(ex, organisationId, caseId),
		baselineVersionNumber: versions.find((v) => v.frozenAt != null)?.number ?? null,
		settings: (await settingsRepo.getAppraisalSetting(ex, current.appraisalSettingId))!
	};
}

/** One version as stored (a frozen one with its snapshot and hash). */
export const getVersion = (organisationId: number, caseId: number, number: number) =>
	cases.getVersion(db(), organisationId, caseId, number);

/**
 * Every figure of a version: a frozen version's stored snapshot, exactly as approved; otherwise
 * the same snapshot built now from the cost model (a preview, with no decision in it).
 */
export async function figuresOf(
	organisationId: number,
	caseId: number,
	number: number
): Promise<BusinessCaseSnapshot | undefined> {
	const ex = db();
	const row = await cases.getBusinessCase(ex, organisationId, caseId);
	const version = row && (await cases.getVersion(ex, organisationId, caseId, number));
	if (!row || !version) return undefined;
	return version.snapshot ?? previewSnapshot(ex, organisationId, row, version);
}
