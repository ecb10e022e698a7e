/**
 * The business case forms: what was typed (kept as text, so an invalid form comes back exactly as
 * entered) and the checked input it becomes. Amounts are typed in pounds and held as integer pence;
 * financial years as finance teams write them; dates the UK way.
 */
import { parseFinancialYear } from '../fiscal';
import { isOneOf } from '../systems/system';
import type { FieldErrors, Parsed } from '../systems/review';
import { refuseUnsafeText, text, texts } from '../forms/form-text';
import {
	SECTIONS,
	SECTION_LABEL,
	SOURCING,
	STAGES,
	SYSTEM_COUNTS,
	type AppraisalPeriod,
	type CaseRisk,
	type ProcurementRoute,
	type Section,
	type Sourcing,
	type Stage,
	type SystemCount
} from './business-case';
import { CASE_LIMITS } from './business-case-limits';

const MAX_SECTION = CASE_LIMITS.section;

const all = texts;

// ---------------------------------------------------------------------------------------------
// The case's details: title, stage, the five sections, scope, procurement route, appraisal period

export interface CaseDetailsInput {
	title: string;
	stage: Stage;
	sections: Record<Section, string>;
	scope: { workstreamIds: number[]; systemIds: number[] };
	procurement: ProcurementRoute;
	appraisalPeriod: AppraisalPeriod;
}
export interface CaseDetailsFormValues {
	title: string;
	stage: string;
	sections: Record<Section, string>;
	workstreamIds: string[];
	systemIds: string[];
	procurementSystems: string;
	sourcing: string;
	framework: string;
	firstYear: string;
	years: string;
}

export function readCaseDetailsForm(form: FormData): CaseDetailsFormValues {
	return {
		title: text(form, 'title'),
		stage: text(form, 'stage'),
		sections: Object.fromEntries(SECTIONS.map((s) => [s, text(form, s)])) as Record<
			Section,
			string
		>,
		workstreamIds: all(form, 'workstreamIds').filter(Boolean),
		systemIds: all(form, 'systemIds').filter(Boolean),
		procurementSystems: text(form, 'procurementSystems'),
		sourcing: text(form, 'sourcing'),
		framework: text(form, 'framework'),
		firstYear: text(form, 'firstYear'),
		years: text(form, 'years')
	};
}

function readIds(values: string[], known: ReadonlySet<number>): number[] | null {
	const ids = [...new Set(values.map(Number))];
	return ids.every((id) => known.has(id)) ? ids.sort((a, b) => a - b) : null;
}

/** Checks the details; `context` holds the ids of the organisation's workstreams and live systems. */
export function parseCaseDetailsForm(
	values: CaseDetailsFormValues,
	context: { workstreamIds: ReadonlySet<number>; systemIds: ReadonlySet<number> }
): Parsed<CaseDetailsInput, CaseDetailsFormValues> {
	const errors: FieldErrors = {};
	if (!values.title) errors.title = 'Enter the title of the business case';
	if (!isOneOf(STAGES, values.stage))
		errors.stage = 'Select the stage: strategic outline, outline or full business case';
	const workstreamIds = readIds(values.workstreamIds, context.workstreamIds);
	if (!workstreamIds) errors.workstreamIds = 'Select workstreams from the list';
	const systemIds = readIds(values.systemIds, context.systemIds);
	if (!systemIds) errors.systemIds = 'Select systems from the list';
	if (values.procurementSystems && !isOneOf(SYSTEM_COUNTS, values.procurementSystems))
		errors.procurementSystems = 'Select one system or several';
	if (values.sourcing && !isOneOf(SOURCING, values.sourcing))
		errors.sourcing = 'Select buy or build';
	const firstYear = parseFinancialYear(values.firstYear);
	if (!firstYear.ok)
		errors.firstYear = values.firstYear
			? `First year of the appraisal: ${firstYear.reason}`
			: 'Enter the first year of the appraisal, like 2026/27';
	const years = Number(values.years);
	if (!/^\d{1,3}$/.test(values.years) || years < 1 || years > 60)
		errors.years = 'Enter the appraisal period as a whole number of years from 1 to 60';
	refuseUnsafeText(
		errors,
		values,
		{
			title: 'Title',
			framework: 'Framework',
			firstYear: 'First year of the appraisal',
			years: 'Appraisal period'
		},
		[],
		{ title: CASE_LIMITS.title, framework: CASE_LIMITS.framework }
	);
	refuseUnsafeText(
		errors,
		values.sections,
		SECTION_LABEL,
		SECTIONS,
		Object.fromEntries(SECTIONS.map((s) => [s, MAX_SECTION]))
	);
	if (Object.keys(errors).length > 0 || !firstYear.ok || !workstreamIds || !systemIds)
		return { ok: false, values, errors };
	return {
		ok: true,
		value: {
			title: values.title,
			stage: values.stage as Stage,
			sections: { ...values.sections },
			scope: { workstreamIds, systemIds },
			procurement: {
				systems: (values.procurementSystems || null) as SystemCount | null,
				sourcing: (values.sourcing || null) as Sourcing | null,
				framework: values.framework
			},
			appraisalPeriod: { firstYear: firstYear.label, years }
		}
	};
}

// ---------------------------------------------------------------------------------------------
// Risks

export const RISK_FIELDS = [
	'title',
	'description',
	'owner',
	'mitigation',
	'inherentLikelihood',
	'inherentImpact',
	'residualLikelihood',
	'residualImpact'
] as const;
export type RiskFormValues = Record<(typeof RISK_FIELDS)[number], string>;

export function readRiskForm(form: FormData): RiskFormValues {
	return Object.fromEntries(RISK_FIELDS.map((f) => [f, text(form, f)])) as RiskFormValues;
}

/**
 * Checks a risk. Likelihood and impact are 1-5 each. A residual score above the inherent one is
 * refused: the residual score is the risk after its mitigation, and a mitigation that makes a risk
 * worse is a new risk to record on its own.
 */
export function parseRiskForm(
	values: RiskFormValues
): Parsed<Omit<CaseRisk, 'id'>, RiskFormValues> {
	const errors: FieldErrors = {};
	if (!values.title) errors.title = 'Enter the risk';
	if (!values.owner) errors.owner = 'Enter who owns the risk';
	const score = (
		field: 'inherentLikelihood' | 'inherentImpact' | 'residualLikelihood' | 'residualImpact',
		label: string
	) => {
		if (/^[1-5]$/.test(values[field])) return Number(values[field]);
		errors[field] = `Select the ${label} from 1 to 5`;
		return 0;
	};
	const inherent = {
		likelihood: score('inherentLikelihood', 'likelihood before mitigation'),
		impact: score('inherentImpact', 'impact before mitigation')
	};
	const residual = {
		likelihood: score('residualLikelihood', 'likelihood after mitigation'),
		impact: score('residualImpact', 'impact after mitigation')
	};
	if (
		!errors.residualLikelihood &&
		!errors.residualImpact &&
		!errors.inherentLikelihood &&
		!errors.inherentImpact &&
		residual.likelihood * residual.impact > inherent.likelihood * inherent.impact
	) {
		errors.residualLikelihood = 'The score after mitigation cannot be higher than before it';
	}
	if (
		!values.mitigation &&
		!errors.residualLikelihood &&
		(residual.likelihood < inherent.likelihood || residual.impact < inherent.impact)
	) {
		errors.mitigation =
			'Say how the risk is mitigated: the score after mitigation is lower than before it';
	}
	refuseUnsafeText(
		errors,
		values,
		{ title: 'Risk', description: 'Description', owner: 'Owner', mitigation: 'Mitigation' },
		['description', 'mitigation'],
		{
			title: CASE_LIMITS.riskTitle,
			description: CASE_LIMITS.riskText,
			owner: CASE_LIMITS.owner,
			mitigation: CASE_LIMITS.riskText
		}
	);
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: {
			title: values.title,
			description: values.description,
			owner: values.owner,
			mitigation: values.mitigation,
			inherent,
			residual
		}
	};
}

// The limits, the forms with rows of amounts, and the decision form, each in its own module.
export * from './business-case-limits';
export * from './business-case-flows-form';
export * from './business-case-decision-form';
