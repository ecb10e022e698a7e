import {
	sqliteTable,
	integer,
	text,
	index,
	uniqueIndex,
	primaryKey
} from 'drizzle-orm/sqlite-core';
import { organisation, nowUtc } from './organisation';
import { system } from './system';

/** A strand of the programme that carries change: Integration, Case Management, and so on. */
export const workstream = sqliteTable(
	'workstream',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		lead: text('lead').notNull().default(''),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [uniqueIndex('workstream_org_name_uq').on(t.organisationId, t.name)]
);

/** Which workstreams carry a system's change (many-to-many), with a note on why. */
export const systemWorkstream = sqliteTable(
	'system_workstream',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		systemId: integer('system_id')
			.notNull()
			.references(() => system.id),
		workstreamId: integer('workstream_id')
			.notNull()
			.references(() => workstream.id),
		note: text('note').notNull().default(''),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [
		primaryKey({ columns: [t.systemId, t.workstreamId] }),
		index('system_workstream_ws_idx').on(t.workstreamId, t.systemId)
	]
);
