/**
 * A shared service for the partner-share tests: three partner councils, a system and lines in two
 * years, and a helper for a fixed default key. Lines are created after the agreement, so each has
 * its recharges from the start.
 */
import { makeOrganisation, createSystem, expectOk } from './helpers';
import * as partnershipService from '$lib/server/services/governance-partnerships';
import * as costService from '$lib/server/services/cost-lines';
import * as keyService from '$lib/server/services/recharge-keys';
import type { CostLineInput } from '$lib/domain/costs';
import type { KeyShare } from '$lib/domain/recharges';

export const costLine = (
	amountPence: number,
	over: Partial<CostLineInput> = {}
): CostLineInput => ({
	financialYear: '2026/27',
	spendType: 'revenue',
	category: 'licence',
	amountPence,
	confidence: 'committed',
	fundingSourceId: null,
	description: 'Licence',
	...over
});

export async function sharedService(label = 'Tri') {
	const shared = await makeOrganisation(`${label} Shared ICT`);
	const partners = [
		await makeOrganisation(`${label} Northbridge Council`),
		await makeOrganisation(`${label} Eastshire Council`),
		await makeOrganisation(`${label} Westvale Council`)
	];
	expectOk(
		await partnershipService.saveAgreement(shared.actor, null, {
			title: `${label} agreement`,
			reference: 'TC/1',
			signedOn: '2020-04-01',
			quorumRule: 'all',
			quorumMinimum: null
		})
	);
	for (const p of partners)
		expectOk(await partnershipService.addPartner(shared.actor, p.org.id, '2020-04-01'));
	const payroll = await createSystem(shared.actor, { name: `${label} Shared Payroll` });
	const ids = partners.map((p) => p.org.id);
	const fixed = (...weights: number[]): KeyShare[] =>
		weights.map((weight, i) => ({ partnerOrganisationId: ids[i]!, weight, costCentreId: null }));
	const addLine = async (amountPence: number, over: Partial<CostLineInput> = {}) =>
		expectOk(
			await costService.createCostLine(
				shared.actor,
				{ systemId: payroll.id },
				costLine(amountPence, over)
			)
		).line;
	const defaultKey = async (financialYear: string, shares: KeyShare[]) =>
		expectOk(
			await keyService.saveKey(shared.actor, null, null, {
				financialYear,
				scope: 'service',
				scopeId: 0,
				kind: 'fixed',
				measure: '',
				source: '',
				asAt: null,
				shares
			})
		).key;
	return { shared, partners, ids, payroll, fixed, addLine, defaultKey };
}
