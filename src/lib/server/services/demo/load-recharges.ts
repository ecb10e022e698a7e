/**
 * The demo shared service's recharges for 2026/27: each partner's cost centres (a school among
 * them), the service's cost lines on the systems it runs, a users-based default key from the
 * directory count, and a fixed key for revenues and benefits, which only the two districts use.
 * Eastmoor's statement for the whole of 2026/27 is issued (and so frozen) as the demo's one issued
 * statement. Loaded through the services the app uses; loading again adds nothing.
 */
import { db } from '$lib/server/db/database';
import * as organisations from '$lib/server/repos/organisations';
import * as partnerships from '$lib/server/repos/governance-partnerships';
import * as keys from '$lib/server/repos/recharge-keys';
import * as recovery from '$lib/server/repos/governance-recovery';
import * as costService from '$lib/server/services/cost-lines';
import * as keyService from '$lib/server/services/recharge-keys';
import * as centreService from '$lib/server/services/partner-cost-centres';
import * as statementService from '$lib/server/services/recharge-statements';
import { contentHash } from '$lib/domain/hashing';
import type { Actor } from '$lib/server/services/actor';
import type { CostLineInput } from '$lib/domain/costs';
import { DEMO_SHARED_SERVICE } from './load-governance';

const YEAR = '2026/27';

const LINES: { system: string; input: Omit<CostLineInput, 'financialYear' | 'fundingSourceId'> }[] =
	[
		{
			system: 'Identity and email',
			input: {
				spendType: 'revenue',
				category: 'licence',
				amountPence: 186_000_00,
				confidence: 'committed',
				description: 'Microsoft 365 E3 licences'
			}
		},
		{
			system: 'Identity and email',
			input: {
				spendType: 'revenue',
				category: 'support_maintenance',
				amountPence: 24_500_00,
				confidence: 'committed',
				description: 'Identity platform support'
			}
		},
		{
			system: 'Revenues and benefits',
			input: {
				spendType: 'revenue',
				category: 'support_maintenance',
				amountPence: 95_000_00,
				confidence: 'committed',
				description: 'Revenues and benefits annual support'
			}
		},
		{
			system: 'Network and telephony',
			input: {
				spendType: 'capital',
				category: 'implementation',
				amountPence: 120_000_01,
				confidence: 'estimate',
				description: 'Core switch refresh'
			}
		}
	];

function must<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
	if (!r.ok) throw new Error(`demo recharges: ${JSON.stringify(r)}`);
	return r as Extract<T, { ok: true }>;
}

/** Loads the recharges unless the shared service has keys already. */
export async function loadDemoRecharges(): Promise<boolean> {
	const shared = await organisations.getOrganisationBySlug(db(), DEMO_SHARED_SERVICE.slug);
	if (!shared || (await keys.listKeys(db(), shared.id)).length > 0) return false;
	const actor: Actor = { organisationId: shared.id, userId: null, displayName: 'Demo data loader' };
	const partners = await partnerships.listPartners(db(), shared.id);
	const id = (start: string) =>
		partners.find((p) => p.partnerName.startsWith(start))!.partnerOrganisationId;
	const [county, east, west] = [id('Northshire'), id('Eastmoor'), id('Westvale')];

	const centre = async (partner: number, code: string, name: string, kind: 'service' | 'school') =>
		must(await centreService.addCostCentre(actor, partner, { code, name, kind })).centre.id;
	const countyIct = await centre(county, 'NCC-ICT-100', 'Corporate ICT', 'service');
	await centre(county, 'EDU-114', 'Hillside Primary School', 'school');
	const eastIct = await centre(east, 'EM-IT-01', 'Eastmoor ICT and digital', 'service');
	const eastRevs = await centre(east, 'EM-RB-20', 'Eastmoor revenues and benefits', 'service');
	const westIct = await centre(west, 'WB-4410', 'Westvale information services', 'service');
	const westRevs = await centre(west, 'WB-5120', 'Westvale revenues', 'service');

	const systems = new Map(
		(await recovery.listSystemsForGovernance(db(), shared.id)).map((s) => [s.name, s.id])
	);
	for (const l of LINES)
		must(
			await costService.createCostLine(
				actor,
				{ systemId: systems.get(l.system)! },
				{ ...l.input, financialYear: YEAR, fundingSourceId: null }
			)
		);

	must(
		await keyService.saveKey(actor, null, null, {
			financialYear: YEAR,
			scope: 'service',
			scopeId: 0,
			kind: 'driver',
			measure: 'users',
			source: 'Active Directory enabled accounts',
			asAt: '2026-03-31',
			shares: [
				{ partnerOrganisationId: county, weight: 4_200_00, costCentreId: countyIct },
				{ partnerOrganisationId: east, weight: 1_100_00, costCentreId: eastIct },
				{ partnerOrganisationId: west, weight: 900_00, costCentreId: westIct }
			]
		})
	);
	must(
		await keyService.saveKey(actor, null, null, {
			financialYear: YEAR,
			scope: 'system',
			scopeId: systems.get('Revenues and benefits')!,
			kind: 'fixed',
			measure: '',
			source: '',
			asAt: null,
			shares: [
				{ partnerOrganisationId: east, weight: 55_00, costCentreId: eastRevs },
				{ partnerOrganisationId: west, weight: 45_00, costCentreId: westRevs }
			]
		})
	);
	// Issued exactly as an officer would: prepared, read (its fingerprint), then issued.
	const draft = must(
		await statementService.createStatementDraft(actor, {
			partnerOrganisationId: east,
			financialYear: YEAR,
			quarter: 0
		})
	).statement;
	const shown = await contentHash(await statementService.contentOf(db(), draft));
	must(await statementService.issueStatement(actor, draft.id, draft.version, shown));
	return true;
}
