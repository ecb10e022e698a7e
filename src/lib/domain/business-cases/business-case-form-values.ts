/**
 * The other direction of business-case-form.ts: what a saved case, option, risk or benefit puts in
 * its form when opened for editing, with spare blank rows for amounts by year (blank rows are
 * skipped when the form is read). Amounts are shown as typed: '1234.56'.
 */
import { penceToInput } from '../money';
import {
	SECTIONS,
	type BusinessCaseContent,
	type CaseBenefit,
	type CaseOption,
	type CaseRisk,
	type Section,
	type Stage
} from './business-case';
import type {
	BenefitFormValues,
	CaseDetailsFormValues,
	OptionBenefitFormValues,
	OptionCostFormValues,
	OptionFormValues,
	RiskFormValues,
	YearAmountFormValues
} from './business-case-form';

/** Blank rows offered after the saved ones (the forms work without JavaScript, so no 'add row' button). */
export const SPARE_ROWS = 3;

const spare = <T>(rows: T[], blank: () => T, count = SPARE_ROWS): T[] => [
	...rows,
	...Array.from({ length: count }, blank)
];

export function detailsToFormValues(
	title: string,
	stage: Stage,
	content: BusinessCaseContent
): CaseDetailsFormValues {
	return {
		title,
		stage,
		sections: Object.fromEntries(SECTIONS.map((s) => [s, content.sections[s]])) as Record<
			Section,
			string
		>,
		workstreamIds: content.scope.workstreamIds.map(String),
		systemIds: content.scope.systemIds.map(String),
		procurementSystems: content.procurement.systems ?? '',
		sourcing: content.procurement.sourcing ?? '',
		framework: content.procurement.framework,
		firstYear: content.appraisalPeriod.firstYear,
		years: String(content.appraisalPeriod.years)
	};
}

export const EMPTY_RISK: RiskFormValues = {
	title: '',
	description: '',
	owner: '',
	mitigation: '',
	inherentLikelihood: '',
	inherentImpact: '',
	residualLikelihood: '',
	residualImpact: ''
};

export function riskToFormValues(r: CaseRisk): RiskFormValues {
	return {
		title: r.title,
		description: r.description,
		owner: r.owner,
		mitigation: r.mitigation,
		inherentLikelihood: String(r.inherent.likelihood),
		inherentImpact: String(r.inherent.impact),
		residualLikelihood: String(r.residual.likelihood),
		residualImpact: String(r.residual.impact)
	};
}

const blankYear = (): YearAmountFormValues => ({ financialYear: '', amount: '' });

export function emptyBenefit(): BenefitFormValues {
	return { title: '', kind: '', type: '', owner: '', measure: '', byYear: spare([], blankYear, 5) };
}

export function benefitToFormValues(b: CaseBenefit): BenefitFormValues {
	const byYear = b.byYear.map((y) => ({
		financialYear: y.financialYear,
		amount: penceToInput(y.amountPence)
	}));
	return {
		title: b.title,
		kind: b.kind,
		type: b.type,
		owner: b.owner,
		measure: b.measure,
		byYear: spare(byYear, blankYear)
	};
}

const blankCost = (): OptionCostFormValues => ({
	financialYear: '',
	spendType: '',
	amount: '',
	description: ''
});
const blankBenefit = (): OptionBenefitFormValues => ({
	financialYear: '',
	kind: '',
	type: '',
	amount: '',
	description: ''
});

export function emptyOption(): OptionFormValues {
	return {
		title: '',
		description: '',
		mitigated: '0',
		costs: spare([], blankCost, 5),
		benefits: spare([], blankBenefit, 5)
	};
}

/** Only the flows typed in are editable; flows pulled from the cost model are shown beside the form and kept. */
export function optionToFormValues(o: CaseOption): OptionFormValues {
	const costs = o.costs
		.filter((c) => c.source === 'entered')
		.map((c) => ({
			financialYear: c.financialYear,
			spendType: c.spendType,
			amount: penceToInput(c.amountPence),
			description: c.description
		}));
	const benefits = o.benefits
		.filter((b) => b.source === 'entered')
		.map((b) => ({
			financialYear: b.financialYear,
			kind: b.kind,
			type: b.type,
			amount: penceToInput(b.amountPence),
			description: b.description
		}));
	const mitigated =
		o.mitigatedBp % 100 === 0 ? String(o.mitigatedBp / 100) : (o.mitigatedBp / 100).toFixed(1);
	return {
		title: o.title,
		description: o.description,
		mitigated,
		costs: spare(costs, blankCost),
		benefits: spare(benefits, blankBenefit)
	};
}
