import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The columns of an audit row, shared with the session database's outbox (session-schema), whose
 * rows are copied into audit_event as they are.
 */
export function auditColumns() {
	return {
		/** Null for events outside any organisation (a failed sign-in for an unknown email). */
		organisationId: integer('organisation_id'),
		userId: integer('user_id'),
		/** Who, in words, as they were at the time (their email), so the row reads alone. */
		actor: text('actor').notNull(),
		at: text('at').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id'),
		action: text('action').notNull(),
		before: text('before'),
		after: text('after'),
		requestId: text('request_id').notNull().default(''),
		ip: text('ip').notNull().default(''),
		detail: text('detail').notNull().default('')
	};
}

/**
 * The append-only audit trail. Written in the same transaction as the change it records; a trigger
 * (migration 0002) refuses UPDATE and DELETE. No foreign keys, so a row outlives what it names.
 */
export const auditEvent = sqliteTable(
	'audit_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		...auditColumns(),
		/** Set on rows copied from the session database's outbox (sign-in, sign-out): unique, so a copy is never doubled. */
		outboxId: text('outbox_id')
	},
	(t) => [
		index('audit_org_at_idx').on(t.organisationId, t.at),
		index('audit_org_entity_idx').on(t.organisationId, t.entity, t.entityId),
		index('audit_org_user_idx').on(t.organisationId, t.userId, t.at),
		index('audit_org_action_idx').on(t.organisationId, t.action, t.at),
		// The trail's newest rows first (ORDER BY id DESC) for one organisation, without walking every
		// organisation's newest rows by rowid until enough of this one's are found.
		index('audit_org_id_idx').on(t.organisationId, t.id),
		uniqueIndex('audit_outbox_id_uq').on(t.outboxId)
	]
);
