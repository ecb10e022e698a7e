import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { organisation, nowUtc } from './organisation';
import { ROLES } from '../../../domain/permissions';

/** A person who signs in. Belongs to one organisation; platform administrators may act in any. */
export const appUser = sqliteTable(
	'app_user',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		/**
		 * Stored lower-case and trimmed; unique within an organisation. The same person may hold an
		 * account in several partner organisations, so creating one never says whether the email is
		 * used in another (sign-in picks the account by password: services/auth.ts).
		 */
		email: text('email').notNull(),
		displayName: text('display_name').notNull(),
		role: text('role', { enum: ROLES }).notNull(),
		passwordHash: text('password_hash').notNull(),
		disabledAt: text('disabled_at'),
		version: integer('version').notNull().default(1),
		createdAt: text('created_at').notNull().default(nowUtc),
		updatedAt: text('updated_at').notNull().default(nowUtc)
	},
	(t) => [
		uniqueIndex('app_user_org_email_uq').on(t.organisationId, t.email),
		index('app_user_email_idx').on(t.email),
		index('app_user_org_idx').on(t.organisationId)
	]
);

/**
 * The one-time link that creates the first platform administrator. It stays in the main database
 * (sessions and throttling records moved to the session database) because using it and creating
 * the administrator must be one transaction.
 */
export const setupToken = sqliteTable('setup_token', {
	tokenHash: text('token_hash').primaryKey(),
	createdAt: text('created_at').notNull().default(nowUtc),
	expiresAt: text('expires_at').notNull(),
	usedAt: text('used_at')
});
