/**
 * The governance register as pages read it: documents with their versions' shown status and
 * ratification, meetings with attendance, decisions, tests, actions, and the scrutiny figures.
 * Reads only; the same for the shared service's own users and (through `registerForPartner`, after
 * the partner check) for its partners' users.
 */
import * as documents from '../repos/governance-documents';
import * as meetings from '../repos/governance-meetings';
import * as recovery from '../repos/governance-recovery';
import * as partnerships from '../repos/governance-partnerships';
import * as papers from '../repos/governance-papers';
import type { Executor } from '../db';
import { isOverdue, versionStatuses, type VersionStatus } from '$lib/domain/governance/documents';
import {
	isRatified,
	scrutinyFigures,
	scrutinyRows,
	type DecisionFacts,
	type PlanFacts
} from '$lib/domain/governance/scrutiny';

export async function decisionFacts(
	ex: Executor,
	organisationId: number
): Promise<DecisionFacts[]> {
	const quorate = new Map(
		(await meetings.listMeetings(ex, organisationId)).map((m) => [m.id, m.quorate])
	);
	return (await meetings.listDecisions(ex, organisationId)).map((d) => ({
		id: d.id,
		meetingQuorate: quorate.get(d.meetingId) === true,
		ratifiesDecisionId: d.ratifiesDecisionId
	}));
}

/** Every document with its versions (newest first), each with shown status, authors and ratification. */
export async function documentRegister(ex: Executor, organisationId: number, today: string) {
	const [docs, versions, facts, covered] = await Promise.all([
		documents.listDocuments(ex, organisationId),
		documents.listVersions(ex, organisationId),
		decisionFacts(ex, organisationId),
		documents.listDocumentSystems(ex, organisationId)
	]);
	const authors = await documents.listAuthors(
		ex,
		organisationId,
		versions.map((v) => v.id)
	);
	return docs.map((d) => {
		const own = versions.filter((v) => v.documentId === d.id);
		const statuses = versionStatuses(own);
		const rows = own.map((v) => ({
			id: v.id,
			number: v.number,
			status: statuses.get(v.number) as VersionStatus,
			summary: v.summary,
			linkUrl: v.linkUrl,
			attachmentName: v.attachmentName,
			reviewBy: v.reviewBy,
			approvedOn: v.approvedOn,
			contentHash: v.contentHash,
			decisionId: v.decisionId,
			createdBy: v.createdBy,
			createdAt: v.createdAt,
			ratified: v.decisionId == null ? null : isRatified(v.decisionId, facts),
			reviewOverdue: statuses.get(v.number) === 'approved' && isOverdue(v.reviewBy, today),
			authors: authors
				.filter((a) => a.versionId === v.id)
				.map((a) => ({ personId: a.personId, name: a.name }))
		}));
		const current = rows.find((r) => r.status === 'approved') ?? null;
		return {
			...d,
			versions: rows,
			current,
			systems: covered
				.filter((c) => c.documentId === d.id)
				.map((c) => ({ id: c.systemId, name: c.name }))
		};
	});
}

export async function meetingRegister(ex: Executor, organisationId: number) {
	const list = await meetings.listMeetings(ex, organisationId);
	const ids = list.map((m) => m.id);
	const [partners, decisions, facts, attached] = await Promise.all([
		meetings.listMeetingPartners(ex, organisationId, ids),
		meetings.listDecisions(ex, organisationId),
		decisionFacts(ex, organisationId),
		papers.listPapers(ex, organisationId, ids)
	]);
	return list.map((m) => ({
		...m,
		partners: partners.filter((p) => p.meetingId === m.id),
		papers: attached.filter((p) => p.meetingId === m.id),
		decisions: decisions
			.filter((d) => d.meetingId === m.id)
			.map((d) => ({ ...d, ratified: isRatified(d.id, facts) }))
	}));
}

export async function testRegister(ex: Executor, organisationId: number) {
	const tests = await recovery.listTests(ex, organisationId);
	const ids = tests.map((t) => t.id);
	const [testers, tested, versions, docs] = await Promise.all([
		recovery.listTesters(ex, organisationId, ids),
		recovery.listTestSystems(ex, organisationId, ids),
		documents.listVersions(ex, organisationId),
		documents.listDocuments(ex, organisationId)
	]);
	return tests.map((t) => {
		const v = versions.find((x) => x.id === t.versionId)!;
		return {
			...t,
			documentTitle: docs.find((d) => d.id === v.documentId)?.title ?? '',
			documentId: v.documentId,
			versionNumber: v.number,
			testers: testers.filter((x) => x.testId === t.id).map((x) => x.name),
			systems: tested.filter((s) => s.testId === t.id)
		};
	});
}

/**
 * The scrutiny rows and figures as at `today` (a quarter's end for the committee report): a plan
 * counts by the version approved on or before that day (a later approval does not reach back), a
 * test by its date, an action as open if it was not completed by then, a meeting if held by then.
 */
export async function scrutiny(ex: Executor, organisationId: number, today: string) {
	const [register, all, tested, actions, meetingList, tests] = await Promise.all([
		documentRegister(ex, organisationId, today),
		recovery.listSystemsForGovernance(ex, organisationId),
		recovery.listTestSystems(ex, organisationId),
		recovery.listActions(ex, organisationId),
		meetings.listMeetings(ex, organisationId),
		recovery.listTests(ex, organisationId)
	]);
	const testedOn = new Map(tests.filter((t) => t.testedOn <= today).map((t) => [t.id, t.testedOn]));
	const failed = new Set(tests.filter((t) => t.result === 'failed').map((t) => t.id));
	const asAt = register.map((d) => ({
		...d,
		// Newest first: the first version approved by `today` is the one in force that day.
		inForce:
			d.versions.find(
				(v) => v.status !== 'draft' && v.approvedOn != null && v.approvedOn <= today
			) ?? null
	}));
	const plans: PlanFacts[] = asAt
		.filter((d) => d.kind !== 'security_policy')
		.map((d) => ({
			systemIds:
				d.scope === 'systems' ? d.systems.map((s) => s.id) : d.scope === 'organisation' ? null : [],
			approved: d.inForce
				? { reviewBy: d.inForce.reviewBy!, ratified: d.inForce.ratified === true }
				: null
		}));
	const rows = scrutinyRows(
		all,
		plans,
		tested
			.filter((t) => testedOn.has(t.testId))
			.map((t) => ({
				systemId: t.systemId,
				testedOn: testedOn.get(t.testId)!,
				withinRto: t.withinRto,
				failed: failed.has(t.testId),
				testId: t.testId
			})),
		today
	);
	const overdueActions = actions.filter(
		(a) => a.dueOn < today && (a.completedOn == null || a.completedOn > today)
	);
	const overdueReviews = asAt
		.filter((d) => d.inForce && isOverdue(d.inForce.reviewBy, today))
		.map((d) => ({ id: d.id, title: d.title, reviewBy: d.inForce!.reviewBy }));
	const figures = scrutinyFigures(rows, {
		overdueReviews: overdueReviews.length,
		overdueActions: overdueActions.length,
		inquorateMeetings: meetingList.filter((m) => !m.quorate && m.meetingOn <= today).length
	});
	return { rows, figures, overdueActions, overdueReviews };
}

/** What a partner's users may read of a shared service: its register and the systems run for that partner. */
export async function registerForPartner(
	ex: Executor,
	sharedOrganisationId: number,
	partnerOrganisationId: number,
	today: string
) {
	const [docs, meetingList, agreement, partners, runFor, objectives] = await Promise.all([
		documentRegister(ex, sharedOrganisationId, today),
		meetingRegister(ex, sharedOrganisationId),
		partnerships.getAgreement(ex, sharedOrganisationId),
		partnerships.listPartners(ex, sharedOrganisationId),
		partnerships.systemsRunFor(ex, sharedOrganisationId, partnerOrganisationId),
		recovery.listObjectives(ex, sharedOrganisationId)
	]);
	const byId = new Map(objectives.map((o) => [o.systemId, o]));
	return {
		agreement,
		partners,
		// A restricted security policy's summary and link stay with the shared service; partners see that it exists and its status.
		documents: docs.map((d) => ({
			...d,
			versions: d.restricted
				? d.versions.map((v) => ({ ...v, summary: '', linkUrl: null, attachmentName: null }))
				: d.versions,
			current: d.current && d.restricted ? { ...d.current, summary: '', linkUrl: null } : d.current
		})),
		meetings: meetingList,
		systems: runFor.map((s) => ({ ...s, objectives: byId.get(s.id) ?? null }))
	};
}
