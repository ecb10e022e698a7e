/**
 * A shared service's business case, partner by partner: each option's nominal cost of each year
 * shared by the shared service's default key for that year (domain/recharges/option-shares.ts).
 * Worked out with the rest of a version's figures (services/business-case-figures.ts), so an
 * approval freezes the shares members saw, under the snapshot's hash. A version approved before
 * snapshots carried shares (format 1) is shown with today's shares, said as such.
 */
import { db } from '../db/database';
import type { Executor } from '../db';
import * as partnerships from '../repos/governance-partnerships';
import * as keys from '../repos/recharge-keys';
import {
	appraisalYears,
	type BusinessCaseContent,
	type BusinessCaseSnapshot
} from '$lib/domain/business-cases';
import { optionPartnerShares, type OptionPartnerShares } from '$lib/domain/recharges';

/** Each option's shares by today's keys, or null when the organisation runs no shared service. */
export async function optionSharesOf(
	ex: Executor,
	organisationId: number,
	content: BusinessCaseContent
): Promise<OptionPartnerShares[] | null> {
	if (!(await partnerships.getAgreement(ex, organisationId))) return null;
	const partners = [
		...new Map(
			(await partnerships.listPartners(ex, organisationId)).map((p) => [
				p.partnerOrganisationId,
				{ id: p.partnerOrganisationId, name: p.partnerName }
			])
		).values()
	];
	const defaults = new Map(
		(await keys.listKeys(ex, organisationId))
			.filter((k) => k.scope === 'service')
			.map((k) => [k.financialYear as string, k])
	);
	const years = appraisalYears(content.appraisalPeriod);
	return content.options.map((o) => optionPartnerShares(o, years, defaults, partners));
}

/**
 * Today's shares for a version whose snapshot has none because it was frozen before snapshots carried
 * them (format 1); null otherwise: a snapshot's own shares (a draft's preview, or as frozen with a
 * decision) are shown with its figures.
 */
export async function sharesToday(
	organisationId: number,
	figures: BusinessCaseSnapshot
): Promise<OptionPartnerShares[] | null> {
	if (figures.partnerShares !== undefined) return null;
	return optionSharesOf(db(), organisationId, figures.content);
}
