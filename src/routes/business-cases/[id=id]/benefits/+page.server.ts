import type { Actions, PageServerLoad } from './$types';
import * as caseService from '$lib/server/services/business-cases';
import {
	caseItemActions,
	loadCaseItems,
	type CaseItemPage
} from '$lib/server/web/business-case-page';
import {
	parseBenefitForm,
	readBenefitForm,
	emptyBenefit,
	benefitToFormValues,
	BENEFIT_KIND_LABEL,
	BENEFIT_TYPE_LABEL,
	type CaseBenefit,
	type BenefitFormValues
} from '$lib/domain/business-cases';
import { formatPence } from '$lib/domain/money';
import { sumPence } from '$lib/domain/rollups';

const page: CaseItemPage<CaseBenefit, BenefitFormValues, Omit<CaseBenefit, 'id'>> = {
	prefix: 'benefit',
	path: 'benefits',
	label: 'Benefit',
	items: (content) => content.benefits,
	toValues: benefitToFormValues,
	read: readBenefitForm,
	parse: parseBenefitForm,
	save: caseService.saveBenefit,
	remove: caseService.removeBenefit
};

export const load: PageServerLoad = (event) =>
	loadCaseItems(event, page, emptyBenefit(), (benefits) => ({
		benefits: benefits.map((b) => ({
			id: b.id,
			title: b.title,
			detail: `${BENEFIT_KIND_LABEL[b.kind]}, ${BENEFIT_TYPE_LABEL[b.type].toLowerCase()}: ${formatPence(sumPence(b.byYear.map((y) => y.amountPence)))} over ${b.byYear.length} years`
		}))
	}));

export const actions: Actions = caseItemActions(page);
