import { sqliteTable, integer, text, index, uniqueIndex, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { organisation, nowUtc } from './organisation';
import { appUser } from './auth';

/**
 * A key for the OData feed (Power BI, Excel), made by an organisation administrator. Only the
 * SHA-256 of the token is kept: it is shown once. Scoped to one organisation and named entity
 * sets; it ends at `expires_at` (at most 12 months on) or when revoked.
 */
export const apiToken = sqliteTable(
	'api_token',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		name: text('name').notNull(),
		tokenHash: text('token_hash').notNull(),
		/** The first characters of the token, to tell tokens apart on the page (not enough to use it). */
		hint: text('hint').notNull(),
		/** The entity sets it may read, as a JSON array of names. */
		scopes: text('scopes').notNull(),
		createdByUserId: integer('created_by_user_id').references(() => appUser.id),
		createdBy: text('created_by').notNull(),
		createdAt: text('created_at').notNull().default(nowUtc),
		expiresAt: text('expires_at').notNull(),
		revokedAt: text('revoked_at'),
		revokedBy: text('revoked_by'),
		lastUsedAt: text('last_used_at'),
		/** The UK date of the last use: the first use of a day is audited. */
		lastUsedOn: text('last_used_on'),
		useCount: integer('use_count').notNull().default(0)
	},
	(t) => [
		uniqueIndex('api_token_hash_uq').on(t.tokenHash),
		index('api_token_org_idx').on(t.organisationId, t.createdAt),
		check('api_token_use_count_ck', sql`${t.useCount} >= 0`)
	]
);
