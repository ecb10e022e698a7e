/**
 * A shared service's business case, partner by partner: each option's nominal cost of each year
 * shared by the shared service's default key for that year (domain/recharges/option-shares.ts).
 * Read from today's keys and partners, beside the case: not part of a frozen version, whose figures
 * stay as approved.
 */
import { db } from '../db/database';
import * as partnerships from '../repos/governance-partnerships';
import * as keys from '../repos/recharge-keys';
import { appraisalYears, type BusinessCaseSnapshot } from '$lib/domain/business-cases';
import { optionPartnerShares, type OptionPartnerShares } from '$lib/domain/recharges';

/** Each option's shares, or null when the organisation runs no shared service. */
export async function optionSharesOf(
	organisationId: number,
	figures: BusinessCaseSnapshot
): Promise<OptionPartnerShares[] | null> {
	const ex = db();
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
	const years = appraisalYears(figures.content.appraisalPeriod);
	return figures.content.options.map((o) => optionPartnerShares(o, years, defaults, partners));
}
