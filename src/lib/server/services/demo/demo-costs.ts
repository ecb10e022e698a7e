/**
 * The demo portfolio's money and plan: funding sources, cost lines for 2026/27 to 2028/29, workstream
 * and decommission milestones, and outage figures for the critical systems. Invented figures of a
 * plausible size for a county directorate. Pure data: loaded by src/lib/server/services/demo/load-costs.ts.
 *
 * Two continuity breaches are deliberate, so the dashboard has something to show: Edge of Care
 * Support Tracker (statutory) is switched off on 31 January 2027, before Information Management
 * goes live, and Direct Payments Audit Workbook on 30 April 2027, before Financial Management does.
 */
import type { Confidence, CostCategory, FundingKind, SpendType } from '$lib/domain/costs';
import type { MilestoneKind } from '$lib/domain/milestones';
import type { Outcome } from '$lib/domain/systems';

export interface DemoFundingSource {
	name: string;
	kind: FundingKind;
	spendType: SpendType;
	notes: string;
	/** Financial year -> pounds. */
	allocations: Record<string, number>;
}

export const DEMO_FUNDING_SOURCES: DemoFundingSource[] = [
	{
		name: 'CFA departmental capital',
		kind: 'departmental_capital',
		spendType: 'capital',
		notes: 'Capital programme allocation to the directorate (Cabinet, February 2026).',
		allocations: { '2026/27': 1_200_000, '2027/28': 900_000, '2028/29': 400_000 }
	},
	{
		name: 'Pooled capital 2026/27',
		kind: 'pooled_capital',
		spendType: 'capital',
		notes: 'Corporate pooled ICT capital pot, bid for by the strategy group; one year only.',
		allocations: { '2026/27': 750_000 }
	},
	{
		name: 'CFA ICT revenue budget',
		kind: 'revenue_budget',
		spendType: 'revenue',
		notes: 'Directorate ICT revenue budget, including licences and support.',
		allocations: { '2026/27': 650_000, '2027/28': 700_000, '2028/29': 700_000 }
	}
];

export interface DemoCostLine {
	/** A workstream name (its own cost), or a system reference with an optional outcome. */
	workstream?: string;
	system?: string;
	outcome?: Outcome;
	financialYear: string;
	spendType: SpendType;
	category: CostCategory;
	pounds: number;
	confidence: Confidence;
	/** A name from DEMO_FUNDING_SOURCES, or null. */
	funding: string | null;
	description: string;
}

const CAP = 'CFA departmental capital';
const POOL = 'Pooled capital 2026/27';
const REV = 'CFA ICT revenue budget';

type Row = [string, SpendType, CostCategory, number, Confidence, string | null, string];
const ws = (workstream: string, rows: Row[]): DemoCostLine[] =>
	rows.map(([financialYear, spendType, category, pounds, confidence, funding, description]) => ({
		workstream,
		financialYear,
		spendType,
		category,
		pounds,
		confidence,
		funding,
		description
	}));
const sys = (system: string, outcome: Outcome | undefined, rows: Row[]): DemoCostLine[] =>
	rows.map(([financialYear, spendType, category, pounds, confidence, funding, description]) => ({
		system,
		outcome,
		financialYear,
		spendType,
		category,
		pounds,
		confidence,
		funding,
		description
	}));

export const DEMO_COST_LINES: DemoCostLine[] = [
	...ws('Case Management', [
		[
			'2026/27',
			'capital',
			'implementation',
			420_000,
			'committed',
			POOL,
			'Implementation partner, phase 1 (design and build)'
		],
		[
			'2026/27',
			'revenue',
			'licence',
			185_000,
			'committed',
			REV,
			'Case management platform subscription, year 1'
		],
		[
			'2026/27',
			'revenue',
			'staff_backfill',
			96_000,
			'estimate',
			REV,
			'Backfill for social work subject matter experts'
		],
		[
			'2027/28',
			'capital',
			'implementation',
			380_000,
			'estimate',
			CAP,
			'Implementation partner, phase 2 (adults and cutover)'
		],
		[
			'2027/28',
			'capital',
			'data_migration',
			210_000,
			'estimate',
			CAP,
			'Migration of children and adults case records'
		],
		[
			'2027/28',
			'revenue',
			'licence',
			190_550.5,
			'estimate',
			REV,
			'Case management platform subscription, year 2 (3% uplift)'
		],
		[
			'2027/28',
			'revenue',
			'training',
			64_000,
			'estimate',
			REV,
			'Training for 2,400 practitioners and managers'
		],
		['2027/28', 'capital', 'contingency', 95_000, 'estimate', null, 'Contingency, 10% of capital'],
		[
			'2028/29',
			'revenue',
			'licence',
			196_266.02,
			'estimate',
			REV,
			'Case management platform subscription, year 3'
		]
	]),
	...ws('Financial Management', [
		[
			'2026/27',
			'capital',
			'implementation',
			165_000,
			'committed',
			CAP,
			'Finance module configuration and payment runs'
		],
		[
			'2027/28',
			'capital',
			'data_migration',
			48_500,
			'estimate',
			CAP,
			'Migration of open financial assessments and payment schedules'
		],
		['2027/28', 'revenue', 'licence', 42_000, 'estimate', REV, 'Finance module subscription'],
		[
			'2028/29',
			'revenue',
			'licence',
			43_260,
			'estimate',
			REV,
			'Finance module subscription (3% uplift)'
		]
	]),
	...ws('Integration', [
		[
			'2026/27',
			'capital',
			'development',
			140_000,
			'committed',
			POOL,
			'Interfaces: case record to finance, health (NHS number) and education'
		],
		[
			'2026/27',
			'revenue',
			'support_maintenance',
			38_400,
			'actual',
			REV,
			'Integration engine support'
		],
		[
			'2027/28',
			'capital',
			'development',
			120_000,
			'estimate',
			CAP,
			'Retire point-to-point interfaces'
		],
		[
			'2027/28',
			'revenue',
			'support_maintenance',
			39_552,
			'estimate',
			REV,
			'Integration engine support'
		]
	]),
	...ws('Information Management', [
		[
			'2026/27',
			'capital',
			'implementation',
			72_000,
			'committed',
			CAP,
			'Records retention schedules built into document management'
		],
		['2027/28', 'revenue', 'staff_backfill', 45_000, 'estimate', REV, 'Records officer, fixed term']
	]),
	...ws('Directories', [
		[
			'2026/27',
			'capital',
			'implementation',
			58_000,
			'estimate',
			POOL,
			'Single service directory: build and content migration'
		],
		['2027/28', 'revenue', 'licence', 18_500, 'estimate', REV, 'Directory platform subscription']
	]),
	...ws('Information Gateway', [
		[
			'2027/28',
			'capital',
			'implementation',
			130_000,
			'estimate',
			CAP,
			'Secure information sharing gateway with police, health and schools'
		],
		[
			'2028/29',
			'revenue',
			'hosting',
			22_000,
			'estimate',
			REV,
			'Gateway hosting and penetration testing'
		]
	]),
	...ws('Citizen Access', [
		[
			'2027/28',
			'capital',
			'development',
			160_000,
			'estimate',
			CAP,
			'Resident portal: apply, book, upload evidence, track'
		],
		[
			'2028/29',
			'capital',
			'development',
			90_000,
			'estimate',
			CAP,
			'Resident portal: carers and young people'
		],
		[
			'2028/29',
			'revenue',
			'training',
			12_000,
			'estimate',
			REV,
			'Assisted digital support for residents'
		]
	]),
	...sys('CFA-001', 'develop', [
		[
			'2026/27',
			'capital',
			'development',
			48_000,
			'committed',
			CAP,
			'2027 Children in Need census and SSDA903 changes before cutover'
		]
	]),
	...sys('CFA-001', 'replace', [
		[
			'2028/29',
			'revenue',
			'decommissioning',
			35_000,
			'estimate',
			REV,
			'Archive the legacy record read-only and retire its servers'
		]
	]),
	...sys('CFA-031', 'develop', [
		[
			'2026/27',
			'capital',
			'development',
			86_000,
			'committed',
			CAP,
			'Care Act assessment forms and provider portal integration'
		],
		[
			'2027/28',
			'capital',
			'development',
			54_000,
			'estimate',
			CAP,
			'Hospital discharge notifications'
		]
	]),
	...sys('CFA-009', 'decommission', [
		[
			'2026/27',
			'revenue',
			'decommissioning',
			4_500,
			'estimate',
			REV,
			'Export and archive bookings, close the account'
		]
	]),
	...sys('CFA-010', 'decommission', [
		[
			'2026/27',
			'revenue',
			'decommissioning',
			2_750,
			'estimate',
			REV,
			'Move open cases into the case record'
		]
	]),
	...sys('CFA-078', 'decommission', [
		[
			'2027/28',
			'revenue',
			'decommissioning',
			18_000,
			'estimate',
			null,
			'Decommission scanning servers and dispose of hardware securely'
		]
	]),
	...sys('CFA-032', 'replace', [
		[
			'2027/28',
			'capital',
			'data_migration',
			26_000,
			'estimate',
			CAP,
			'Migrate financial assessments to the finance module'
		]
	]),
	...sys('CFA-042', 'develop', [
		[
			'2026/27',
			'revenue',
			'support_maintenance',
			12_800,
			'actual',
			REV,
			'Scheduling optimiser support'
		]
	])
];

export interface DemoMilestone {
	workstream?: string;
	system?: string;
	outcome?: Outcome;
	kind: MilestoneKind;
	planned: string;
	forecast?: string;
	actual?: string;
	note?: string;
}

const phases = (
	workstream: string,
	dates: [string, string, string, string, string],
	forecastGoLive?: string
): DemoMilestone[] => {
	const kinds: MilestoneKind[] = [
		'procurement_start',
		'contract_award',
		'implementation_start',
		'go_live',
		'parallel_running_end'
	];
	return kinds.map((kind, i) => ({
		workstream,
		kind,
		planned: dates[i]!,
		forecast: kind === 'go_live' ? forecastGoLive : undefined
	}));
};

export const DEMO_MILESTONES: DemoMilestone[] = [
	...phases(
		'Case Management',
		['2026-04-06', '2026-10-30', '2026-12-01', '2027-07-30', '2027-11-30'],
		'2027-08-31'
	),
	...phases('Financial Management', [
		'2026-06-01',
		'2026-11-30',
		'2027-01-04',
		'2027-09-30',
		'2027-12-31'
	]),
	...phases('Integration', ['2026-04-13', '2026-07-31', '2026-09-01', '2027-06-30', '2027-08-31']),
	...phases('Information Management', [
		'2026-05-04',
		'2026-08-28',
		'2026-10-01',
		'2027-02-26',
		'2027-04-30'
	]),
	...phases('Directories', ['2026-09-01', '2027-01-29', '2027-03-01', '2027-10-29', '2027-12-17']),
	...phases('Information Gateway', [
		'2027-01-04',
		'2027-05-28',
		'2027-07-01',
		'2028-01-31',
		'2028-03-31'
	]),
	...phases(
		'Citizen Access',
		['2027-04-05', '2027-09-30', '2027-11-01', '2028-09-29', '2028-11-30'],
		'2028-12-15'
	),
	{ system: 'CFA-009', outcome: 'decommission', kind: 'decommission', planned: '2027-03-31' },
	{
		system: 'CFA-010',
		outcome: 'decommission',
		kind: 'decommission',
		planned: '2027-01-31',
		note: 'Contract ends; no extension offered'
	},
	{ system: 'CFA-015', outcome: 'decommission', kind: 'decommission', planned: '2027-06-30' },
	{
		system: 'CFA-035',
		outcome: 'decommission',
		kind: 'decommission',
		planned: '2027-04-30',
		note: 'Workbook retired at year end'
	},
	{ system: 'CFA-078', outcome: 'decommission', kind: 'decommission', planned: '2027-09-30' },
	{ system: 'CFA-032', outcome: 'replace', kind: 'decommission', planned: '2027-10-31' },
	{ system: 'CFA-001', outcome: 'replace', kind: 'decommission', planned: '2028-03-31' }
];

/** Outage figures for the critical systems: [concurrent users, hours a year, own £ per user-hour or null for the default]. */
export const DEMO_OUTAGE: Record<string, [number, number, number | null]> = {
	'CFA-001': [400, 8, null],
	'CFA-003': [40, 6, null],
	'CFA-020': [15, 4, 18],
	'CFA-031': [600, 10, null],
	'CFA-033': [30, 8, null],
	'CFA-039': [60, 4, 18],
	'CFA-042': [120, 10, null],
	'CFA-051': [150, 8, null],
	'CFA-056': [200, 5, null],
	'CFA-071': [500, 12, null],
	'CFA-073': [2000, 6, null]
};
