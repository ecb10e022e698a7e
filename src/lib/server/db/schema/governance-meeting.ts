/** Schema of a shared service's meetings: who was expected and attended, and the decisions minuted. */
import {
	sqliteTable,
	integer,
	text,
	blob,
	index,
	uniqueIndex,
	primaryKey
} from 'drizzle-orm/sqlite-core';
import { organisation, nowUtc } from './organisation';
import { PAPER_KINDS } from '../../../domain/governance/papers';
import { MEETING_BODIES } from '../../../domain/governance/meeting-form';

/** A meeting of a shared service's board or joint committee; quorate is decided when recorded. */
export const governanceMeeting = sqliteTable(
	'governance_meeting',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		body: text('body', { enum: MEETING_BODIES }).notNull(),
		meetingOn: text('meeting_on').notNull(),
		title: text('title').notNull(),
		minutesUrl: text('minutes_url').notNull().default(''),
		quorate: integer('quorate', { mode: 'boolean' }).notNull(),
		quorumSummary: text('quorum_summary').notNull(),
		recordedBy: text('recorded_by').notNull(),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [index('governance_meeting_org_idx').on(t.organisationId, t.meetingOn)]
);

/** Each partner expected at a meeting, and who attended for it ('' = not present). */
export const governanceMeetingPartner = sqliteTable(
	'governance_meeting_partner',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => governanceMeeting.id),
		partnerOrganisationId: integer('partner_organisation_id')
			.notNull()
			.references(() => organisation.id),
		attendees: text('attendees').notNull().default('')
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.partnerOrganisationId] })]
);

/** A decision minuted at a meeting: approving a document version, ratifying an earlier decision, or other business. */
export const governanceDecision = sqliteTable(
	'governance_decision',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => governanceMeeting.id),
		minuteRef: text('minute_ref').notNull(),
		subject: text('subject').notNull(),
		/** The decision this one ratifies (one taken at an inquorate meeting). */
		ratifiesDecisionId: integer('ratifies_decision_id'),
		recordedBy: text('recorded_by').notNull(),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [
		index('governance_decision_org_idx').on(t.organisationId, t.meetingId),
		index('governance_decision_ratifies_idx').on(t.ratifiesDecisionId)
	]
);

/**
 * Minutes and papers attached to a meeting, numbered 1, 2, ... within it. Checked like a plan's
 * attachment; once attached never changed or removed (triggers in the migration), so the record
 * of what the meeting had before it stays.
 */
export const governanceMeetingPaper = sqliteTable(
	'governance_meeting_paper',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => governanceMeeting.id),
		number: integer('number').notNull(),
		kind: text('kind', { enum: PAPER_KINDS }).notNull(),
		title: text('title').notNull(),
		fileName: text('file_name').notNull(),
		fileType: text('file_type').notNull(),
		file: blob('file', { mode: 'buffer' }).notNull(),
		sha256: text('sha256').notNull(),
		sizeBytes: integer('size_bytes').notNull(),
		uploadedBy: text('uploaded_by').notNull(),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [
		uniqueIndex('governance_meeting_paper_uq').on(t.meetingId, t.number),
		index('governance_meeting_paper_org_idx').on(t.organisationId, t.meetingId)
	]
);
