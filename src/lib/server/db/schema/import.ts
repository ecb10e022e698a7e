import { sqliteTable, integer, text, blob, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { organisation, nowUtc } from './organisation';

/**
 * An uploaded file held between preview and commit, so the officer checks exactly the bytes that
 * will be imported. Removed once imported or after a day.
 */
export const importUpload = sqliteTable(
	'import_upload',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id').notNull().references(() => organisation.id),
		userId: integer('user_id').notNull(),
		fileName: text('file_name').notNull(),
		sha256: text('sha256').notNull(),
		bytes: blob('bytes', { mode: 'buffer' }).notNull(),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [index('import_upload_org_idx').on(t.organisationId, t.createdAt)]
);

/** The column mapping an organisation last confirmed for a set of headings, offered next time. */
export const importMapping = sqliteTable(
	'import_mapping',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id').notNull().references(() => organisation.id),
		/** The file's normalised headings, joined: the same spreadsheet layout gets the same mapping. */
		headingsKey: text('headings_key').notNull(),
		mapping: text('mapping').notNull(),
		updatedAt: text('updated_at').notNull().default(nowUtc)
	},
	(t) => [uniqueIndex('import_mapping_org_key_uq').on(t.organisationId, t.headingsKey)]
);
