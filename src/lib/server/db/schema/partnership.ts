import { sqliteTable, integer, text, index, uniqueIndex, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { organisation, nowUtc } from './organisation';
import { system } from './system';
import { QUORUM_RULES } from '../../../domain/governance/quorum';

/**
 * A shared service's partnership agreement: the shared service is an organisation of its own (its
 * users run its register and systems); the agreement names the partner organisations it serves.
 * One agreement per shared service.
 */
export const partnershipAgreement = sqliteTable(
	'partnership_agreement',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** The shared service itself. */
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		title: text('title').notNull(),
		reference: text('reference').notNull().default(''),
		signedOn: text('signed_on').notNull(),
		quorumRule: text('quorum_rule', { enum: QUORUM_RULES }).notNull().default('all'),
		quorumMinimum: integer('quorum_minimum'),
		version: integer('version').notNull().default(1),
		createdAt: text('created_at').notNull().default(nowUtc),
		updatedAt: text('updated_at').notNull().default(nowUtc)
	},
	(t) => [
		uniqueIndex('partnership_agreement_org_uq').on(t.organisationId),
		check(
			'partnership_agreement_minimum_ck',
			sql`(${t.quorumRule} = 'minimum') = (${t.quorumMinimum} IS NOT NULL) AND coalesce(${t.quorumMinimum}, 1) >= 1`
		)
	]
);

/** A partner's membership: from the day it joined to the day it left (null while it remains). */
export const partnershipPartner = sqliteTable(
	'partnership_partner',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		agreementId: integer('agreement_id')
			.notNull()
			.references(() => partnershipAgreement.id),
		partnerOrganisationId: integer('partner_organisation_id')
			.notNull()
			.references(() => organisation.id),
		joinedOn: text('joined_on').notNull(),
		leftOn: text('left_on'),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [
		uniqueIndex('partnership_partner_uq').on(t.agreementId, t.partnerOrganisationId, t.joinedOn),
		index('partnership_partner_partner_idx').on(t.partnerOrganisationId, t.organisationId),
		check('partnership_partner_dates_ck', sql`${t.leftOn} IS NULL OR ${t.leftOn} > ${t.joinedOn}`),
		check('partnership_partner_not_self_ck', sql`${t.partnerOrganisationId} <> ${t.organisationId}`)
	]
);

/** Which partners a shared service's system is run for: their users may read it, and no one else's. */
export const sharedSystemPartner = sqliteTable(
	'shared_system_partner',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		systemId: integer('system_id')
			.notNull()
			.references(() => system.id),
		partnerOrganisationId: integer('partner_organisation_id')
			.notNull()
			.references(() => organisation.id)
	},
	(t) => [
		uniqueIndex('shared_system_partner_uq').on(t.systemId, t.partnerOrganisationId),
		index('shared_system_partner_partner_idx').on(t.partnerOrganisationId, t.organisationId)
	]
);
