/**
 * The session database: what signing in writes, kept apart from the main database so that a long
 * write there (an import's commit) never makes anyone wait to sign in or out. No foreign keys:
 * the users and organisations these rows name live in the main database.
 */
import { sqliteTable, integer, text, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { auditColumns } from '../schema/audit';

/** A signed-in session. Only the SHA-256 of the token is stored, never the token. */
export const authSession = sqliteTable(
	'auth_session',
	{
		tokenHash: text('token_hash').primaryKey(),
		userId: integer('user_id').notNull(),
		/** The organisation a platform administrator is acting in; a normal user's own organisation. */
		actingOrganisationId: integer('acting_organisation_id').notNull(),
		createdAt: text('created_at').notNull(),
		lastSeenAt: text('last_seen_at').notNull(),
		/** The absolute end, however active the session is. */
		expiresAt: text('expires_at').notNull(),
		ip: text('ip').notNull().default(''),
		userAgent: text('user_agent').notNull().default('')
	},
	(t) => [
		index('auth_session_user_idx').on(t.userId),
		index('auth_session_expires_idx').on(t.expiresAt)
	]
);

/**
 * A failed (or not yet finished) check of a secret, counted for throttling: `kind` says which
 * check ('sign-in', 'password-change', 'setup'), `account` whose (the email typed, or '').
 * `at` is when the attempt was allowed to run, which for a slowed address is in the future.
 */
export const authFailure = sqliteTable(
	'auth_failure',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		kind: text('kind').notNull(),
		account: text('account').notNull(),
		ip: text('ip').notNull(),
		at: text('at').notNull()
	},
	(t) => [
		index('auth_failure_account_idx').on(t.kind, t.account, t.ip, t.at),
		index('auth_failure_ip_idx').on(t.kind, t.ip, t.at)
	]
);

/** An account that signed in successfully from an address: exempt from that address's slowing down. */
export const knownAddress = sqliteTable(
	'auth_known_address',
	{
		account: text('account').notNull(),
		ip: text('ip').notNull(),
		lastSuccessAt: text('last_success_at').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.account, t.ip] }),
		index('auth_known_address_at_idx').on(t.lastSuccessAt)
	]
);

/**
 * Audit rows written with a sign-in, sign-out or session change, waiting to be copied into the
 * main database's audit_event in `seq` order. `outboxId` is unique there too, so copying again after
 * a crash adds nothing.
 */
export const auditOutbox = sqliteTable('audit_outbox', {
	seq: integer('seq').primaryKey({ autoIncrement: true }),
	outboxId: text('outbox_id').notNull().unique(),
	...auditColumns()
});

/**
 * An OpenID Connect sign-in under way: the state, nonce and PKCE verifier sent to the identity
 * provider, found again by the SHA-256 of the browser's login cookie and deleted when the provider
 * answers (so an answer is used once) or after ten minutes.
 */
export const oidcLogin = sqliteTable(
	'oidc_login',
	{
		tokenHash: text('token_hash').primaryKey(),
		organisationId: integer('organisation_id').notNull(),
		state: text('state').notNull(),
		nonce: text('nonce').notNull(),
		codeVerifier: text('code_verifier').notNull(),
		/** Where to go after signing in (already passed through safeNext). */
		next: text('next').notNull().default('/'),
		expiresAt: text('expires_at').notNull()
	},
	(t) => [index('oidc_login_expires_idx').on(t.expiresAt)]
);
