/** Reading business cases: the list, one case with its versions and editors, a version, its figures. */
import { db } from '../db/database';
import * as cases from '../repos/business-cases';
import * as settingsRepo from '../repos/appraisal-settings';
import { previewSnapshot } from './business-case-figures';
import type { BusinessCaseSnapshot } from '$lib/domain/business-cases';

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
