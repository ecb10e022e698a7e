/**
 * The demo ledger extract: Northshire County Council's ledger of the Tri-Council ICT Partnership's
 * 2026/27 recharges, as Excel saves a UK ledger report (a byte-order mark, CRLF, '£' amounts, a
 * credit in brackets). It agrees with the recharges but for one deliberate mis-posting: the second
 * half-year of identity platform support was posted to EM-IT-01, Eastmoor's cost centre, so
 * Northshire's NCC-ICT-100 is £8,298.39 short and the reconciliation flags the line. Imported
 * through the same service a partner's upload is; loading again adds nothing.
 */
import { db } from '$lib/server/db/database';
import * as organisations from '$lib/server/repos/organisations';
import * as ledger from '$lib/server/repos/ledger';
import { importLedgerFile } from '$lib/server/services/ledger-import';
import type { Actor } from '$lib/server/services/actor';
import { DEMO_SHARED_SERVICE } from './load-governance';

const ROWS = [
	['Cost Centre', 'Posting Date', 'Amount', 'Capital or revenue', 'Description', 'Reference'],
	[
		'NCC-ICT-100',
		'30/06/2026',
		'£31,500.00',
		'Revenue',
		'Tri-Council ICT recharge Q1: Microsoft 365',
		'JNL-26-0412'
	],
	[
		'NCC-ICT-100',
		'30/09/2026',
		'£31,500.00',
		'Revenue',
		'Tri-Council ICT recharge Q2: Microsoft 365',
		'JNL-26-0733'
	],
	[
		'NCC-ICT-100',
		'31/12/2026',
		'£31,500.00',
		'Revenue',
		'Tri-Council ICT recharge Q3: Microsoft 365',
		'JNL-26-1051'
	],
	[
		'NCC-ICT-100',
		'31/03/2027',
		'£31,500.00',
		'Revenue',
		'Tri-Council ICT recharge Q4: Microsoft 365',
		'JNL-27-0218'
	],
	[
		'NCC-ICT-100',
		'30/09/2026',
		'£8,298.39',
		'Revenue',
		'Identity platform support, April to September',
		'JNL-26-0734'
	],
	[
		'EM-IT-01',
		'31/03/2027',
		'£8,298.39',
		'Revenue',
		'Identity platform support, October to March',
		'JNL-27-0219'
	],
	['NCC-ICT-100', '15/11/2026', '£81,290.33', 'Capital', 'Core switch refresh', 'JNL-26-0940'],
	['NCC-ICT-100', '31/01/2027', '£250.00', 'Revenue', 'Duplicate licence charge', 'JNL-27-0102'],
	[
		'NCC-ICT-100',
		'28/02/2027',
		'(£250.00)',
		'Revenue',
		'Duplicate licence charge reversed',
		'JNL-27-0150'
	]
];

const csvCell = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** The extract's bytes, as Excel's 'CSV UTF-8' writes them. */
export function demoLedgerCsv(rows: readonly (readonly string[])[] = ROWS): Uint8Array {
	const text = `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
	return new TextEncoder().encode(text);
}

/** Imports Northshire's extract unless it has one already. `partnerSlug`: the demo council's slug. */
export async function loadDemoLedger(partnerSlug: string): Promise<boolean> {
	const [shared, partner] = await Promise.all([
		organisations.getOrganisationBySlug(db(), DEMO_SHARED_SERVICE.slug),
		organisations.getOrganisationBySlug(db(), partnerSlug)
	]);
	if (!shared || !partner) return false;
	if ((await ledger.listExtracts(db(), shared.id, partner.id)).length > 0) return false;
	const actor: Actor = {
		organisationId: partner.id,
		userId: null,
		displayName: 'Demo data loader'
	};
	const result = await importLedgerFile(
		actor,
		shared.id,
		'northshire-gl-tri-council-2026-27.csv',
		demoLedgerCsv()
	);
	if (!result.ok) throw new Error(`demo ledger: ${JSON.stringify(result)}`);
	return true;
}
