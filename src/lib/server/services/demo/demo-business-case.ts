/**
 * The demo business case: an Outline Business Case to replace Children and Families case management,
 * with do minimum and two options, a risk register and benefits. Pure data, in pounds: loaded by
 * src/lib/server/services/demo/load-business-case.ts. Invented figures of a plausible size for a county directorate.
 */
import type { BenefitKind, BenefitType } from '$lib/domain/business-cases';
import type { SpendType } from '$lib/domain/costs';

export const DEMO_CASE_TITLE = 'Children and Families case management replacement';
export const DEMO_CASE_WORKSTREAM = 'Case Management';

export const DEMO_CASE_SECTIONS = {
	strategic:
		"The Children and Families case management system is out of support from March 2028 and holds the statutory record for 4,200 open cases.\n\nSixteen satellite systems and spreadsheets fill its gaps, each a data protection and continuity risk. Ofsted's last inspection asked for a single view of the child.",
	economic:
		'Three options were appraised over ten years from 2026/27 at the Green Book discount rate, with optimism bias applied to capital costs: do minimum (maintain the existing systems), extend the existing system with integrations, and buy one case management platform for children and adults.',
	commercial:
		'Buy a software-as-a-service platform through the Crown Commercial Service G-Cloud 14 framework, with an implementation partner called off separately. Data remains in the UK; exit and data return terms are in the call-off.',
	financial:
		'Capital is met from the corporate pooled ICT capital in 2026/27 and the directorate capital programme thereafter; the platform subscription replaces licences and support for the systems decommissioned. The funding statement shows the remaining shortfall.',
	management:
		"Delivered by the Case Management workstream under the CFA Transformation Board, with the Director of Children's Services as senior responsible owner. Go-live for children in July 2027 and adults in November 2027, then decommissioning of the legacy systems."
};

type Flow = [financialYear: string, spendType: SpendType, pounds: number, description: string];
type Gain = [
	financialYear: string,
	kind: BenefitKind,
	type: BenefitType,
	pounds: number,
	description: string
];
const years = (from: number, to: number) =>
	Array.from(
		{ length: to - from + 1 },
		(_, i) => `${from + i}/${String((from + i + 1) % 100).padStart(2, '0')}`
	);

/** Do minimum: keep paying to run the existing systems for the whole period. */
export const DEMO_DO_MINIMUM: Flow[] = years(2026, 2035).map((fy) => [
	fy,
	'revenue',
	285_000,
	'Licences and support for the existing systems'
]);

export const DEMO_OPTIONS: {
	title: string;
	description: string;
	mitigatedBp: number;
	pull: boolean;
	costs: Flow[];
	benefits: Gain[];
}[] = [
	{
		title: 'Extend the existing system with integrations',
		description:
			'Keep the current system on extended support and build integrations to the satellite systems.',
		mitigatedBp: 2_000,
		pull: false,
		costs: [
			['2026/27', 'capital', 350_000, 'Integration build'],
			...years(2026, 2035).map((fy): Flow => [
				fy,
				'revenue',
				320_000,
				'Extended support and integration hosting'
			])
		],
		benefits: years(2027, 2035).map((fy): Gain => [
			fy,
			'non_cashable',
			'hours_saved',
			60_000,
			'Re-keying between systems avoided'
		])
	},
	{
		title: 'Buy one case management platform for children and adults',
		description:
			'A software-as-a-service platform bought through G-Cloud 14, replacing the legacy system and the satellite systems.',
		mitigatedBp: 4_000,
		pull: true,
		costs: years(2029, 2035).map((fy): Flow => [fy, 'revenue', 190_000, 'Platform subscription']),
		benefits: years(2028, 2035).map((fy): Gain => [
			fy,
			'non_cashable',
			'hours_saved',
			140_000,
			'Practitioner time saved on recording'
		])
	}
];

/** The preferred option, by title. */
export const DEMO_PREFERRED = DEMO_OPTIONS[1]!.title;

export const DEMO_RISKS = [
	{
		title: 'Data migration from the legacy system slips',
		description: 'Case histories need cleansing before migration.',
		owner: 'Head of ICT',
		mitigation: 'Three trial loads and a data cleansing team from April 2026',
		inherent: { likelihood: 4, impact: 4 },
		residual: { likelihood: 2, impact: 4 }
	},
	{
		title: 'Practitioners cannot be released for training',
		description: '',
		owner: "Assistant Director, Children's Social Care",
		mitigation: 'Backfill budgeted; training in team meetings',
		inherent: { likelihood: 3, impact: 3 },
		residual: { likelihood: 2, impact: 2 }
	},
	{
		title: 'Supplier fails during implementation',
		description: '',
		owner: 'Head of Procurement',
		mitigation: 'Financial checks at award; escrow and exit terms',
		inherent: { likelihood: 2, impact: 5 },
		residual: { likelihood: 1, impact: 5 }
	}
];

export const DEMO_BENEFITS: {
	title: string;
	kind: BenefitKind;
	type: BenefitType;
	owner: string;
	measure: string;
	byYear: [string, number][];
}[] = [
	{
		title: 'Legacy licences and support end',
		kind: 'cashable',
		type: 'run_cost_saved',
		owner: 'Head of ICT',
		measure: 'Invoices no longer paid',
		byYear: years(2028, 2030).map((fy) => [fy, 285_000])
	},
	{
		title: 'Practitioner time saved on recording',
		kind: 'non_cashable',
		type: 'hours_saved',
		owner: 'Principal Social Worker',
		measure: 'Time-in-motion sample each quarter',
		byYear: years(2028, 2030).map((fy) => [fy, 140_000])
	}
];
