/**
 * Business cases in HM Treasury's Better Business Cases form: three stages, five cases, an options
 * appraisal that always keeps 'do minimum', a risk register scored 5 x 5, benefits by financial year,
 * and the approval workflow whose approved versions are frozen. Pure: the content is plain JSON that
 * the database stores as it is, and its canonical form (../hashing) is what the content hash is taken over.
 */
import type { FinancialYear } from '../fiscal';
import type { SpendType } from '../costs/cost';
import type { RiskScore } from '../risk/score';

export const STAGES = ['strategic_outline', 'outline', 'full'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABEL: Record<Stage, string> = {
	strategic_outline: 'Strategic Outline Case',
	outline: 'Outline Business Case',
	full: 'Full Business Case'
};

/** The five cases, in the order the guidance sets them out. */
export const SECTIONS = ['strategic', 'economic', 'commercial', 'financial', 'management'] as const;
export type Section = (typeof SECTIONS)[number];
export const SECTION_LABEL: Record<Section, string> = {
	strategic: 'Strategic case',
	economic: 'Economic case',
	commercial: 'Commercial case',
	financial: 'Financial case',
	management: 'Management case'
};
/** What each case answers (Better Business Cases guidance), shown as the hint under each section. */
export const SECTION_QUESTION: Record<Section, string> = {
	strategic: 'Is there a compelling case for change?',
	economic: 'Which option offers the best public value?',
	commercial: 'Can a viable deal be struck?',
	financial: 'Is it affordable, and how will it be funded?',
	management: 'Can it be delivered successfully?'
};

export const SYSTEM_COUNTS = ['single', 'multiple'] as const;
export type SystemCount = (typeof SYSTEM_COUNTS)[number];
export const SYSTEM_COUNT_LABEL: Record<SystemCount, string> = {
	single: 'One system',
	multiple: 'Several systems'
};
export const SOURCING = ['buy', 'build'] as const;
export type Sourcing = (typeof SOURCING)[number];
export const SOURCING_LABEL: Record<Sourcing, string> = {
	buy: 'Buy an existing product',
	build: 'Build'
};

export interface ProcurementRoute {
	systems: SystemCount | null;
	sourcing: Sourcing | null;
	/** The framework or route to market, e.g. 'Crown Commercial Service G-Cloud 14'; '' when none yet. */
	framework: string;
}

export const BENEFIT_KINDS = ['cashable', 'non_cashable'] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];
export const BENEFIT_KIND_LABEL: Record<BenefitKind, string> = {
	cashable: 'Cashable',
	non_cashable: 'Non-cashable'
};
export const BENEFIT_TYPES = [
	'run_cost_saved',
	'outage_risk_avoided',
	'hours_saved',
	'other'
] as const;
export type BenefitType = (typeof BENEFIT_TYPES)[number];
export const BENEFIT_TYPE_LABEL: Record<BenefitType, string> = {
	run_cost_saved: 'Run cost saved',
	outage_risk_avoided: 'Outage risk avoided',
	hours_saved: 'Hours saved',
	other: 'Other'
};
/**
 * The kind a type must be, where it is fixed: a run cost no longer paid leaves a budget (cashable);
 * productivity not lost to outages does not (non-cashable). Hours saved are cashable only when posts
 * or overtime actually go, so the officer says which.
 */
export const BENEFIT_TYPE_KIND: Record<BenefitType, BenefitKind | null> = {
	run_cost_saved: 'cashable',
	outage_risk_avoided: 'non_cashable',
	hours_saved: null,
	other: null
};

export interface YearAmount {
	financialYear: FinancialYear;
	amountPence: number;
}

/** Where a flow came from: typed in, or pulled from the cost model (and replaced when pulled again). */
export type FlowSource = 'entered' | 'cost_model';

export interface OptionCost extends YearAmount {
	spendType: SpendType;
	description: string;
	source: FlowSource;
}
export interface OptionBenefit extends YearAmount {
	kind: BenefitKind;
	type: BenefitType;
	description: string;
	source: FlowSource;
}

export const DO_MINIMUM_ID = 'do-minimum';
export const DO_MINIMUM_TITLE = 'Do minimum: maintain the existing systems';

export interface CaseOption {
	id: string;
	title: string;
	description: string;
	/** The share of optimism-bias risk this option has mitigated, basis points (40% = 4,000). */
	mitigatedBp: number;
	costs: OptionCost[];
	benefits: OptionBenefit[];
}

export interface CaseRisk {
	id: string;
	title: string;
	description: string;
	owner: string;
	mitigation: string;
	inherent: RiskScore;
	residual: RiskScore;
}

/** An entry in the benefits register: what is gained, by whom, and how much in each year. */
export interface CaseBenefit {
	id: string;
	title: string;
	kind: BenefitKind;
	type: BenefitType;
	owner: string;
	measure: string;
	byYear: YearAmount[];
}

export interface AppraisalPeriod {
	/** Year 0 of the appraisal: flows in it are not discounted. */
	firstYear: FinancialYear;
	years: number;
}

/** Everything a version of a business case says: stored as JSON, frozen when approved. */
export interface BusinessCaseContent {
	sections: Record<Section, string>;
	scope: { workstreamIds: number[]; systemIds: number[] };
	procurement: ProcurementRoute;
	appraisalPeriod: AppraisalPeriod;
	options: CaseOption[];
	preferredOptionId: string | null;
	risks: CaseRisk[];
	benefits: CaseBenefit[];
}

/** The content of a new case: empty sections and the do-minimum option, which is always there. */
export function newCaseContent(
	firstYear: FinancialYear,
	scope: BusinessCaseContent['scope'] = { workstreamIds: [], systemIds: [] }
): BusinessCaseContent {
	return {
		sections: { strategic: '', economic: '', commercial: '', financial: '', management: '' },
		scope: { workstreamIds: [...scope.workstreamIds], systemIds: [...scope.systemIds] },
		procurement: { systems: null, sourcing: null, framework: '' },
		// Ten years: the usual appraisal period for ICT, whose assets rarely last longer.
		appraisalPeriod: { firstYear, years: 10 },
		options: [
			{
				id: DO_MINIMUM_ID,
				title: DO_MINIMUM_TITLE,
				description: '',
				mitigatedBp: 0,
				costs: [],
				benefits: []
			}
		],
		preferredOptionId: null,
		risks: [],
		benefits: []
	};
}

// ---------------------------------------------------------------------------------------------
// The approval workflow (statuses, steps and the decision record: ./business-case-workflow)

export * from './business-case-workflow';

/**
 * What stops a draft being submitted: members decide between options, so there must be at least
 * two (do minimum and one more) and a preferred one; every one of the five cases must be written;
 * and the scope must say what the case covers.
 */
export function submissionProblems(content: BusinessCaseContent): string[] {
	const problems: string[] = [];
	for (const s of SECTIONS)
		if (!content.sections[s].trim()) problems.push(`Write the ${SECTION_LABEL[s].toLowerCase()}`);
	if (content.scope.workstreamIds.length === 0 && content.scope.systemIds.length === 0)
		problems.push('Add the workstreams or systems the case covers');
	if (content.options.length < 2)
		problems.push('Add at least one option besides doing the minimum');
	if (!content.preferredOptionId) problems.push('Choose the preferred option');
	return problems;
}
