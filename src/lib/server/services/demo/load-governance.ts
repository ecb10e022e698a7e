/**
 * The demo shared service: a three-council ICT partnership (Northshire County Council, the demo
 * portfolio's council, with two district councils), its partnership agreement, five systems it runs
 * for them with recovery objectives, a disaster recovery plan approved at a quorate joint committee,
 * one independent test that passed, one that breached an RTO with its action, and one inquorate
 * meeting. Loaded through the services the app uses; loading again adds nothing.
 */
import { db, transaction } from '$lib/server/db/database';
import * as organisations from '$lib/server/repos/organisations';
import * as partnerships from '$lib/server/repos/governance-partnerships';
import * as systemService from '$lib/server/services/systems';
import * as partnershipService from '$lib/server/services/governance-partnerships';
import * as documentService from '$lib/server/services/governance-documents';
import * as recoveryService from '$lib/server/services/governance-recovery';
import * as meetingService from '$lib/server/services/governance-meetings';
import type { Actor } from '$lib/server/services/actor';
import type { SystemInput } from '$lib/domain/systems';

export const DEMO_SHARED_SERVICE = { slug: 'tri-council-ict', name: 'Tri-Council ICT Partnership' };
const DISTRICTS = [
	{ slug: 'eastmoor', name: 'Eastmoor District Council' },
	{ slug: 'westvale', name: 'Westvale Borough Council' }
];

const SYSTEMS: {
	name: string;
	criticality: SystemInput['criticality'];
	statutoryDuties: string;
	users: number;
	rto: number;
	rpo: number;
	mtpd: number;
	order: number;
	for: ('county' | 'east' | 'west')[];
}[] = [
	{
		name: 'Identity and email',
		criticality: 'critical',
		statutoryDuties: '',
		users: 6200,
		rto: 240,
		rpo: 60,
		mtpd: 1440,
		order: 1,
		for: ['county', 'east', 'west']
	},
	{
		name: 'Revenues and benefits',
		criticality: 'critical',
		statutoryDuties:
			'Council tax and housing benefit (Local Government Finance Act 1992; Social Security Administration Act 1992)',
		users: 180,
		rto: 480,
		rpo: 240,
		mtpd: 2880,
		order: 2,
		for: ['east', 'west']
	},
	{
		name: 'Adult social care records hosting',
		criticality: 'critical',
		statutoryDuties: 'Care Act 2014 assessments and safeguarding',
		users: 900,
		rto: 240,
		rpo: 30,
		mtpd: 720,
		order: 1,
		for: ['county']
	},
	{
		name: 'Network and telephony',
		criticality: 'high',
		statutoryDuties: 'Civil Contingencies Act 2004 emergency contact',
		users: 6200,
		rto: 120,
		rpo: 1,
		mtpd: 480,
		order: 1,
		for: ['county', 'east', 'west']
	},
	{
		name: 'Backup and recovery platform',
		criticality: 'high',
		statutoryDuties: '',
		users: 12,
		rto: 1440,
		rpo: 1440,
		mtpd: 4320,
		order: 3,
		for: ['county', 'east', 'west']
	}
];

function systemInput(s: (typeof SYSTEMS)[number]): SystemInput {
	return {
		name: s.name,
		description: `Run by the Tri-Council ICT Partnership for its partners.`,
		supplier: '',
		product: '',
		hosting: 'on_premises',
		businessOwner: 'Head of Shared ICT',
		technicalOwner: 'Infrastructure team',
		contactName: '',
		contactEmail: '',
		contactPhone: '',
		userCount: s.users,
		annualRunCostPence: null,
		contractStart: null,
		contractEnd: null,
		contractNotice: null,
		criticality: s.criticality,
		statutoryDuties: s.statutoryDuties,
		personalData: 'personal',
		lifecycle: 'live',
		directorateId: null,
		serviceAreaId: null,
		externalRef: `TC-${s.name.replace(/\W+/g, '-').toUpperCase()}`
	};
}

/** Loads the partnership unless it is there already; `countyId` is the demo council's organisation. */
export async function loadDemoGovernance(countyId: number): Promise<boolean> {
	const existing = await organisations.getOrganisationBySlug(db(), DEMO_SHARED_SERVICE.slug);
	if (existing && (await partnerships.getAgreement(db(), existing.id))) return false;
	const shared =
		existing ??
		(await transaction((tx) => organisations.createOrganisation(tx, DEMO_SHARED_SERVICE)));
	const [east, west] = await Promise.all(
		DISTRICTS.map(
			async (d) =>
				(await organisations.getOrganisationBySlug(db(), d.slug)) ??
				(await transaction((tx) => organisations.createOrganisation(tx, d)))
		)
	);
	const actor: Actor = { organisationId: shared.id, userId: null, displayName: 'Demo data loader' };
	const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
		if (!r.ok) throw new Error(`demo governance: ${JSON.stringify(r)}`);
		return r as Extract<T, { ok: true }>;
	};
	ok(
		await partnershipService.saveAgreement(actor, null, {
			title: 'Tri-Council ICT Shared Service Partnership Agreement',
			reference: 'TC-ICT/2021/01',
			signedOn: '2021-03-15',
			quorumRule: 'all',
			quorumMinimum: null
		})
	);
	const partnerOf = { county: countyId, east: east!.id, west: west!.id };
	for (const id of Object.values(partnerOf))
		ok(await partnershipService.addPartner(actor, id, '2021-04-01'));

	const ids = new Map<string, number>();
	for (const s of SYSTEMS) {
		const saved = await systemService.createSystem(actor, systemInput(s));
		ids.set(s.name, saved.id);
		ok(
			await partnershipService.setSystemPartners(
				actor,
				saved.id,
				s.for.map((k) => partnerOf[k])
			)
		);
		ok(
			await recoveryService.saveObjectives(actor, saved.id, null, {
				rtoMinutes: s.rto,
				rpoMinutes: s.rpo,
				mtpdMinutes: s.mtpd,
				restorationOrder: s.order,
				agreedBy: "Head of Shared ICT with each partner's service owner",
				agreedOn: '2025-09-01'
			})
		);
	}

	const person = async (name: string, jobTitle: string) =>
		ok(await documentService.addPerson(actor, { name, jobTitle })).personId;
	const priya = await person('Priya Shah', 'Infrastructure Manager, Tri-Council ICT');
	const tom = await person('Tom Reed', 'Applications Lead, Tri-Council ICT');
	const grace = await person('Grace Obi', 'Senior Auditor, Eastmoor internal audit');
	const daniel = await person('Daniel Cole', 'Service Desk Manager, Westvale');

	const quorate = ok(
		await meetingService.recordMeeting(actor, {
			body: 'joint_committee',
			meetingOn: '2025-10-09',
			title: 'ICT Joint Committee',
			minutesUrl: 'https://democracy.example.gov.uk/ict-joint-committee/2025-10-09',
			attendees: {
				[partnerOf.county]: 'Cllr Hughes',
				[partnerOf.east]: 'Cllr Patel',
				[partnerOf.west]: 'Cllr Morgan'
			}
		})
	);
	const plan = ok(
		await documentService.createDocument(
			actor,
			{
				kind: 'disaster_recovery',
				title: 'ICT disaster recovery plan',
				scope: 'systems',
				serviceName: '',
				restricted: false,
				systemIds: [...ids.values()],
				summary:
					'Restoration order, roles and runbooks for the five shared systems, from the secondary data centre.',
				linkUrl: 'https://intranet.example.gov.uk/tri-council-ict/dr-plan-v1.pdf',
				authorIds: [priya, tom]
			},
			null
		)
	);
	ok(
		await documentService.approveVersion(actor, plan.versionId, {
			meetingId: quorate.meetingId,
			minuteRef: 'ICTJC/2025/17',
			reviewBy: '2027-10-31'
		})
	);
	ok(
		await documentService.createDocument(
			actor,
			{
				kind: 'security_policy',
				title: 'Information security policy',
				scope: 'organisation',
				serviceName: '',
				restricted: true,
				systemIds: [],
				summary: 'Access control, patching and incident response standards.',
				linkUrl: null,
				authorIds: [tom]
			},
			null
		)
	);

	// An independent test that passed, and one that breached an RTO, with its action.
	const identity = ids.get('Identity and email')!;
	const network = ids.get('Network and telephony')!;
	const revenues = ids.get('Revenues and benefits')!;
	ok(
		await recoveryService.recordTest(actor, plan.versionId, {
			testType: 'full_failover',
			testedOn: '2026-02-21',
			result: 'passed',
			evidence:
				'Failover log TC-DR-2026-02 and screenshots of service checks, filed with the joint committee papers.',
			testerIds: [grace, daniel],
			systems: [
				{ systemId: identity, achievedMinutes: 195, dataLossMinutes: 20 },
				{ systemId: network, achievedMinutes: 95, dataLossMinutes: 0 }
			],
			actions: []
		})
	);
	ok(
		await recoveryService.recordTest(actor, plan.versionId, {
			testType: 'partial',
			testedOn: '2026-06-13',
			result: 'passed_with_issues',
			evidence: 'Test report TC-DR-2026-06.',
			testerIds: [grace],
			systems: [{ systemId: revenues, achievedMinutes: 690, dataLossMinutes: 120 }],
			actions: [
				{
					description:
						'Revenues database restore took 11h 30m against an 8h RTO: move it to the fast backup tier and retest',
					owner: 'Priya Shah',
					dueOn: '2026-09-30'
				}
			]
		})
	);

	// Westvale sent no one: not quorate under the every-partner rule.
	ok(
		await meetingService.recordMeeting(actor, {
			body: 'board',
			meetingOn: '2026-07-16',
			title: 'ICT Partnership Board',
			minutesUrl: '',
			attendees: {
				[partnerOf.county]: 'Director of Resources',
				[partnerOf.east]: 'Chief Executive'
			}
		})
	);
	return true;
}
