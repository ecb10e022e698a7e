/** Partnership meetings, who attended for each partner, and the decisions minuted at them. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import {
	governanceDecision,
	governanceMeeting,
	governanceMeetingPartner,
	organisation
} from '../db/schema';
import type { Executor } from '../db';

export type MeetingRow = typeof governanceMeeting.$inferSelect;
export type DecisionRow = typeof governanceDecision.$inferSelect;

export async function insertMeeting(
	ex: Executor,
	organisationId: number,
	fields: Omit<typeof governanceMeeting.$inferInsert, 'id' | 'organisationId' | 'createdAt'>
): Promise<MeetingRow> {
	const [row] = await ex
		.insert(governanceMeeting)
		.values({ ...fields, organisationId })
		.returning();
	return row!;
}

export async function insertMeetingPartners(
	ex: Executor,
	organisationId: number,
	meetingId: number,
	rows: readonly { partnerOrganisationId: number; attendees: string }[]
) {
	if (rows.length > 0)
		await ex
			.insert(governanceMeetingPartner)
			.values(rows.map((r) => ({ ...r, organisationId, meetingId })));
}

export async function listMeetings(ex: Executor, organisationId: number): Promise<MeetingRow[]> {
	return ex
		.select()
		.from(governanceMeeting)
		.where(eq(governanceMeeting.organisationId, organisationId))
		.orderBy(desc(governanceMeeting.meetingOn), desc(governanceMeeting.id));
}

export async function getMeeting(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<MeetingRow | undefined> {
	const [row] = await ex
		.select()
		.from(governanceMeeting)
		.where(and(eq(governanceMeeting.organisationId, organisationId), eq(governanceMeeting.id, id)));
	return row;
}

export async function listMeetingPartners(
	ex: Executor,
	organisationId: number,
	meetingIds: readonly number[]
) {
	if (meetingIds.length === 0) return [];
	return ex
		.select({
			meetingId: governanceMeetingPartner.meetingId,
			partnerOrganisationId: governanceMeetingPartner.partnerOrganisationId,
			partnerName: organisation.name,
			attendees: governanceMeetingPartner.attendees
		})
		.from(governanceMeetingPartner)
		.innerJoin(organisation, eq(organisation.id, governanceMeetingPartner.partnerOrganisationId))
		.where(
			and(
				eq(governanceMeetingPartner.organisationId, organisationId),
				inArray(governanceMeetingPartner.meetingId, [...meetingIds])
			)
		)
		.orderBy(asc(organisation.name));
}

export async function insertDecision(
	ex: Executor,
	organisationId: number,
	fields: {
		meetingId: number;
		minuteRef: string;
		subject: string;
		ratifiesDecisionId: number | null;
		recordedBy: string;
	}
): Promise<DecisionRow> {
	const [row] = await ex
		.insert(governanceDecision)
		.values({ ...fields, organisationId })
		.returning();
	return row!;
}

export async function listDecisions(ex: Executor, organisationId: number): Promise<DecisionRow[]> {
	return ex
		.select()
		.from(governanceDecision)
		.where(eq(governanceDecision.organisationId, organisationId))
		.orderBy(desc(governanceDecision.id));
}

export async function getDecision(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<DecisionRow | undefined> {
	const [row] = await ex
		.select()
		.from(governanceDecision)
		.where(
			and(eq(governanceDecision.organisationId, organisationId), eq(governanceDecision.id, id))
		);
	return row;
}
