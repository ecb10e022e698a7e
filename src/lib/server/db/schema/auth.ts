import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { organisation, nowUtc } from './organisation';

/** A person who signs in. Belongs to one organisation; platform administrators may act in any. */
export const appUser = sqliteTable(
	'app_user',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id').notNull().references(() => organisation.id),
		/** Stored lower-case and trimmed; unique across the deployment. */
		email: text('email').notNull(),
		displayName: text('display_name').notNull(),
		role: text('role', { enum: ['viewer', 'editor', 'approver', 'committee', 'org_admin', 'platform_admin'] }).notNull(),
		passwordHash: text('password_hash').notNull(),
		disabledAt: text('disabled_at'),
		version: integer('version').notNull().default(1),
		createdAt: text('created_at').notNull().default(nowUtc),
		updatedAt: text('updated_at').notNull().default(nowUtc)
	},
	(t) => [uniqueIndex('app_user_email_uq').on(t.email), index('app_user_org_idx').on(t.organisationId)]
);

/** A signed-in session. Only the SHA-256 of the token is stored, never the token. */
export const session = sqliteTable(
	'session',
	{
		tokenHash: text('token_hash').primaryKey(),
		userId: integer('user_id').notNull().references(() => appUser.id),
		/** The organisation a platform administrator is acting in; a normal user's own organisation. */
		actingOrganisationId: integer('acting_organisation_id').notNull().references(() => organisation.id),
		createdAt: text('created_at').notNull(),
		lastSeenAt: text('last_seen_at').notNull(),
		/** The absolute end, however active the session is. */
		expiresAt: text('expires_at').notNull(),
		ip: text('ip').notNull().default(''),
		userAgent: text('user_agent').notNull().default('')
	},
	(t) => [index('session_user_idx').on(t.userId)]
);

/** The one-time link that creates the first platform administrator. */
export const setupToken = sqliteTable('setup_token', {
	tokenHash: text('token_hash').primaryKey(),
	createdAt: text('created_at').notNull().default(nowUtc),
	expiresAt: text('expires_at').notNull(),
	usedAt: text('used_at')
});

/** Failed sign-ins, counted per account and per address for throttling. */
export const signInFailure = sqliteTable(
	'sign_in_failure',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		email: text('email').notNull(),
		ip: text('ip').notNull(),
		at: text('at').notNull()
	},
	(t) => [index('sign_in_failure_email_idx').on(t.email, t.at), index('sign_in_failure_ip_idx').on(t.ip, t.at)]
);
