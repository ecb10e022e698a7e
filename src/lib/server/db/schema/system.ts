import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { organisation, directorate, serviceArea, nowUtc } from './organisation';

/** A legacy system under review. Archived rather than deleted; `version` guards concurrent edits. */
export const system = sqliteTable(
	'system',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id').notNull().references(() => organisation.id),
		directorateId: integer('directorate_id').references(() => directorate.id),
		serviceAreaId: integer('service_area_id').references(() => serviceArea.id),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		supplier: text('supplier').notNull().default(''),
		product: text('product').notNull().default(''),
		hosting: text('hosting', { enum: ['on_premises', 'hosted', 'saas'] }).notNull(),
		businessOwner: text('business_owner').notNull().default(''),
		technicalOwner: text('technical_owner').notNull().default(''),
		/** A named person to contact: personal data, masked for roles that do not need it. */
		contactName: text('contact_name').notNull().default(''),
		contactEmail: text('contact_email').notNull().default(''),
		contactPhone: text('contact_phone').notNull().default(''),
		userCount: integer('user_count'),
		annualRunCostPence: integer('annual_run_cost_pence'),
		contractStart: text('contract_start'),
		contractEnd: text('contract_end'),
		contractNotice: text('contract_notice'),
		criticality: text('criticality', { enum: ['low', 'medium', 'high', 'critical'] }).notNull(),
		statutoryDuties: text('statutory_duties').notNull().default(''),
		personalData: text('personal_data', { enum: ['none', 'personal', 'special_category'] }).notNull(),
		lifecycle: text('lifecycle', { enum: ['live', 'being_replaced', 'decommissioned', 'archived'] }).notNull().default('live'),
		externalRef: text('external_ref'),
		/** Denormalised from the current review, kept in the same transaction, so lists filter on an index. */
		reviewStatus: text('review_status', { enum: ['not_reviewed', 'proposed', 'agreed'] }).notNull().default('not_reviewed'),
		outcomeCount: integer('outcome_count').notNull().default(0),
		version: integer('version').notNull().default(1),
		createdAt: text('created_at').notNull().default(nowUtc),
		updatedAt: text('updated_at').notNull().default(nowUtc)
	},
	(t) => [
		uniqueIndex('system_org_ref_uq').on(t.organisationId, t.externalRef),
		index('system_org_name_idx').on(t.organisationId, t.name, t.id),
		index('system_org_supplier_idx').on(t.organisationId, t.supplier, t.id),
		index('system_org_hosting_idx').on(t.organisationId, t.hosting, t.name),
		index('system_org_criticality_idx').on(t.organisationId, t.criticality, t.name),
		index('system_org_contract_end_idx').on(t.organisationId, t.contractEnd),
		index('system_org_directorate_idx').on(t.organisationId, t.directorateId, t.name),
		index('system_org_review_status_idx').on(t.organisationId, t.reviewStatus, t.name),
		index('system_org_updated_idx').on(t.organisationId, t.updatedAt)
	]
);
