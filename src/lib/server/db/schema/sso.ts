import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { organisation, nowUtc } from './organisation';
import { appUser } from './auth';

/**
 * An organisation's OpenID Connect sign-in (Entra ID or any certified provider). The client secret or
 * private key is never stored here: `secretRef` names where the server reads it ('env:OIDC_SECRET_...'
 * or 'file:<name>' inside OIDC_SECRETS_DIR), so a copy of the database holds no credential.
 */
export const ssoSetting = sqliteTable('sso_setting', {
	organisationId: integer('organisation_id')
		.primaryKey()
		.references(() => organisation.id),
	enabled: integer('enabled', { mode: 'boolean' }).notNull().default(false),
	/** The issuer exactly as its id tokens name it, e.g. https://login.microsoftonline.com/<tenant id>/v2.0. */
	issuer: text('issuer').notNull(),
	clientId: text('client_id').notNull(),
	secretRef: text('secret_ref').notNull(),
	/** The tenant id every id token's `tid` must carry (Entra); '' when the provider sends none. */
	tenantId: text('tenant_id').notNull().default(''),
	/** JSON [idpRole, appRole][] in priority order: the first line a user's roles match gives their role. */
	roleMap: text('role_map').notNull().default('[]'),
	allowGuests: integer('allow_guests', { mode: 'boolean' }).notNull().default(false),
	createUsers: integer('create_users', { mode: 'boolean' }).notNull().default(false),
	/** Password sign-in is refused for the organisation's accounts, except platform administrators'. */
	ssoOnly: integer('sso_only', { mode: 'boolean' }).notNull().default(false),
	version: integer('version').notNull().default(1),
	updatedAt: text('updated_at').notNull().default(nowUtc)
});

/**
 * The identity provider's account behind an app user: issuer + subject (for Entra the object id `oid`,
 * which with the tenant in the issuer is tid + oid), never an email, which can be renamed or reused.
 * One identity per user and one user per identity: linking is done once.
 */
export const ssoIdentity = sqliteTable(
	'sso_identity',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		userId: integer('user_id')
			.notNull()
			.references(() => appUser.id),
		issuer: text('issuer').notNull(),
		subject: text('subject').notNull(),
		linkedAt: text('linked_at').notNull().default(nowUtc),
		lastSignInAt: text('last_sign_in_at')
	},
	(t) => [
		uniqueIndex('sso_identity_issuer_subject_uq').on(t.issuer, t.subject),
		uniqueIndex('sso_identity_user_uq').on(t.userId),
		index('sso_identity_org_idx').on(t.organisationId)
	]
);
