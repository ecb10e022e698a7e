import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { organisation, nowUtc } from './organisation';
import { system } from './system';
import { workstream } from './workstream';
import { OUTCOMES, OUTCOME_STATUS } from '../../../domain/systems/review';

/** One review of a system. A new review supersedes the last; old ones stay as history. */
export const review = sqliteTable(
	'review',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		systemId: integer('system_id')
			.notNull()
			.references(() => system.id),
		reviewedOn: text('reviewed_on').notNull(),
		reviewer: text('reviewer').notNull(),
		summary: text('summary').notNull().default(''),
		isCurrent: integer('is_current', { mode: 'boolean' }).notNull().default(true),
		supersededAt: text('superseded_at'),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [
		index('review_system_idx').on(t.systemId, t.isCurrent),
		index('review_org_idx').on(t.organisationId, t.isCurrent)
	]
);

/** One outcome within a review. `is_current` mirrors its review's so filters need no join. */
export const reviewOutcome = sqliteTable(
	'review_outcome',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		reviewId: integer('review_id')
			.notNull()
			.references(() => review.id),
		systemId: integer('system_id')
			.notNull()
			.references(() => system.id),
		outcome: text('outcome', { enum: OUTCOMES }).notNull(),
		rationale: text('rationale').notNull(),
		status: text('status', { enum: OUTCOME_STATUS }).notNull(),
		targetDate: text('target_date'),
		workstreamId: integer('workstream_id').references(() => workstream.id),
		isCurrent: integer('is_current', { mode: 'boolean' }).notNull().default(true)
	},
	(t) => [
		index('review_outcome_review_idx').on(t.reviewId),
		index('review_outcome_system_idx').on(t.systemId, t.isCurrent, t.outcome),
		index('review_outcome_org_idx').on(t.organisationId, t.isCurrent, t.outcome, t.systemId),
		index('review_outcome_ws_idx').on(t.workstreamId)
	]
);
