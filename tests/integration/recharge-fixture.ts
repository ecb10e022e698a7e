/**
 * The shared service every recharge test starts from: a shared ICT service, three partner councils
 * (Northbridge, Eastshire, Westvale, in that order) under one agreement, and its payroll system.
 * Lines are created after the agreement, so each has its recharges from the start. A label prefixes
 * every name, for tests that tell several services apart by their partners' names.
 */
import { makeOrganisation, createSystem, expectOk } from './helpers';
import * as partnershipService from '$lib/server/services/governance-partnerships';
import * as costService from '$lib/server/services/cost-lines';
import * as keyService from '$lib/server/services/recharge-keys';
import type { CostLineInput } from '$lib/domain/costs';
import { serviceKey, type KeyShare } from '$lib/domain/recharges';

/** A committed revenue licence line of 2026/27 unless `over` says otherwise. */
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

/** A fixed key for the whole service in a year (2026/27 unless said). */
export const defaultKey = (shares: KeyShare[], financialYear = '2026/27') =>
	serviceKey(financialYear, shares);

export async function sharedService(label = '') {
	const named = (name: string) => (label ? `${label} ${name}` : name);
	const shared = await makeOrganisation(named('Tri-Council ICT'));
	const partners = [
		await makeOrganisation(named('Northbridge Council')),
		await makeOrganisation(named('Eastshire Council')),
		await makeOrganisation(named('Westvale Council'))
	];
	expectOk(
		await partnershipService.saveAgreement(shared.actor, null, {
			title: named('Tri-Council ICT agreement'),
			reference: 'TC/1',
			signedOn: '2020-04-01',
			quorumRule: 'all',
			quorumMinimum: null
		})
	);
	for (const p of partners)
		expectOk(await partnershipService.addPartner(shared.actor, p.org.id, '2020-04-01'));
	const payroll = await createSystem(shared.actor, { name: named('Shared Payroll') });
	const ids = partners.map((p) => p.org.id);
	/** Weights in basis points for the partners in order, no cost centre named. */
	const fixed = (...weights: number[]): KeyShare[] =>
		weights.map((weight, i) => ({ partnerOrganisationId: ids[i]!, weight, costCentreId: null }));
	/** A line of the payroll system. */
	const addLine = async (amountPence: number, over: Partial<CostLineInput> = {}) =>
		expectOk(
			await costService.createCostLine(
				shared.actor,
				{ systemId: payroll.id },
				costLine(amountPence, over)
			)
		).line;
	const saveDefaultKey = async (financialYear: string, shares: KeyShare[]) =>
		expectOk(await keyService.saveKey(shared.actor, null, null, defaultKey(shares, financialYear)))
			.key;
	return { shared, partners, ids, payroll, fixed, addLine, saveDefaultKey };
}

/**
 * The service with two lines: £1,000.00 of licence on the payroll system, and `secondPence` of
 * capital development on the Integration workstream (an amount that does not split evenly shows
 * where the pennies go).
 */
export async function twoLineService(secondPence: number) {
	const s = await sharedService();
	const first = await s.addLine(1000_00);
	const second = expectOk(
		await costService.createCostLine(
			s.shared.actor,
			{ workstreamId: s.shared.integration.id },
			costLine(secondPence, { spendType: 'capital', category: 'development' })
		)
	).line;
	return { ...s, first, second };
}
