import type { Actions, PageServerLoad } from './$types';
import * as caseService from '$lib/server/services/business-cases';
import {
	caseItemActions,
	loadCaseItems,
	type CaseItemPage
} from '$lib/server/web/business-case-page';
import {
	parseRiskForm,
	readRiskForm,
	EMPTY_RISK,
	riskToFormValues,
	scoreRisks,
	type CaseRisk,
	type RiskFormValues
} from '$lib/domain/business-cases';

const page: CaseItemPage<CaseRisk, RiskFormValues, Omit<CaseRisk, 'id'>> = {
	prefix: 'risk',
	path: 'risks',
	label: 'Risk',
	items: (content) => content.risks,
	toValues: riskToFormValues,
	read: readRiskForm,
	parse: parseRiskForm,
	save: caseService.saveRisk,
	remove: caseService.removeRisk
};

export const load: PageServerLoad = (event) =>
	loadCaseItems(event, page, EMPTY_RISK, (risks) => ({
		risks: scoreRisks(risks).map((r) => ({
			id: r.id,
			title: r.title,
			detail: `${r.inherentRating} (${r.inherentScore}) before, ${r.residualRating} (${r.residualScore}) after; owner ${r.owner}`
		}))
	}));

export const actions: Actions = caseItemActions(page);
