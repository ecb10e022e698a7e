/**
 * The demo portfolio: a fictional county council's Children, Families and Adults directorate, used
 * to show the planner with realistic data. Every supplier, product and organisation here is
 * invented; owners are roles or teams, never people. Pure data: loaded by src/lib/server/services/demo/load.ts.
 *
 * The 30 Children and Families systems mirror the strategy group's minutes: each has a review,
 * with 36 outcomes in all (3 decommission, 12 replace, 9 maintain, 12 develop).
 */
import type { SystemInput, Outcome, OutcomeStatus } from '$lib/domain/systems';

export const DEMO_ORGANISATION = { slug: 'northshire', name: 'Northshire County Council' };

export const DEMO_DIRECTORATE = 'Children, Families and Adults';

export const DEMO_SERVICE_AREAS: string[] = [
	'Children and Families',
	'Adult Social Care',
	'Education and SEND',
	'Commissioning and Brokerage',
	'Business Support'
];

export const DEMO_WORKSTREAMS: { name: string; description: string; lead: string }[] = [
	{
		name: 'Integration',
		description:
			'Connects case, finance, education and partner systems through the integration engine and retires point-to-point interfaces.',
		lead: 'Enterprise Architecture Team'
	},
	{
		name: 'Case Management',
		description:
			"Procures and implements the new main case management system for children's and adults' social care and migrates records from legacy systems.",
		lead: 'CFA Systems Programme Manager'
	},
	{
		name: 'Financial Management',
		description:
			'Brings carer, provider and client payments and financial assessments into the finance module linked to case records.',
		lead: 'Head of Social Care Finance'
	},
	{
		name: 'Information Management',
		description:
			'Sets records retention, document management and reporting standards so data is kept, found and disposed of lawfully.',
		lead: 'Information Governance Manager'
	},
	{
		name: 'Directories',
		description:
			'Maintains a single directory of care, support and family services for residents, practitioners and providers.',
		lead: 'Family Information Service Manager'
	},
	{
		name: 'Information Gateway',
		description:
			'Provides secure, auditable sharing of safeguarding information with police, health and schools.',
		lead: 'Head of Safeguarding Partnerships'
	},
	{
		name: 'Citizen Access',
		description:
			'Gives residents, carers and young people online access to apply, book, upload evidence and track requests.',
		lead: 'Digital Services Manager'
	}
];

export interface DemoOutcome {
	outcome: Outcome;
	rationale: string;
	status: OutcomeStatus;
	targetDate: string | null;
	/** A name from DEMO_WORKSTREAMS, or null. */
	workstream: string | null;
}

export interface DemoSystem {
	/** External reference, unique within the demo. */
	ref: string;
	/** One of DEMO_SERVICE_AREAS. */
	serviceArea: string;
	system: Omit<
		SystemInput,
		| 'directorateId'
		| 'serviceAreaId'
		| 'externalRef'
		| 'contactName'
		| 'contactEmail'
		| 'contactPhone'
	> &
		Partial<Pick<SystemInput, 'contactName' | 'contactEmail' | 'contactPhone'>>;
	/** Names from DEMO_WORKSTREAMS this system is linked to. */
	workstreams: string[];
	review?: { reviewedOn: string; reviewer: string; summary: string; outcomes: DemoOutcome[] };
}

const GROUP = 'CFA ICT Strategy Group';

export const DEMO_SYSTEMS: DemoSystem[] = [
	// ---------------------------------------------------------------- Children and Families (30, all reviewed)
	{
		ref: 'CFA-001',
		serviceArea: 'Children and Families',
		system: {
			name: "Children's Social Care Record",
			description:
				'The statutory case record for children in need, child protection and children in care, from contact to case closure.',
			supplier: 'Caseworks Ltd',
			product: 'Casebook CYP 4',
			hosting: 'on_premises',
			businessOwner: "Head of Children's Social Care",
			technicalOwner: 'Applications Support Team',
			userCount: 980,
			annualRunCostPence: 41200000,
			contractStart: '2016-04-01',
			contractEnd: '2028-03-31',
			contractNotice: '2027-09-30',
			criticality: 'critical',
			personalData: 'special_category',
			lifecycle: 'being_replaced',
			statutoryDuties: 'Children Act 1989 s17, s20, s31, s47; Children Act 2004 s11'
		},
		workstreams: ['Case Management', 'Integration'],
		review: {
			reviewedOn: '2026-01-22',
			reviewer: GROUP,
			summary:
				'Replace with the new main system; statutory return changes still to be made in the current system before cutover.',
			outcomes: [
				{
					outcome: 'replace',
					status: 'agreed',
					targetDate: '2028-03-31',
					workstream: 'Case Management',
					rationale:
						'The supplier has stopped developing Casebook CYP 4 and its on-premises servers leave support in 2027, so the record moves to the new main case management system.'
				},
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Case Management',
					rationale:
						'The 2027 Children in Need census and SSDA903 specification changes fall due before cutover and must still be built into the current system.'
				}
			]
		}
	},
	{
		ref: 'CFA-002',
		serviceArea: 'Children and Families',
		system: {
			name: 'Early Help Assessments and Plans',
			description:
				'Records early help assessments, team around the family plans and step-up and step-down decisions.',
			supplier: 'Brackenfold Software Ltd',
			product: 'Brackenfold Early Help 3',
			hosting: 'saas',
			businessOwner: 'Head of Early Help',
			technicalOwner: 'Applications Support Team',
			userCount: 420,
			annualRunCostPence: 8650000,
			contractStart: '2021-07-01',
			contractEnd: '2027-12-31',
			contractNotice: '2027-06-30',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Children Act 2004 s10; Working Together to Safeguard Children 2023 (early help)'
		},
		workstreams: ['Case Management'],
		review: {
			reviewedOn: '2026-01-22',
			reviewer: GROUP,
			summary:
				'Keep unchanged until early help moves into the new main system in its first release.',
			outcomes: [
				{
					outcome: 'maintain',
					status: 'agreed',
					targetDate: null,
					workstream: null,
					rationale:
						'The module meets current early help recording needs and the family outcome claims are run from it, so it stays unchanged until migration.'
				},
				{
					outcome: 'replace',
					status: 'agreed',
					targetDate: '2027-09-30',
					workstream: 'Case Management',
					rationale:
						'Holding early help and statutory social care in separate systems breaks the step-up and step-down history, so early help moves into the new main system.'
				}
			]
		}
	},
	{
		ref: 'CFA-003',
		serviceArea: 'Children and Families',
		system: {
			name: 'MASH Referral Triage',
			description:
				'Logs contacts and referrals to the multi-agency safeguarding hub and records the threshold decision for each.',
			supplier: 'Northshire ICT (in-house)',
			product: 'Bespoke web application',
			hosting: 'on_premises',
			businessOwner: 'MASH Service Manager',
			technicalOwner: 'Business Applications Development Team',
			userCount: 85,
			annualRunCostPence: 3400000,
			contractStart: null,
			contractEnd: null,
			contractNotice: null,
			criticality: 'critical',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 1989 s17, s47; Children Act 2004 s11'
		},
		workstreams: ['Case Management', 'Information Gateway'],
		review: {
			reviewedOn: '2026-01-22',
			reviewer: GROUP,
			summary:
				'Automate the police notification feed now; retire the tool when the new front-door module goes live.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Information Gateway',
					rationale:
						'Police notifications are still re-keyed from secure email, and an automated feed would save around 40 hours of business support time each week.'
				},
				{
					outcome: 'replace',
					status: 'agreed',
					targetDate: '2028-03-31',
					workstream: 'Case Management',
					rationale:
						'The new main system includes a front-door contact and referral module, so the bespoke triage tool is not needed once that is live.'
				}
			]
		}
	},
	{
		ref: 'CFA-004',
		serviceArea: 'Children and Families',
		system: {
			name: 'Fostering and Adoption Allowances',
			description:
				'Calculates and pays weekly allowances and fees to foster carers, special guardians and adopters.',
			supplier: 'Quillmoor Systems Ltd',
			product: 'Quillmoor Pay 5',
			hosting: 'hosted',
			businessOwner: 'Head of Fostering and Adoption',
			technicalOwner: 'Finance Systems Team',
			userCount: 24,
			annualRunCostPence: 5600000,
			contractStart: '2019-10-01',
			contractEnd: '2028-09-30',
			contractNotice: '2028-03-31',
			criticality: 'high',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties:
				'Fostering Services (England) Regulations 2011; Adoption Support Services Regulations 2005; Special Guardianship Regulations 2005'
		},
		workstreams: ['Financial Management'],
		review: {
			reviewedOn: '2026-01-22',
			reviewer: GROUP,
			summary: 'Maintain as is; payments move to the finance module of the new main system.',
			outcomes: [
				{
					outcome: 'maintain',
					status: 'agreed',
					targetDate: null,
					workstream: null,
					rationale:
						'Weekly carer allowances are paid accurately from it, and any change before migration would risk late payments to foster carers.'
				},
				{
					outcome: 'replace',
					status: 'agreed',
					targetDate: '2028-09-30',
					workstream: 'Financial Management',
					rationale:
						'Allowances are calculated apart from placement records and reconciled by hand each month, so payments will move to the finance module linked to the child record.'
				}
			]
		}
	},
	{
		ref: 'CFA-005',
		serviceArea: 'Children and Families',
		system: {
			name: 'Child Protection Alerts Connector',
			description:
				'Shares child protection plan and looked-after status with NHS unscheduled care settings through the national information sharing service.',
			supplier: 'Kestrelbyte Ltd',
			product: 'Kestrel Exchange CP Adapter',
			hosting: 'hosted',
			businessOwner: 'Head of Safeguarding and Quality Assurance',
			technicalOwner: 'Integration Team',
			userCount: 12,
			annualRunCostPence: 950000,
			contractStart: '2022-04-01',
			contractEnd: '2027-03-31',
			contractNotice: '2026-12-31',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 2004 s11; Children Act 1989 s47'
		},
		workstreams: ['Information Gateway', 'Integration'],
		review: {
			reviewedOn: '2026-02-05',
			reviewer: GROUP,
			summary: 'Working well; no change needed.',
			outcomes: [
				{
					outcome: 'maintain',
					status: 'agreed',
					targetDate: null,
					workstream: null,
					rationale:
						'The connector has shared every plan start and end with NHS settings within a day for two years and needs no change.'
				}
			]
		}
	},
	{
		ref: 'CFA-006',
		serviceArea: 'Children and Families',
		system: {
			name: 'Youth Justice Case Management',
			description:
				'Records assessments, interventions and court orders for children supervised by the youth justice service.',
			supplier: 'Ottercombe Solutions Ltd',
			product: 'Ottercombe YJ',
			hosting: 'saas',
			businessOwner: 'Head of Youth Justice Service',
			technicalOwner: 'Applications Support Team',
			userCount: 65,
			annualRunCostPence: 4800000,
			contractStart: '2022-01-01',
			contractEnd: '2027-12-31',
			contractNotice: '2027-06-30',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Crime and Disorder Act 1998 s38, s39, s40'
		},
		workstreams: ['Case Management', 'Information Gateway'],
		review: {
			reviewedOn: '2026-02-05',
			reviewer: GROUP,
			summary: 'Stays as the youth justice system; fix the national data extract.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Information Gateway',
					rationale:
						'Case-level returns to the national youth justice data hub need manual correction every quarter, so the validated extract must be fixed by the supplier.'
				}
			]
		}
	},
	{
		ref: 'CFA-007',
		serviceArea: 'Children and Families',
		system: {
			name: "Children's Homes Daily Recording",
			description:
				"Holds daily logs, incident reports and key-work sessions for the council's six children's homes.",
			supplier: 'Bellweather Apps Ltd',
			product: 'Bellweather Residential Diary',
			hosting: 'saas',
			businessOwner: 'Head of Residential Services',
			technicalOwner: 'Applications Support Team',
			userCount: 140,
			annualRunCostPence: 2150000,
			contractStart: '2020-09-01',
			contractEnd: '2028-08-31',
			contractNotice: '2028-02-29',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: "Children's Homes (England) Regulations 2015 reg 36, 37"
		},
		workstreams: ['Case Management'],
		review: {
			reviewedOn: '2026-02-05',
			reviewer: GROUP,
			summary: 'Replace with the residential module of the new main system.',
			outcomes: [
				{
					outcome: 'replace',
					status: 'agreed',
					targetDate: '2028-06-30',
					workstream: 'Case Management',
					rationale:
						"Residential logs sit outside the child's main record, so inspectors and social workers cannot see a single chronology of the child's care."
				}
			]
		}
	},
	{
		ref: 'CFA-008',
		serviceArea: 'Children and Families',
		system: {
			name: 'Foster Carer Recruitment CRM',
			description:
				'Tracks enquiries from prospective foster carers through information evenings to the start of assessment.',
			supplier: 'Nettlebank Ltd',
			product: 'Nettlebank Enquiry Manager',
			hosting: 'saas',
			businessOwner: 'Fostering Recruitment Manager',
			technicalOwner: 'Applications Support Team',
			userCount: 18,
			annualRunCostPence: 1450000,
			contractStart: '2023-05-01',
			contractEnd: '2028-04-30',
			contractNotice: '2027-10-31',
			criticality: 'medium',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties: 'Fostering Services (England) Regulations 2011 reg 26'
		},
		workstreams: ['Case Management', 'Citizen Access'],
		review: {
			reviewedOn: '2026-02-05',
			reviewer: GROUP,
			summary:
				'Connect the website enquiry form now; fold recruitment into the fostering module later.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'proposed',
					targetDate: null,
					workstream: 'Citizen Access',
					rationale:
						'Enquiries from the fostering website are re-typed into the CRM, and a direct form feed would let the team answer within the 24-hour target.'
				},
				{
					outcome: 'replace',
					status: 'agreed',
					targetDate: '2027-12-31',
					workstream: 'Case Management',
					rationale:
						'Carer assessments continue in the fostering module of the new main system, so a separate recruitment CRM duplicates the applicant record.'
				}
			]
		}
	},
	{
		ref: 'CFA-009',
		serviceArea: 'Children and Families',
		system: {
			name: 'Family Group Conference Bookings',
			description:
				'Desktop database used to book family group conferences and record coordinators and venues.',
			supplier: 'Northshire ICT (in-house)',
			product: 'Bespoke desktop database',
			hosting: 'on_premises',
			businessOwner: 'Family Group Conference Coordinator',
			technicalOwner: 'Business Applications Development Team',
			userCount: 6,
			annualRunCostPence: 180000,
			contractStart: null,
			contractEnd: null,
			contractNotice: null,
			criticality: 'low',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 1989 s17'
		},
		workstreams: ['Case Management'],
		review: {
			reviewedOn: '2026-02-19',
			reviewer: GROUP,
			summary: 'Switch off once historic records are archived.',
			outcomes: [
				{
					outcome: 'decommission',
					status: 'agreed',
					targetDate: '2027-03-31',
					workstream: 'Information Management',
					rationale:
						'Conferences are now booked in the early help scheduling feature, and the database is only opened to look up records from 2019 to 2023.'
				}
			]
		}
	},
	{
		ref: 'CFA-010',
		serviceArea: 'Children and Families',
		system: {
			name: 'Edge of Care Support Tracker',
			description:
				'Spreadsheet workbook listing families receiving intensive edge-of-care support and the interventions offered.',
			supplier: 'Northshire ICT (in-house)',
			product: 'Bespoke spreadsheet workbook',
			hosting: 'on_premises',
			businessOwner: 'Edge of Care Team Manager',
			technicalOwner: 'Business Intelligence Team',
			userCount: 9,
			annualRunCostPence: null,
			contractStart: null,
			contractEnd: null,
			contractNotice: null,
			criticality: 'low',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 1989 s17, s20'
		},
		workstreams: ['Information Management'],
		review: {
			reviewedOn: '2026-02-19',
			reviewer: GROUP,
			summary: 'Decommission; the same information is already on the child record.',
			outcomes: [
				{
					outcome: 'decommission',
					status: 'agreed',
					targetDate: '2027-01-31',
					workstream: 'Information Management',
					rationale:
						"The workbook duplicates interventions already recorded on the children's record and is protected only by shared drive folder permissions."
				}
			]
		}
	},
	{
		ref: 'CFA-011',
		serviceArea: 'Children and Families',
		system: {
			name: 'Care Proceedings Tracker',
			description:
				'Tracks pre-proceedings and care proceedings against the court timetable, with hearing dates and legal actions.',
			supplier: 'Coppermoss Data Ltd',
			product: 'Coppermoss Legal Tracker',
			hosting: 'saas',
			businessOwner: 'Head of Service, Court and Permanence',
			technicalOwner: 'Applications Support Team',
			userCount: 55,
			annualRunCostPence: 1900000,
			contractStart: '2021-02-01',
			contractEnd: '2028-01-31',
			contractNotice: '2027-07-31',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Children Act 1989 s31, s32; Family Procedure Rules 2010 PD12A (Public Law Outline)'
		},
		workstreams: ['Case Management'],
		review: {
			reviewedOn: '2026-02-19',
			reviewer: GROUP,
			summary: 'Replace with the legal tracking in the new main system.',
			outcomes: [
				{
					outcome: 'replace',
					status: 'agreed',
					targetDate: '2028-03-31',
					workstream: 'Case Management',
					rationale:
						"The new main system tracks the 26-week court timetable against the child's record, ending double entry of hearings by social workers."
				}
			]
		}
	},
	{
		ref: 'CFA-012',
		serviceArea: 'Children and Families',
		system: {
			name: 'Care Leavers Pathway App',
			description:
				'Mobile app through which care leavers and personal advisers share pathway plans, messages and documents.',
			supplier: 'Brightmoor Mobile Ltd',
			product: 'Brightmoor Pathway',
			hosting: 'saas',
			businessOwner: 'Head of Care Leavers Service',
			technicalOwner: 'Applications Support Team',
			userCount: 310,
			annualRunCostPence: 2600000,
			contractStart: '2023-09-01',
			contractEnd: '2026-08-31',
			contractNotice: '2026-02-28',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 1989 s23C, s23CZA; Children and Social Work Act 2017 s2, s3'
		},
		workstreams: ['Citizen Access'],
		review: {
			reviewedOn: '2026-02-19',
			reviewer: GROUP,
			summary: 'Extend the app with the local offer and grant evidence upload.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Citizen Access',
					rationale:
						'Young people asked to see their local offer entitlements and to upload receipts for setting-up-home grants in the app instead of posting them.'
				}
			]
		}
	},
	{
		ref: 'CFA-013',
		serviceArea: 'Children and Families',
		system: {
			name: 'Independent Reviewing Officer Scheduler',
			description:
				'Schedules looked-after reviews and child protection conferences and allocates independent chairs.',
			supplier: 'Elderfen Systems Ltd',
			product: 'Elderfen Review Planner',
			hosting: 'hosted',
			businessOwner: 'Head of Independent Reviewing Service',
			technicalOwner: 'Applications Support Team',
			userCount: 28,
			annualRunCostPence: 1100000,
			contractStart: '2020-04-01',
			contractEnd: '2028-03-31',
			contractNotice: '2027-09-30',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Children Act 1989 s25A-25C; Care Planning, Placement and Case Review (England) Regulations 2010 reg 32-38'
		},
		workstreams: ['Case Management'],
		review: {
			reviewedOn: '2026-02-19',
			reviewer: GROUP,
			summary: 'Replace; scheduling belongs with the placement events in the main record.',
			outcomes: [
				{
					outcome: 'replace',
					status: 'agreed',
					targetDate: '2027-12-31',
					workstream: 'Case Management',
					rationale:
						'Review due dates are calculated from placement changes, which are captured in the main record, so scheduling separately causes missed reviews.'
				}
			]
		}
	},
	{
		ref: 'CFA-014',
		serviceArea: 'Children and Families',
		system: {
			name: 'Disabled Children Register',
			description:
				'Register of disabled children used to plan short breaks and decide eligibility for the disabled children service.',
			supplier: 'Northshire ICT (in-house)',
			product: 'Bespoke web application',
			hosting: 'on_premises',
			businessOwner: "Head of Disabled Children's Service",
			technicalOwner: 'Business Applications Development Team',
			userCount: 40,
			annualRunCostPence: 650000,
			contractStart: null,
			contractEnd: null,
			contractNotice: null,
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Children Act 1989 Sch 2 para 2, 6; Breaks for Carers of Disabled Children Regulations 2011'
		},
		workstreams: ['Case Management'],
		review: {
			reviewedOn: '2026-03-05',
			reviewer: GROUP,
			summary: 'No further changes; register fields move to the new main system.',
			outcomes: [
				{
					outcome: 'maintain',
					status: 'agreed',
					targetDate: null,
					workstream: null,
					rationale:
						'The register is stable and supports short-break eligibility decisions, and no further development is justified before migration.'
				},
				{
					outcome: 'replace',
					status: 'proposed',
					targetDate: '2028-06-30',
					workstream: 'Case Management',
					rationale:
						"The new main system can hold the register fields on the child's record, so the separate register can close after data migration."
				}
			]
		}
	},
	{
		ref: 'CFA-015',
		serviceArea: 'Children and Families',
		system: {
			name: 'Private Fostering Notifications',
			description:
				'Desktop database recording private fostering notifications, visits and suitability checks.',
			supplier: 'Northshire ICT (in-house)',
			product: 'Bespoke desktop database',
			hosting: 'on_premises',
			businessOwner: 'Private Fostering Lead',
			technicalOwner: 'Business Applications Development Team',
			userCount: 5,
			annualRunCostPence: null,
			contractStart: null,
			contractEnd: null,
			contractNotice: null,
			criticality: 'low',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Children Act 1989 s66-70; Children (Private Arrangements for Fostering) Regulations 2005'
		},
		workstreams: ['Information Management'],
		review: {
			reviewedOn: '2026-03-05',
			reviewer: GROUP,
			summary: 'Decommission after moving the open cases to the main record.',
			outcomes: [
				{
					outcome: 'decommission',
					status: 'agreed',
					targetDate: '2027-06-30',
					workstream: 'Information Management',
					rationale:
						"Fewer than 30 notifications are received a year, and the children's record already captures private fostering arrangements and visits."
				}
			]
		}
	},
	{
		ref: 'CFA-016',
		serviceArea: 'Children and Families',
		system: {
			name: 'Missing Episodes and Return Interviews',
			description:
				'Records missing episodes for children and the independent return interviews offered afterwards.',
			supplier: 'Saltmarsh Software Ltd',
			product: 'Saltmarsh Missing Persons',
			hosting: 'saas',
			businessOwner: 'Exploitation and Missing Service Manager',
			technicalOwner: 'Applications Support Team',
			userCount: 75,
			annualRunCostPence: 1750000,
			contractStart: '2022-11-01',
			contractEnd: '2026-10-31',
			contractNotice: '2026-04-30',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Children Act 1989 s17, s47; statutory guidance on children who run away or go missing from home or care'
		},
		workstreams: ['Information Gateway'],
		review: {
			reviewedOn: '2026-03-05',
			reviewer: GROUP,
			summary: 'Add a structured police notification feed.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Information Gateway',
					rationale:
						'Police missing-person notifications arrive by email, so a structured feed is needed to offer return interviews within the 72-hour standard.'
				}
			]
		}
	},
	{
		ref: 'CFA-017',
		serviceArea: 'Children and Families',
		system: {
			name: 'Unaccompanied Children Funding Claims',
			description:
				'Prepares quarterly funding claims for unaccompanied asylum-seeking children and former unaccompanied care leavers.',
			supplier: 'Quillmoor Systems Ltd',
			product: 'Quillmoor Claims',
			hosting: 'hosted',
			businessOwner: 'Unaccompanied Children Team Manager',
			technicalOwner: 'Finance Systems Team',
			userCount: 8,
			annualRunCostPence: 420000,
			contractStart: '2021-04-01',
			contractEnd: '2027-03-31',
			contractNotice: '2026-12-31',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 1989 s20, s23C; Immigration Act 2016 s69-73'
		},
		workstreams: ['Financial Management'],
		review: {
			reviewedOn: '2026-03-05',
			reviewer: GROUP,
			summary: 'Keep as is.',
			outcomes: [
				{
					outcome: 'maintain',
					status: 'agreed',
					targetDate: null,
					workstream: null,
					rationale:
						'The claim format has not changed for three years and the tool produces compliant quarterly claims in under a day.'
				}
			]
		}
	},
	{
		ref: 'CFA-018',
		serviceArea: 'Children and Families',
		system: {
			name: 'Placement Search and Sufficiency',
			description:
				'Sends placement requests to fostering agencies and residential providers and records offers received.',
			supplier: 'Pendlecroft Systems Ltd',
			product: 'Pendlecroft Placements',
			hosting: 'saas',
			businessOwner: 'Head of Placements and Sufficiency',
			technicalOwner: 'Applications Support Team',
			userCount: 35,
			annualRunCostPence: 3100000,
			contractStart: '2023-04-01',
			contractEnd: '2027-03-31',
			contractNotice: '2026-09-30',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 1989 s22C, s22G'
		},
		workstreams: ['Case Management', 'Integration'],
		review: {
			reviewedOn: '2026-03-05',
			reviewer: GROUP,
			summary: 'Integrate with the child record to remove double entry.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Integration',
					rationale:
						"Placement referrals are copied from the child's record by hand, and an interface would send the referral and return the placement start date automatically."
				}
			]
		}
	},
	{
		ref: 'CFA-019',
		serviceArea: 'Children and Families',
		system: {
			name: 'Family Time Bookings',
			description:
				'Books supervised family time sessions, rooms and supervisors, and stores session notes.',
			supplier: 'Ambervale Tech Ltd',
			product: 'Ambervale Contact',
			hosting: 'saas',
			businessOwner: 'Family Time Service Manager',
			technicalOwner: 'Applications Support Team',
			userCount: 60,
			annualRunCostPence: 1350000,
			contractStart: '2022-06-01',
			contractEnd: '2028-11-30',
			contractNotice: '2028-05-31',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 1989 s34; Sch 2 para 15'
		},
		workstreams: ['Case Management'],
		review: {
			reviewedOn: '2026-03-19',
			reviewer: GROUP,
			summary: 'Replace with the family time module of the new main system.',
			outcomes: [
				{
					outcome: 'replace',
					status: 'agreed',
					targetDate: '2028-09-30',
					workstream: 'Case Management',
					rationale:
						"Family time arrangements are part of the child's care plan, and session notes need to be on the same record the court and the reviewing officer see."
				}
			]
		}
	},
	{
		ref: 'CFA-020',
		serviceArea: 'Children and Families',
		system: {
			name: 'Emergency Duty Team Log',
			description:
				'Out-of-hours log of calls, decisions and actions taken by the emergency duty team for children and adults.',
			supplier: 'Caseworks Ltd',
			product: 'Casebook Out of Hours',
			hosting: 'hosted',
			businessOwner: 'Emergency Duty Team Manager',
			technicalOwner: 'Applications Support Team',
			userCount: 22,
			annualRunCostPence: 780000,
			contractStart: '2019-04-01',
			contractEnd: '2029-03-31',
			contractNotice: '2028-09-30',
			criticality: 'critical',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 1989 s46, s47; Mental Health Act 1983 s13'
		},
		workstreams: ['Case Management'],
		review: {
			reviewedOn: '2026-03-19',
			reviewer: GROUP,
			summary: 'Keep; it covers the main system maintenance windows.',
			outcomes: [
				{
					outcome: 'maintain',
					status: 'agreed',
					targetDate: null,
					workstream: null,
					rationale:
						'Out-of-hours staff need a lightweight log that stays available during the main system maintenance window, and the current product does that well.'
				}
			]
		}
	},
	{
		ref: 'CFA-021',
		serviceArea: 'Children and Families',
		system: {
			name: 'Child Exploitation Risk Screening',
			description:
				'Screening tool scoring risk of criminal and sexual exploitation for discussion at multi-agency exploitation meetings.',
			supplier: 'Coppermoss Data Ltd',
			product: 'Coppermoss Risk Screen',
			hosting: 'saas',
			businessOwner: 'Exploitation and Missing Service Manager',
			technicalOwner: 'Applications Support Team',
			userCount: 150,
			annualRunCostPence: 1200000,
			contractStart: '2024-01-01',
			contractEnd: '2026-12-31',
			contractNotice: '2026-09-30',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 1989 s47; Children Act 2004 s11; Modern Slavery Act 2015 s52'
		},
		workstreams: ['Information Gateway'],
		review: {
			reviewedOn: '2026-03-19',
			reviewer: GROUP,
			summary: 'Share screening results with partners through the secure gateway.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'proposed',
					targetDate: null,
					workstream: 'Information Gateway',
					rationale:
						'Screening results are emailed to police and health partners as spreadsheets before each meeting, which the gateway would replace with audited access.'
				}
			]
		}
	},
	{
		ref: 'CFA-022',
		serviceArea: 'Children and Families',
		system: {
			name: "Historic Children's Records Viewer",
			description:
				'Read-only archive of case files from previous social care systems, used for access to records requests.',
			supplier: 'Fennick Software Ltd',
			product: 'Fennick Archive Viewer',
			hosting: 'on_premises',
			businessOwner: 'Access to Records Team Manager',
			technicalOwner: 'Applications Support Team',
			userCount: 30,
			annualRunCostPence: 520000,
			contractStart: '2018-04-01',
			contractEnd: '2028-03-31',
			contractNotice: '2027-09-30',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'UK GDPR Art 15; Adoption Agencies Regulations 2005 reg 40; Care Leavers (England) Regulations 2010'
		},
		workstreams: ['Information Management'],
		review: {
			reviewedOn: '2026-03-19',
			reviewer: GROUP,
			summary: 'Keep available and unchanged.',
			outcomes: [
				{
					outcome: 'maintain',
					status: 'agreed',
					targetDate: null,
					workstream: null,
					rationale:
						'It holds adoption and care records that must be kept for up to 100 years and only needs to stay available and secure.'
				}
			]
		}
	},
	{
		ref: 'CFA-023',
		serviceArea: 'Children and Families',
		system: {
			name: 'Adoption Support Tracker',
			description:
				'Tracks adoption support assessments, therapeutic support plans and funding applications for adoptive families.',
			supplier: 'Elderfen Systems Ltd',
			product: 'Elderfen Adoption Support',
			hosting: 'saas',
			businessOwner: 'Adoption Support Manager',
			technicalOwner: 'Applications Support Team',
			userCount: 20,
			annualRunCostPence: 880000,
			contractStart: '2022-09-01',
			contractEnd: '2028-08-31',
			contractNotice: '2028-02-29',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Adoption and Children Act 2002 s4; Adoption Support Services Regulations 2005'
		},
		workstreams: ['Case Management'],
		review: {
			reviewedOn: '2026-04-02',
			reviewer: GROUP,
			summary: 'Replace with the adoption module of the new main system.',
			outcomes: [
				{
					outcome: 'replace',
					status: 'agreed',
					targetDate: '2028-06-30',
					workstream: 'Case Management',
					rationale:
						"Support assessments need to sit with the adoptive family's record in the new main system so the adoption history is not split across two systems."
				}
			]
		}
	},
	{
		ref: 'CFA-024',
		serviceArea: 'Children and Families',
		system: {
			name: 'Court Bundle Builder',
			description:
				'Assembles, paginates and indexes electronic court bundles for care proceedings.',
			supplier: 'Fennick Software Ltd',
			product: 'Fennick Bundle',
			hosting: 'saas',
			businessOwner: 'Head of Service, Court and Permanence',
			technicalOwner: 'Document Management Team',
			userCount: 90,
			annualRunCostPence: 1600000,
			contractStart: '2024-04-01',
			contractEnd: '2027-03-31',
			contractNotice: '2026-12-31',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 1989 s31; Family Procedure Rules 2010 PD27A'
		},
		workstreams: ['Information Management'],
		review: {
			reviewedOn: '2026-04-02',
			reviewer: GROUP,
			summary: 'Link directly to the document store.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Information Management',
					rationale:
						'Documents are downloaded one at a time to build each bundle, and a direct link to the document store would save about three hours per hearing.'
				}
			]
		}
	},
	{
		ref: 'CFA-025',
		serviceArea: 'Children and Families',
		system: {
			name: "Children's Statutory Complaints",
			description:
				"Logs and tracks complaints and representations under the children's statutory complaints procedure.",
			supplier: 'Elderfen Systems Ltd',
			product: 'Elderfen Feedback',
			hosting: 'saas',
			businessOwner: 'Complaints and Representations Manager',
			technicalOwner: 'Applications Support Team',
			userCount: 45,
			annualRunCostPence: 720000,
			contractStart: '2021-10-01',
			contractEnd: '2026-09-30',
			contractNotice: '2026-06-30',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Children Act 1989 s26(3); Children Act 1989 Representations Procedure (England) Regulations 2006'
		},
		workstreams: ['Citizen Access'],
		review: {
			reviewedOn: '2026-04-02',
			reviewer: GROUP,
			summary: 'Keep; renew on current terms.',
			outcomes: [
				{
					outcome: 'maintain',
					status: 'agreed',
					targetDate: null,
					workstream: null,
					rationale:
						'All three stages of the statutory procedure are supported and the reports already meet the annual complaints report requirement.'
				}
			]
		}
	},
	{
		ref: 'CFA-026',
		serviceArea: 'Children and Families',
		system: {
			name: 'Staying Put and Leaving Care Allowances',
			description:
				'Pays staying put allowances to former foster carers and leaving care grants and allowances to care leavers.',
			supplier: 'Quillmoor Systems Ltd',
			product: 'Quillmoor Allowances',
			hosting: 'hosted',
			businessOwner: 'Head of Care Leavers Service',
			technicalOwner: 'Finance Systems Team',
			userCount: 10,
			annualRunCostPence: 610000,
			contractStart: '2019-10-01',
			contractEnd: '2028-09-30',
			contractNotice: '2028-03-31',
			criticality: 'medium',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 1989 s23C, s23CZA, s24A'
		},
		workstreams: ['Financial Management'],
		review: {
			reviewedOn: '2026-04-02',
			reviewer: GROUP,
			summary: 'Replace alongside foster carer payments.',
			outcomes: [
				{
					outcome: 'replace',
					status: 'agreed',
					targetDate: '2028-09-30',
					workstream: 'Financial Management',
					rationale:
						'Staying put allowances follow directly from the foster placement, so they will be paid from the same finance module as foster carer payments.'
				}
			]
		}
	},
	{
		ref: 'CFA-027',
		serviceArea: 'Children and Families',
		system: {
			name: 'Virtual School Personal Education Plans',
			description:
				'Online personal education plans for children in care, completed by designated teachers and the virtual school.',
			supplier: 'Brightmoor Mobile Ltd',
			product: 'Brightmoor Education Plans',
			hosting: 'saas',
			businessOwner: 'Virtual School Headteacher',
			technicalOwner: 'Applications Support Team',
			userCount: 640,
			annualRunCostPence: 2300000,
			contractStart: '2023-09-01',
			contractEnd: '2026-08-31',
			contractNotice: '2026-05-31',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 1989 s22(3A); Children and Families Act 2014 s99'
		},
		workstreams: ['Citizen Access', 'Integration'],
		review: {
			reviewedOn: '2026-04-16',
			reviewer: GROUP,
			summary: 'Add a daily attendance feed from the pupil database.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Integration',
					rationale:
						'Schools upload attendance and exclusions once a term, so a daily feed from the pupil database would warn the virtual school of problems weeks earlier.'
				}
			]
		}
	},
	{
		ref: 'CFA-028',
		serviceArea: 'Children and Families',
		system: {
			name: 'Family Hubs Registration',
			description:
				'Registers families attending family hub sessions and records attendance for outcome reporting.',
			supplier: 'Nettlebank Ltd',
			product: 'Nettlebank Hubs',
			hosting: 'saas',
			businessOwner: 'Family Hubs Programme Manager',
			technicalOwner: 'Applications Support Team',
			userCount: 210,
			annualRunCostPence: 1850000,
			contractStart: '2024-04-01',
			contractEnd: '2027-03-31',
			contractNotice: '2026-12-31',
			criticality: 'medium',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties: 'Childcare Act 2006 s3; Children Act 2004 s10'
		},
		workstreams: ['Citizen Access', 'Directories'],
		review: {
			reviewedOn: '2026-04-16',
			reviewer: GROUP,
			summary: 'Link the hub timetable to the family directory for online booking.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Directories',
					rationale:
						'Parents cannot book sessions online, and linking the hub timetable to the family information directory would let them book directly.'
				}
			]
		}
	},
	{
		ref: 'CFA-029',
		serviceArea: 'Children and Families',
		system: {
			name: "Children's Services Performance Dashboards",
			description:
				"Management dashboards for children's social care caseloads, timeliness and statutory return measures.",
			supplier: 'Larkfield Data Ltd',
			product: 'Larkfield Insight CYP Pack',
			hosting: 'hosted',
			businessOwner: 'Head of Performance and Quality Assurance',
			technicalOwner: 'Business Intelligence Team',
			userCount: 260,
			annualRunCostPence: 1400000,
			contractStart: '2022-04-01',
			contractEnd: '2027-03-31',
			contractNotice: '2026-09-30',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 1989 s83 (statutory returns)'
		},
		workstreams: ['Information Management', 'Case Management'],
		review: {
			reviewedOn: '2026-04-16',
			reviewer: GROUP,
			summary: 'Re-point at the new reporting warehouse before cutover.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Information Management',
					rationale:
						"The dashboards read directly from the legacy record's database and must be rebuilt on the new main system's reporting warehouse before cutover."
				}
			]
		}
	},
	{
		ref: 'CFA-030',
		serviceArea: 'Children and Families',
		system: {
			name: 'Allegations Against Staff Log',
			description:
				'Confidential log of allegations against people who work with children, managed by the designated officer.',
			supplier: 'Northshire ICT (in-house)',
			product: 'Bespoke web application',
			hosting: 'on_premises',
			businessOwner: 'Local Authority Designated Officer',
			technicalOwner: 'Business Applications Development Team',
			userCount: 6,
			annualRunCostPence: 240000,
			contractStart: null,
			contractEnd: null,
			contractNotice: null,
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 2004 s11; Working Together to Safeguard Children 2023 ch. 2'
		},
		workstreams: ['Information Management'],
		review: {
			reviewedOn: '2026-04-16',
			reviewer: GROUP,
			summary: 'Keep separate from case records.',
			outcomes: [
				{
					outcome: 'maintain',
					status: 'proposed',
					targetDate: null,
					workstream: null,
					rationale:
						"Allegations data concerns staff rather than children and must be kept apart from the children's case records, which the current log does."
				}
			]
		}
	},

	// ---------------------------------------------------------------- Adult Social Care (20, 10 reviewed)
	{
		ref: 'CFA-031',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Adult Social Care Record',
			description:
				'The statutory case record for adults: assessments, eligibility, support plans, reviews and services.',
			supplier: 'Caseworks Ltd',
			product: 'Casebook Adults 6',
			hosting: 'hosted',
			businessOwner: 'Head of Adult Social Care Operations',
			technicalOwner: 'Applications Support Team',
			userCount: 1450,
			annualRunCostPence: 52800000,
			contractStart: '2020-04-01',
			contractEnd: '2030-03-31',
			contractNotice: '2029-03-31',
			criticality: 'critical',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s9, s13, s24, s25, s27'
		},
		workstreams: ['Case Management', 'Integration'],
		review: {
			reviewedOn: '2026-03-11',
			reviewer: GROUP,
			summary: 'Remains the adults record; add the hospital discharge interface.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Integration',
					rationale:
						'Hospital discharge notices still arrive by secure email, and an interface with the acute trust would let the hospital team start assessments on the day of notice.'
				}
			]
		}
	},
	{
		ref: 'CFA-032',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Financial Assessment and Charging',
			description:
				"Carries out financial assessments for care and support and calculates each person's contribution.",
			supplier: 'Quillmoor Systems Ltd',
			product: 'Quillmoor Charging 3',
			hosting: 'on_premises',
			businessOwner: 'Head of Social Care Finance',
			technicalOwner: 'Finance Systems Team',
			userCount: 45,
			annualRunCostPence: 6200000,
			contractStart: '2015-04-01',
			contractEnd: '2027-12-31',
			contractNotice: '2027-06-30',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'being_replaced',
			statutoryDuties:
				'Care Act 2014 s14, s17; Care and Support (Charging and Assessment of Resources) Regulations 2014'
		},
		workstreams: ['Financial Management'],
		review: {
			reviewedOn: '2026-03-11',
			reviewer: GROUP,
			summary: 'Replacement under way through the finance module.',
			outcomes: [
				{
					outcome: 'replace',
					status: 'agreed',
					targetDate: '2027-10-31',
					workstream: 'Financial Management',
					rationale:
						'The on-premises charging engine needs a paid supplier visit for every annual benefit uprating, so assessments move to the finance module procured with the new main system.'
				}
			]
		}
	},
	{
		ref: 'CFA-033',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Care Provider Payments',
			description:
				'Schedules and pays residential, nursing and home care providers for commissioned packages.',
			supplier: 'Quillmoor Systems Ltd',
			product: 'Quillmoor Provider Pay',
			hosting: 'hosted',
			businessOwner: 'Head of Social Care Finance',
			technicalOwner: 'Finance Systems Team',
			userCount: 38,
			annualRunCostPence: 7400000,
			contractStart: '2019-10-01',
			contractEnd: '2028-09-30',
			contractNotice: '2028-03-31',
			criticality: 'critical',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s8, s18'
		},
		workstreams: ['Financial Management'],
		review: {
			reviewedOn: '2026-03-11',
			reviewer: GROUP,
			summary: 'No change now; provider payments to follow the finance module.',
			outcomes: [
				{
					outcome: 'maintain',
					status: 'agreed',
					targetDate: null,
					workstream: null,
					rationale:
						'It pays about 14,000 provider invoices a year on time, and no change is wanted while the finance module is built.'
				},
				{
					outcome: 'replace',
					status: 'proposed',
					targetDate: '2028-09-30',
					workstream: 'Financial Management',
					rationale:
						'Payments should be raised from the care packages held on the case record, which would end the monthly reconciliation between the two systems.'
				}
			]
		}
	},
	{
		ref: 'CFA-034',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Direct Payments Prepaid Cards',
			description:
				'Prepaid card accounts through which people receive and spend their direct payments.',
			supplier: 'Cobbleford Cards Ltd',
			product: 'Cobbleford Card Manager',
			hosting: 'saas',
			businessOwner: 'Direct Payments Manager',
			technicalOwner: 'Finance Systems Team',
			userCount: 1100,
			annualRunCostPence: 2600000,
			contractStart: '2022-07-01',
			contractEnd: '2027-06-30',
			contractNotice: '2026-12-31',
			criticality: 'high',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s31-33; Care and Support (Direct Payments) Regulations 2014'
		},
		workstreams: ['Financial Management', 'Citizen Access'],
		review: {
			reviewedOn: '2026-03-11',
			reviewer: GROUP,
			summary: 'Add automated surplus alerts.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'proposed',
					targetDate: null,
					workstream: 'Financial Management',
					rationale:
						'Unspent balances are identified from monthly statements by hand, and automated surplus alerts would recover funds about three months sooner.'
				}
			]
		}
	},
	{
		ref: 'CFA-035',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Direct Payments Audit Workbook',
			description:
				'Spreadsheet workbook used to record direct payment audits and recovery decisions.',
			supplier: 'Northshire ICT (in-house)',
			product: 'Bespoke spreadsheet workbook',
			hosting: 'on_premises',
			businessOwner: 'Direct Payments Manager',
			technicalOwner: 'Finance Systems Team',
			userCount: 7,
			annualRunCostPence: null,
			contractStart: null,
			contractEnd: null,
			contractNotice: null,
			criticality: 'low',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s33'
		},
		workstreams: ['Financial Management'],
		review: {
			reviewedOn: '2026-03-11',
			reviewer: GROUP,
			summary: 'Decommission; audits now done in the card platform.',
			outcomes: [
				{
					outcome: 'decommission',
					status: 'agreed',
					targetDate: '2027-04-30',
					workstream: 'Financial Management',
					rationale:
						'Audits are now carried out in the prepaid card platform, so the workbook duplicates that work and keeps bank details outside any controlled system.'
				}
			]
		}
	},
	{
		ref: 'CFA-036',
		serviceArea: 'Adult Social Care',
		system: {
			name: "Carers' Online Self-Assessment",
			description:
				"Online form through which unpaid carers request and complete a carer's assessment.",
			supplier: 'Marrowgate Digital Ltd',
			product: 'Marrowgate Forms',
			hosting: 'saas',
			businessOwner: 'Carers Lead',
			technicalOwner: 'Digital Services Team',
			userCount: 650,
			annualRunCostPence: 950000,
			contractStart: '2023-01-01',
			contractEnd: '2026-12-31',
			contractNotice: '2026-09-30',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s10, s20'
		},
		workstreams: ['Citizen Access']
	},
	{
		ref: 'CFA-037',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Deprivation of Liberty Safeguards Tracker',
			description:
				'Manages applications for authorisation, assessor allocation and authorisation expiry dates.',
			supplier: 'Saltmarsh Software Ltd',
			product: 'Saltmarsh Safeguards',
			hosting: 'saas',
			businessOwner: 'DoLS Service Manager',
			technicalOwner: 'Applications Support Team',
			userCount: 70,
			annualRunCostPence: 2100000,
			contractStart: '2021-04-01',
			contractEnd: '2027-03-31',
			contractNotice: '2026-09-30',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Mental Capacity Act 2005 s4A, Sch A1'
		},
		workstreams: ['Case Management'],
		review: {
			reviewedOn: '2026-03-25',
			reviewer: GROUP,
			summary: 'Add risk-based prioritisation of the waiting list.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'proposed',
					targetDate: null,
					workstream: 'Case Management',
					rationale:
						'Around 1,900 applications are waiting, and priority scoring with assessor allocation would make sure the highest-risk people are assessed first.'
				}
			]
		}
	},
	{
		ref: 'CFA-038',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Appointeeship and Deputyship Client Finance',
			description:
				'Manages client bank accounts, benefits and bills where the council acts as appointee or deputy.',
			supplier: 'Greywillow Ltd',
			product: 'Greywillow Client Finance',
			hosting: 'hosted',
			businessOwner: 'Client Affairs Manager',
			technicalOwner: 'Finance Systems Team',
			userCount: 14,
			annualRunCostPence: 1300000,
			contractStart: '2020-01-01',
			contractEnd: '2027-12-31',
			contractNotice: '2027-06-30',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Social Security (Claims and Payments) Regulations 1987 reg 33; Mental Capacity Act 2005 s16, s19'
		},
		workstreams: ['Financial Management'],
		review: {
			reviewedOn: '2026-03-25',
			reviewer: GROUP,
			summary: 'Maintain as is.',
			outcomes: [
				{
					outcome: 'maintain',
					status: 'agreed',
					targetDate: null,
					workstream: null,
					rationale:
						'It produces the annual deputy reports and reconciles client accounts without problems, and the small team could not absorb a migration now.'
				}
			]
		}
	},
	{
		ref: 'CFA-039',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Telecare Alarm Monitoring',
			description:
				'Alarm receiving centre platform that answers and logs calls from community alarms and sensors.',
			supplier: 'Tessaline Care Technology Ltd',
			product: 'Tessaline Alarm Hub',
			hosting: 'hosted',
			businessOwner: 'Technology Enabled Care Manager',
			technicalOwner: 'Infrastructure and Telephony Team',
			userCount: 60,
			annualRunCostPence: 9800000,
			contractStart: '2021-11-01',
			contractEnd: '2028-10-31',
			contractNotice: '2028-04-30',
			criticality: 'critical',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s2'
		},
		workstreams: ['Integration'],
		review: {
			reviewedOn: '2026-03-25',
			reviewer: GROUP,
			summary: 'Already ready for the digital telephone switchover.',
			outcomes: [
				{
					outcome: 'maintain',
					status: 'agreed',
					targetDate: null,
					workstream: null,
					rationale:
						'The platform already receives digital alarm signals ahead of the analogue telephone switch-off, so no change is needed.'
				}
			]
		}
	},
	{
		ref: 'CFA-040',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Telecare Equipment Stock',
			description:
				'Tracks telecare alarms and sensors in stock, installed in homes and awaiting collection.',
			supplier: 'Tessaline Care Technology Ltd',
			product: 'Tessaline Stock',
			hosting: 'saas',
			businessOwner: 'Technology Enabled Care Manager',
			technicalOwner: 'Applications Support Team',
			userCount: 25,
			annualRunCostPence: 380000,
			contractStart: '2021-11-01',
			contractEnd: '2028-10-31',
			contractNotice: '2028-04-30',
			criticality: 'low',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s2'
		},
		workstreams: ['Integration']
	},
	{
		ref: 'CFA-041',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Community Equipment Ordering',
			description:
				'Used by council and NHS prescribers to order, deliver and collect community equipment.',
			supplier: 'Thistlecombe Ltd',
			product: 'Thistlecombe Equip',
			hosting: 'saas',
			businessOwner: 'Integrated Community Equipment Service Manager',
			technicalOwner: 'Applications Support Team',
			userCount: 520,
			annualRunCostPence: 3300000,
			contractStart: '2022-04-01',
			contractEnd: '2027-03-31',
			contractNotice: '2026-09-30',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s2, s18; Chronically Sick and Disabled Persons Act 1970 s2'
		},
		workstreams: ['Integration']
	},
	{
		ref: 'CFA-042',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Reablement Scheduling',
			description:
				'Rosters reablement workers and schedules home visits during short-term reablement episodes.',
			supplier: 'Ambervale Tech Ltd',
			product: 'Ambervale Roster',
			hosting: 'saas',
			businessOwner: 'Head of Reablement',
			technicalOwner: 'Applications Support Team',
			userCount: 230,
			annualRunCostPence: 4100000,
			contractStart: '2023-02-01',
			contractEnd: '2028-01-31',
			contractNotice: '2027-07-31',
			criticality: 'critical',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Care Act 2014 s2; Care and Support (Preventing Needs for Care and Support) Regulations 2014'
		},
		workstreams: ['Case Management', 'Integration'],
		review: {
			reviewedOn: '2026-03-25',
			reviewer: GROUP,
			summary: 'Integrate outcomes with the adults record.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Integration',
					rationale:
						'Reablement outcomes are re-keyed into the adults record at the end of each episode, and an interface would remove around 300 duplicate entries a month.'
				}
			]
		}
	},
	{
		ref: 'CFA-043',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Hospital Discharge Tracker',
			description:
				'Tracks people medically fit for discharge who are waiting for social care assessments or services.',
			supplier: 'Northshire ICT (in-house)',
			product: 'Bespoke web application',
			hosting: 'on_premises',
			businessOwner: 'Hospital Social Work Team Manager',
			technicalOwner: 'Business Applications Development Team',
			userCount: 95,
			annualRunCostPence: 310000,
			contractStart: null,
			contractEnd: null,
			contractNotice: null,
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s9, s18'
		},
		workstreams: ['Information Gateway']
	},
	{
		ref: 'CFA-044',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Adult Safeguarding Enquiries',
			description:
				'Records safeguarding concerns, enquiry decisions, protection plans and outcomes for adults at risk.',
			supplier: 'Saltmarsh Software Ltd',
			product: 'Saltmarsh Adult Safeguarding',
			hosting: 'saas',
			businessOwner: 'Head of Adult Safeguarding',
			technicalOwner: 'Applications Support Team',
			userCount: 180,
			annualRunCostPence: 2750000,
			contractStart: '2021-06-01',
			contractEnd: '2028-05-31',
			contractNotice: '2027-11-30',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s42-46'
		},
		workstreams: ['Case Management'],
		review: {
			reviewedOn: '2026-03-25',
			reviewer: GROUP,
			summary: 'Replace with the safeguarding module of the main case management system.',
			outcomes: [
				{
					outcome: 'replace',
					status: 'agreed',
					targetDate: '2028-03-31',
					workstream: 'Case Management',
					rationale:
						"Safeguarding enquiries need to sit on the person's care record so concerns and support plans are seen together by the same practitioners."
				}
			]
		}
	},
	{
		ref: 'CFA-045',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Occupational Therapy Waiting List',
			description:
				'Manages the waiting list for occupational therapy assessments and minor adaptations.',
			supplier: 'Nettlebank Ltd',
			product: 'Nettlebank Waitlist',
			hosting: 'saas',
			businessOwner: 'Principal Occupational Therapist',
			technicalOwner: 'Applications Support Team',
			userCount: 60,
			annualRunCostPence: 480000,
			contractStart: '2024-05-01',
			contractEnd: '2027-04-30',
			contractNotice: '2027-01-31',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Care Act 2014 s9; Housing Grants, Construction and Regeneration Act 1996 s23'
		},
		workstreams: ['Case Management']
	},
	{
		ref: 'CFA-046',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'AMHP Rota and Assessments',
			description:
				'Rota for approved mental health professionals and log of Mental Health Act assessments.',
			supplier: 'Ambervale Tech Ltd',
			product: 'Ambervale Duty',
			hosting: 'saas',
			businessOwner: 'AMHP Service Lead',
			technicalOwner: 'Applications Support Team',
			userCount: 48,
			annualRunCostPence: 560000,
			contractStart: '2023-02-01',
			contractEnd: '2028-01-31',
			contractNotice: '2027-07-31',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Mental Health Act 1983 s13, s114'
		},
		workstreams: ['Case Management']
	},
	{
		ref: 'CFA-047',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Shared Lives Carer Payments',
			description:
				'Pays Shared Lives carers for long-term, short-break and day support arrangements.',
			supplier: 'Quillmoor Systems Ltd',
			product: 'Quillmoor Shared Lives',
			hosting: 'hosted',
			businessOwner: 'Shared Lives Scheme Manager',
			technicalOwner: 'Finance Systems Team',
			userCount: 8,
			annualRunCostPence: 350000,
			contractStart: '2019-10-01',
			contractEnd: '2028-09-30',
			contractNotice: '2028-03-31',
			criticality: 'medium',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s8'
		},
		workstreams: ['Financial Management']
	},
	{
		ref: 'CFA-048',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Care Act Online Self-Assessment',
			description:
				'Online needs self-assessment and contact form for adults who may need care and support.',
			supplier: 'Marrowgate Digital Ltd',
			product: 'Marrowgate Forms',
			hosting: 'saas',
			businessOwner: 'Head of Adult Social Care Front Door',
			technicalOwner: 'Digital Services Team',
			userCount: 1200,
			annualRunCostPence: 1150000,
			contractStart: '2023-01-01',
			contractEnd: '2026-12-31',
			contractNotice: '2026-09-30',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s4, s9'
		},
		workstreams: ['Citizen Access']
	},
	{
		ref: 'CFA-049',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Day Opportunities Attendance',
			description:
				'Records attendance and transport at council-run day centres for adults with learning disabilities.',
			supplier: 'Northshire ICT (in-house)',
			product: 'Bespoke web application',
			hosting: 'on_premises',
			businessOwner: 'Day Opportunities Manager',
			technicalOwner: 'Business Applications Development Team',
			userCount: 55,
			annualRunCostPence: 150000,
			contractStart: null,
			contractEnd: null,
			contractNotice: null,
			criticality: 'low',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s8, s18'
		},
		workstreams: ['Case Management']
	},
	{
		ref: 'CFA-050',
		serviceArea: 'Adult Social Care',
		system: {
			name: 'Care Charges Debt Recovery',
			description:
				'Manages recovery of unpaid care contributions, including deferred payment agreements.',
			supplier: 'Greywillow Ltd',
			product: 'Greywillow Recover',
			hosting: 'hosted',
			businessOwner: 'Head of Social Care Finance',
			technicalOwner: 'Finance Systems Team',
			userCount: 12,
			annualRunCostPence: 640000,
			contractStart: '2022-01-01',
			contractEnd: '2026-12-31',
			contractNotice: '2026-06-30',
			criticality: 'medium',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s34, s69, s70'
		},
		workstreams: ['Financial Management']
	},

	// ---------------------------------------------------------------- Education and SEND (12, 6 reviewed)
	{
		ref: 'CFA-051',
		serviceArea: 'Education and SEND',
		system: {
			name: 'SEND Case Management',
			description:
				'Manages requests for EHC needs assessments, the 20-week process, EHC plans and annual reviews.',
			supplier: 'Wyvernstone Education Systems Ltd',
			product: 'Wyvernstone SEND',
			hosting: 'hosted',
			businessOwner: 'Head of SEND Services',
			technicalOwner: 'Education Systems Team',
			userCount: 240,
			annualRunCostPence: 6900000,
			contractStart: '2018-09-01',
			contractEnd: '2028-08-31',
			contractNotice: '2027-08-31',
			criticality: 'critical',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Children and Families Act 2014 s36-49; Special Educational Needs and Disability Regulations 2014 reg 13'
		},
		workstreams: ['Case Management', 'Integration'],
		review: {
			reviewedOn: '2026-02-26',
			reviewer: GROUP,
			summary: 'Add statutory deadline workflow to recover 20-week performance.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Case Management',
					rationale:
						'Only 38% of EHC plans are issued within 20 weeks, and alerts at each statutory deadline are needed to recover performance.'
				}
			]
		}
	},
	{
		ref: 'CFA-052',
		serviceArea: 'Education and SEND',
		system: {
			name: 'EHC Partner Portal',
			description:
				'Portal through which parents, schools and professionals contribute advice to EHC needs assessments and reviews.',
			supplier: 'Wyvernstone Education Systems Ltd',
			product: 'Wyvernstone EHC Portal',
			hosting: 'saas',
			businessOwner: 'Head of SEND Services',
			technicalOwner: 'Education Systems Team',
			userCount: 1500,
			annualRunCostPence: 2400000,
			contractStart: '2021-09-01',
			contractEnd: '2027-08-31',
			contractNotice: '2027-02-28',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children and Families Act 2014 s19, s36, s44'
		},
		workstreams: ['Citizen Access', 'Integration'],
		review: {
			reviewedOn: '2026-02-26',
			reviewer: GROUP,
			summary: 'Open the portal to NHS contributors.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'proposed',
					targetDate: null,
					workstream: 'Citizen Access',
					rationale:
						'Health and care advice is still emailed as attachments, so the portal must accept contributions from NHS professionals directly.'
				}
			]
		}
	},
	{
		ref: 'CFA-053',
		serviceArea: 'Education and SEND',
		system: {
			name: 'School Admissions',
			description:
				'Runs coordinated admissions to reception, junior and secondary schools and in-year applications.',
			supplier: 'Wyvernstone Education Systems Ltd',
			product: 'Wyvernstone Admissions',
			hosting: 'hosted',
			businessOwner: 'School Admissions Manager',
			technicalOwner: 'Education Systems Team',
			userCount: 45,
			annualRunCostPence: 3800000,
			contractStart: '2018-09-01',
			contractEnd: '2028-08-31',
			contractNotice: '2027-08-31',
			criticality: 'high',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties:
				'School Standards and Framework Act 1998 s86, s88; School Admissions Code 2021'
		},
		workstreams: ['Citizen Access'],
		review: {
			reviewedOn: '2026-02-26',
			reviewer: GROUP,
			summary: 'Maintain until the contract ends.',
			outcomes: [
				{
					outcome: 'maintain',
					status: 'agreed',
					targetDate: null,
					workstream: null,
					rationale:
						'Around 16,000 applications a year are handled reliably on national offer days, and the group wants no change before the contract ends.'
				}
			]
		}
	},
	{
		ref: 'CFA-054',
		serviceArea: 'Education and SEND',
		system: {
			name: 'Home to School Transport Routing',
			description:
				'Plans routes, allocates vehicles and passenger assistants and calculates costs for eligible pupils.',
			supplier: 'Rutherby Routing Ltd',
			product: 'Rutherby Routeplanner',
			hosting: 'on_premises',
			businessOwner: 'Head of Passenger Transport',
			technicalOwner: 'Applications Support Team',
			userCount: 30,
			annualRunCostPence: 2900000,
			contractStart: '2017-04-01',
			contractEnd: '2027-03-31',
			contractNotice: '2026-09-30',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Education Act 1996 s508B, s508C, s509AD'
		},
		workstreams: ['Integration'],
		review: {
			reviewedOn: '2026-02-26',
			reviewer: GROUP,
			summary: 'Feed eligible SEND pupils from SEND case management.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Integration',
					rationale:
						'Eligible SEND pupils are added to routes by hand from EHC plans, and a feed from SEND case management would stop children being missed at the start of term.'
				}
			]
		}
	},
	{
		ref: 'CFA-055',
		serviceArea: 'Education and SEND',
		system: {
			name: 'Travel Assistance Applications',
			description:
				'Online applications and eligibility decisions for home to school travel assistance.',
			supplier: 'Marrowgate Digital Ltd',
			product: 'Marrowgate Forms',
			hosting: 'saas',
			businessOwner: 'Head of Passenger Transport',
			technicalOwner: 'Digital Services Team',
			userCount: 20,
			annualRunCostPence: 420000,
			contractStart: '2023-01-01',
			contractEnd: '2026-12-31',
			contractNotice: '2026-09-30',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Education Act 1996 s508B, s509AD'
		},
		workstreams: ['Citizen Access']
	},
	{
		ref: 'CFA-056',
		serviceArea: 'Education and SEND',
		system: {
			name: 'Pupil Database',
			description:
				'Holds pupil, school and census data used for attendance, exclusions, admissions and performance reporting.',
			supplier: 'Wyvernstone Education Systems Ltd',
			product: 'Wyvernstone EMS',
			hosting: 'hosted',
			businessOwner: 'Head of Education Performance',
			technicalOwner: 'Education Systems Team',
			userCount: 380,
			annualRunCostPence: 8400000,
			contractStart: '2018-09-01',
			contractEnd: '2028-08-31',
			contractNotice: '2027-08-31',
			criticality: 'critical',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Education Act 1996 s436A, s437; Education (Pupil Registration) (England) Regulations 2024'
		},
		workstreams: ['Information Management', 'Integration'],
		review: {
			reviewedOn: '2026-02-26',
			reviewer: GROUP,
			summary: 'Maintain as the source of pupil data.',
			outcomes: [
				{
					outcome: 'maintain',
					status: 'agreed',
					targetDate: null,
					workstream: null,
					rationale:
						'It is the authoritative source for census, attendance and exclusions data and is stable until its contract ends in 2028.'
				}
			]
		}
	},
	{
		ref: 'CFA-057',
		serviceArea: 'Education and SEND',
		system: {
			name: 'Children Missing Education Register',
			description:
				'Register of children missing education and children electively home educated, with enquiries made.',
			supplier: 'Northshire ICT (in-house)',
			product: 'Bespoke web application',
			hosting: 'on_premises',
			businessOwner: 'Education Welfare Service Manager',
			technicalOwner: 'Business Applications Development Team',
			userCount: 25,
			annualRunCostPence: 210000,
			contractStart: null,
			contractEnd: null,
			contractNotice: null,
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Education Act 1996 s436A, s437'
		},
		workstreams: ['Information Management']
	},
	{
		ref: 'CFA-058',
		serviceArea: 'Education and SEND',
		system: {
			name: 'Attendance Legal Action Tracker',
			description: 'Tracks penalty notices and prosecutions for irregular school attendance.',
			supplier: 'Coppermoss Data Ltd',
			product: 'Coppermoss Attendance',
			hosting: 'saas',
			businessOwner: 'Education Welfare Service Manager',
			technicalOwner: 'Applications Support Team',
			userCount: 35,
			annualRunCostPence: 650000,
			contractStart: '2024-09-01',
			contractEnd: '2027-08-31',
			contractNotice: '2027-05-31',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Education Act 1996 s444, s444A'
		},
		workstreams: ['Case Management']
	},
	{
		ref: 'CFA-059',
		serviceArea: 'Education and SEND',
		system: {
			name: 'Free School Meals Eligibility Checker',
			description:
				"Online checks of parents' eligibility for free school meals, with results passed to schools.",
			supplier: 'Marrowgate Digital Ltd',
			product: 'Marrowgate Eligibility',
			hosting: 'saas',
			businessOwner: 'Pupil Support Services Manager',
			technicalOwner: 'Digital Services Team',
			userCount: 15,
			annualRunCostPence: 280000,
			contractStart: '2023-04-01',
			contractEnd: '2027-03-31',
			contractNotice: '2026-12-31',
			criticality: 'medium',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties: 'Education Act 1996 s512, s512ZB'
		},
		workstreams: ['Citizen Access']
	},
	{
		ref: 'CFA-060',
		serviceArea: 'Education and SEND',
		system: {
			name: 'Child Employment and Performance Licensing',
			description: 'Issues work permits and performance licences for school-age children.',
			supplier: 'Windlecote Ltd',
			product: 'Windlecote Licensing',
			hosting: 'saas',
			businessOwner: 'Child Employment and Entertainment Officer',
			technicalOwner: 'Applications Support Team',
			userCount: 6,
			annualRunCostPence: 190000,
			contractStart: '2022-04-01',
			contractEnd: '2027-03-31',
			contractNotice: '2027-01-31',
			criticality: 'low',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties:
				'Children and Young Persons Act 1933 s18; Children and Young Persons Act 1963 s37'
		},
		workstreams: ['Citizen Access']
	},
	{
		ref: 'CFA-061',
		serviceArea: 'Education and SEND',
		system: {
			name: 'Early Years Funding Portal',
			description:
				'Portal for childcare providers to submit funded-hours headcounts and receive payment statements.',
			supplier: 'Wyvernstone Education Systems Ltd',
			product: 'Wyvernstone Provider Portal',
			hosting: 'saas',
			businessOwner: 'Head of Early Years and Childcare',
			technicalOwner: 'Education Systems Team',
			userCount: 560,
			annualRunCostPence: 2200000,
			contractStart: '2021-09-01',
			contractEnd: '2027-08-31',
			contractNotice: '2027-02-28',
			criticality: 'high',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties: 'Childcare Act 2006 s7; Childcare Act 2016 s1'
		},
		workstreams: ['Financial Management'],
		review: {
			reviewedOn: '2026-04-09',
			reviewer: GROUP,
			summary: 'Automate payment calculation for the expanded entitlements.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Financial Management',
					rationale:
						'The expanded working-parent entitlements tripled headcount claims, and automated payment calculation is needed to pay providers on the fixed monthly date.'
				}
			]
		}
	},
	{
		ref: 'CFA-062',
		serviceArea: 'Education and SEND',
		system: {
			name: 'Educational Psychology Bookings',
			description:
				'Books educational psychologist time traded to schools and statutory assessment work.',
			supplier: 'Ambervale Tech Ltd',
			product: 'Ambervale Bookings',
			hosting: 'saas',
			businessOwner: 'Principal Educational Psychologist',
			technicalOwner: 'Applications Support Team',
			userCount: 40,
			annualRunCostPence: 320000,
			contractStart: '2023-09-01',
			contractEnd: '2026-08-31',
			contractNotice: '2026-05-31',
			criticality: 'low',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Children and Families Act 2014 s36; Special Educational Needs and Disability Regulations 2014 reg 6'
		},
		workstreams: ['Case Management']
	},

	// ---------------------------------------------------------------- Commissioning and Brokerage (8, 3 reviewed)
	{
		ref: 'CFA-063',
		serviceArea: 'Commissioning and Brokerage',
		system: {
			name: 'Care and Support Directory',
			description:
				'Public directory of care homes, home care, day services and community support for adults.',
			supplier: 'Hollowmere Ltd',
			product: 'Hollowmere Directory',
			hosting: 'saas',
			businessOwner: 'Head of Commissioning, Adults',
			technicalOwner: 'Digital Services Team',
			userCount: 120,
			annualRunCostPence: 1650000,
			contractStart: '2022-04-01',
			contractEnd: '2027-03-31',
			contractNotice: '2026-12-31',
			criticality: 'medium',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s4, s5'
		},
		workstreams: ['Directories', 'Citizen Access'],
		review: {
			reviewedOn: '2026-04-09',
			reviewer: GROUP,
			summary: 'Add provider self-service editing; becomes the single directory.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Directories',
					rationale:
						'Providers update listings by emailing the council, so self-service editing with annual verification would keep about 2,400 listings current.'
				}
			]
		}
	},
	{
		ref: 'CFA-064',
		serviceArea: 'Commissioning and Brokerage',
		system: {
			name: 'Family Information Directory',
			description:
				'Public directory of childcare, activities, family support and the SEND local offer.',
			supplier: 'Hollowmere Ltd',
			product: 'Hollowmere Family Directory',
			hosting: 'saas',
			businessOwner: 'Family Information Service Manager',
			technicalOwner: 'Digital Services Team',
			userCount: 40,
			annualRunCostPence: 1100000,
			contractStart: '2022-04-01',
			contractEnd: '2027-12-31',
			contractNotice: '2027-06-30',
			criticality: 'medium',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties: 'Childcare Act 2006 s12; Children and Families Act 2014 s30'
		},
		workstreams: ['Directories', 'Citizen Access'],
		review: {
			reviewedOn: '2026-04-09',
			reviewer: GROUP,
			summary: 'Merge into the single care and support directory.',
			outcomes: [
				{
					outcome: 'replace',
					status: 'proposed',
					targetDate: '2027-12-31',
					workstream: 'Directories',
					rationale:
						'Families and practitioners search two directories for overlapping services, so family listings and the local offer will move into the single directory.'
				}
			]
		}
	},
	{
		ref: 'CFA-065',
		serviceArea: 'Commissioning and Brokerage',
		system: {
			name: 'Care Brokerage and Sourcing',
			description:
				'Sends care package requests to providers on the dynamic purchasing system and records offers and awards.',
			supplier: 'Pendlecroft Systems Ltd',
			product: 'Pendlecroft Source',
			hosting: 'saas',
			businessOwner: 'Brokerage Team Manager',
			technicalOwner: 'Applications Support Team',
			userCount: 45,
			annualRunCostPence: 2850000,
			contractStart: '2023-01-01',
			contractEnd: '2027-12-31',
			contractNotice: '2027-06-30',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s5, s8'
		},
		workstreams: ['Directories', 'Integration']
	},
	{
		ref: 'CFA-066',
		serviceArea: 'Commissioning and Brokerage',
		system: {
			name: 'Provider Quality Monitoring',
			description:
				'Records contract monitoring visits, quality ratings and improvement plans for care providers.',
			supplier: 'Elderfen Systems Ltd',
			product: 'Elderfen Quality',
			hosting: 'saas',
			businessOwner: 'Quality Assurance Manager, Commissioning',
			technicalOwner: 'Applications Support Team',
			userCount: 35,
			annualRunCostPence: 540000,
			contractStart: '2022-10-01',
			contractEnd: '2026-09-30',
			contractNotice: '2026-03-31',
			criticality: 'medium',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s5, s48'
		},
		workstreams: ['Information Management']
	},
	{
		ref: 'CFA-067',
		serviceArea: 'Commissioning and Brokerage',
		system: {
			name: 'Care Cost Model',
			description:
				'Spreadsheet model of the cost of care used to set fee rates and plan market sustainability.',
			supplier: 'Northshire ICT (in-house)',
			product: 'Bespoke spreadsheet model',
			hosting: 'on_premises',
			businessOwner: 'Head of Commissioning, Adults',
			technicalOwner: 'Business Intelligence Team',
			userCount: 8,
			annualRunCostPence: null,
			contractStart: null,
			contractEnd: null,
			contractNotice: null,
			criticality: 'low',
			personalData: 'none',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s5'
		},
		workstreams: ['Financial Management']
	},
	{
		ref: 'CFA-068',
		serviceArea: 'Commissioning and Brokerage',
		system: {
			name: 'Provider Invoicing Portal',
			description:
				'Portal where care providers submit invoices and see remittances for commissioned packages.',
			supplier: 'Quillmoor Systems Ltd',
			product: 'Quillmoor Provider Portal',
			hosting: 'saas',
			businessOwner: 'Head of Social Care Finance',
			technicalOwner: 'Finance Systems Team',
			userCount: 900,
			annualRunCostPence: 1950000,
			contractStart: '2024-04-01',
			contractEnd: '2028-09-30',
			contractNotice: '2028-03-31',
			criticality: 'high',
			personalData: 'personal',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s8'
		},
		workstreams: ['Financial Management', 'Citizen Access'],
		review: {
			reviewedOn: '2026-04-09',
			reviewer: GROUP,
			summary: 'Match invoices to actual visit data.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Financial Management',
					rationale:
						'Home care invoices are checked line by line against planned hours, and matching them to actual visit times from call monitoring would cut payment queries.'
				}
			]
		}
	},
	{
		ref: 'CFA-069',
		serviceArea: 'Commissioning and Brokerage',
		system: {
			name: "Children's Placements Contracts Tracker",
			description:
				"Tracks individual placement agreements, fees and uplifts for children's external placements.",
			supplier: 'Pendlecroft Systems Ltd',
			product: 'Pendlecroft Contracts',
			hosting: 'saas',
			businessOwner: 'Head of Commissioning, Children',
			technicalOwner: 'Applications Support Team',
			userCount: 20,
			annualRunCostPence: 760000,
			contractStart: '2023-04-01',
			contractEnd: '2027-03-31',
			contractNotice: '2026-09-30',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 1989 s22G'
		},
		workstreams: ['Financial Management']
	},
	{
		ref: 'CFA-070',
		serviceArea: 'Commissioning and Brokerage',
		system: {
			name: 'Home Care Call Monitoring',
			description:
				'Records care worker arrival and departure times at home care visits for commissioned providers.',
			supplier: 'Thistlecombe Ltd',
			product: 'Thistlecombe Visit',
			hosting: 'saas',
			businessOwner: 'Head of Commissioning, Adults',
			technicalOwner: 'Applications Support Team',
			userCount: 1300,
			annualRunCostPence: 3600000,
			contractStart: '2022-01-01',
			contractEnd: '2027-12-31',
			contractNotice: '2027-06-30',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s5, s8'
		},
		workstreams: ['Integration']
	},

	// ---------------------------------------------------------------- Business Support (9, 6 reviewed)
	{
		ref: 'CFA-071',
		serviceArea: 'Business Support',
		system: {
			name: 'Document Management',
			description:
				'Stores case documents, letters and scanned correspondence for children, adults and education services.',
			supplier: 'Fennick Software Ltd',
			product: 'Fennick Docs 11',
			hosting: 'on_premises',
			businessOwner: 'Head of Business Support, CFA',
			technicalOwner: 'Document Management Team',
			userCount: 1400,
			annualRunCostPence: 9200000,
			contractStart: '2016-10-01',
			contractEnd: '2027-09-30',
			contractNotice: '2026-09-30',
			criticality: 'critical',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'UK GDPR Art 5(1)(e); Data Protection Act 2018; Local Government Act 1972 s224'
		},
		workstreams: ['Information Management'],
		review: {
			reviewedOn: '2026-01-29',
			reviewer: GROUP,
			summary: 'Configure automated retention and disposal.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Information Management',
					rationale:
						'Retention schedules are not applied, so records past their retention date are still held, and automated disposal rules must be configured.'
				}
			]
		}
	},
	{
		ref: 'CFA-072',
		serviceArea: 'Business Support',
		system: {
			name: 'Data Warehouse and Reporting',
			description:
				'Directorate data warehouse and reporting platform used to produce statutory returns and management reports.',
			supplier: 'Larkfield Data Ltd',
			product: 'Larkfield Insight',
			hosting: 'hosted',
			businessOwner: 'Head of Business Intelligence',
			technicalOwner: 'Business Intelligence Team',
			userCount: 420,
			annualRunCostPence: 7600000,
			contractStart: '2022-04-01',
			contractEnd: '2027-03-31',
			contractNotice: '2026-09-30',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Statutory returns: Children in Need census, SSDA903, Short and Long Term support; Children Act 1989 s83'
		},
		workstreams: ['Information Management', 'Integration'],
		review: {
			reviewedOn: '2026-01-29',
			reviewer: GROUP,
			summary: 'Build a single governed data model for statutory returns.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Information Management',
					rationale:
						'Statutory returns are still assembled from several extracts, and a single governed data model would let each return be produced and validated in one place.'
				}
			]
		}
	},
	{
		ref: 'CFA-073',
		serviceArea: 'Business Support',
		system: {
			name: 'Integration Engine',
			description:
				'Message broker that moves data between case, finance, education and partner systems.',
			supplier: 'Kestrelbyte Ltd',
			product: 'Kestrel Exchange 9',
			hosting: 'hosted',
			businessOwner: 'Enterprise Architect',
			technicalOwner: 'Integration Team',
			userCount: 12,
			annualRunCostPence: 5400000,
			contractStart: '2021-04-01',
			contractEnd: '2028-03-31',
			contractNotice: '2027-09-30',
			criticality: 'critical',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Supports information sharing under Children Act 2004 s10, s11 and Care Act 2014 s6, s7'
		},
		workstreams: ['Integration'],
		review: {
			reviewedOn: '2026-01-29',
			reviewer: GROUP,
			summary: 'Move point-to-point interfaces onto the engine.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'agreed',
					targetDate: null,
					workstream: 'Integration',
					rationale:
						'Twelve point-to-point interfaces bypass the engine, and moving them onto it is a precondition for connecting the new main system.'
				}
			]
		}
	},
	{
		ref: 'CFA-074',
		serviceArea: 'Business Support',
		system: {
			name: 'Citizen Portal',
			description:
				'Resident accounts and online forms for social care, family services and education requests.',
			supplier: 'Marrowgate Digital Ltd',
			product: 'Marrowgate MyAccount',
			hosting: 'saas',
			businessOwner: 'Digital Services Manager',
			technicalOwner: 'Digital Services Team',
			userCount: 1500,
			annualRunCostPence: 4250000,
			contractStart: '2023-01-01',
			contractEnd: '2026-12-31',
			contractNotice: '2026-06-30',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Care Act 2014 s4; Childcare Act 2006 s12'
		},
		workstreams: ['Citizen Access'],
		review: {
			reviewedOn: '2026-01-29',
			reviewer: GROUP,
			summary: 'Show request progress in resident accounts.',
			outcomes: [
				{
					outcome: 'develop',
					status: 'proposed',
					targetDate: null,
					workstream: 'Citizen Access',
					rationale:
						'Residents cannot see the progress of a request once submitted, so status updates from the case systems should be shown in their account.'
				}
			]
		}
	},
	{
		ref: 'CFA-075',
		serviceArea: 'Business Support',
		system: {
			name: 'Blue Badge Applications',
			description:
				'Processes blue badge applications, eligibility assessments, renewals and misuse reports.',
			supplier: 'Windlecote Ltd',
			product: 'Windlecote Permits',
			hosting: 'saas',
			businessOwner: 'Blue Badge Team Manager',
			technicalOwner: 'Applications Support Team',
			userCount: 14,
			annualRunCostPence: 560000,
			contractStart: '2022-04-01',
			contractEnd: '2027-03-31',
			contractNotice: '2026-12-31',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties:
				'Chronically Sick and Disabled Persons Act 1970 s21; Disabled Persons (Badges for Motor Vehicles) (England) Regulations 2000'
		},
		workstreams: ['Citizen Access']
	},
	{
		ref: 'CFA-076',
		serviceArea: 'Business Support',
		system: {
			name: 'Secure Email and File Transfer',
			description:
				'Encrypted email and large file transfer used to exchange case information with partners.',
			supplier: 'Larchwick Secure Ltd',
			product: 'Larchwick Transfer',
			hosting: 'saas',
			businessOwner: 'Information Governance Manager',
			technicalOwner: 'Infrastructure and Telephony Team',
			userCount: 1200,
			annualRunCostPence: 1450000,
			contractStart: '2023-07-01',
			contractEnd: '2026-06-30',
			contractNotice: '2026-03-31',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 2004 s11; Care Act 2014 s6'
		},
		workstreams: ['Information Gateway']
	},
	{
		ref: 'CFA-077',
		serviceArea: 'Business Support',
		system: {
			name: 'Subject Access Request Tracker',
			description:
				'Logs subject access and records requests and tracks them against the statutory deadline.',
			supplier: 'Elderfen Systems Ltd',
			product: 'Elderfen Requests',
			hosting: 'saas',
			businessOwner: 'Information Governance Manager',
			technicalOwner: 'Applications Support Team',
			userCount: 18,
			annualRunCostPence: 390000,
			contractStart: '2022-10-01',
			contractEnd: '2026-09-30',
			contractNotice: '2026-06-30',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'UK GDPR Art 15; Data Protection Act 2018 s45'
		},
		workstreams: ['Information Management'],
		review: {
			reviewedOn: '2026-04-23',
			reviewer: GROUP,
			summary: 'Maintain; redaction stays in the document store.',
			outcomes: [
				{
					outcome: 'maintain',
					status: 'agreed',
					targetDate: null,
					workstream: null,
					rationale:
						'Requests are logged and tracked against the one-month deadline without problems, and redaction is already handled in the document store.'
				}
			]
		}
	},
	{
		ref: 'CFA-078',
		serviceArea: 'Business Support',
		system: {
			name: 'Scanning and Mailroom Indexing',
			description: 'Scans incoming post and indexes it to case records in document management.',
			supplier: 'Fennick Software Ltd',
			product: 'Fennick Capture',
			hosting: 'on_premises',
			businessOwner: 'Business Support Manager',
			technicalOwner: 'Document Management Team',
			userCount: 16,
			annualRunCostPence: 1200000,
			contractStart: '2016-10-01',
			contractEnd: '2027-09-30',
			contractNotice: '2026-09-30',
			criticality: 'medium',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Local Government Act 1972 s224'
		},
		workstreams: ['Information Management'],
		review: {
			reviewedOn: '2026-04-23',
			reviewer: GROUP,
			summary: 'Decommission; remaining post goes to the corporate print room.',
			outcomes: [
				{
					outcome: 'decommission',
					status: 'proposed',
					targetDate: '2027-09-30',
					workstream: 'Information Management',
					rationale:
						'Incoming post has fallen by 70% since online forms launched, and the remainder can be scanned by the corporate print room.'
				}
			]
		}
	},
	{
		ref: 'CFA-079',
		serviceArea: 'Business Support',
		system: {
			name: 'Master Person Index',
			description:
				'Matches people across case, education and finance systems and holds their cross-references.',
			supplier: 'Kestrelbyte Ltd',
			product: 'Kestrel Identity Match',
			hosting: 'hosted',
			businessOwner: 'Enterprise Architect',
			technicalOwner: 'Integration Team',
			userCount: 10,
			annualRunCostPence: 1800000,
			contractStart: '2024-01-01',
			contractEnd: '2028-03-31',
			contractNotice: '2027-09-30',
			criticality: 'high',
			personalData: 'special_category',
			lifecycle: 'live',
			statutoryDuties: 'Children Act 2004 s10, s11; Care Act 2014 s6'
		},
		workstreams: ['Integration', 'Information Gateway']
	}
];
