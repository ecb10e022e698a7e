import {
	sqliteTable,
	integer,
	text,
	blob,
	index,
	uniqueIndex,
	primaryKey
} from 'drizzle-orm/sqlite-core';
import { organisation, nowUtc } from './organisation';

/**
 * An uploaded file held between preview and commit, so the officer checks exactly the bytes that
 * will be imported. Removed once imported or after a day.
 */
export const importUpload = sqliteTable(
	'import_upload',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
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
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		/** The file's normalised headings, joined: the same spreadsheet layout gets the same mapping. */
		headingsKey: text('headings_key').notNull(),
		mapping: text('mapping').notNull(),
		updatedAt: text('updated_at').notNull().default(nowUtc)
	},
	(t) => [uniqueIndex('import_mapping_org_key_uq').on(t.organisationId, t.headingsKey)]
);

/**
 * An organisation's remembered answers for what a file says in its own words, one row per answer:
 * a value of a fixed set ('hosting', 'criticality'...; `value_key` is the value's words, `value` the
 * code it means, '' for blank) or a name the organisation did not have ('directorate',
 * 'serviceArea', 'workstream'; `value_key` the name in lower case, `value` the id of the existing
 * record it was mapped to). Offered pre-selected on the organisation's next import.
 */
export const importValueMapping = sqliteTable(
	'import_value_mapping',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		valueSet: text('value_set').notNull(),
		valueKey: text('value_key').notNull(),
		value: text('value').notNull(),
		updatedAt: text('updated_at').notNull().default(nowUtc)
	},
	(t) => [primaryKey({ columns: [t.organisationId, t.valueSet, t.valueKey] })]
);

/**
 * An import's commit staged for writing: planned outside the write lock, a slice at a time, then
 * written by one short transaction that copies these rows into the real tables. Nothing reads
 * them but that transaction; they are deleted once it ends (or, left by a crash, an hour later).
 */
export const importStageRun = sqliteTable('import_stage_run', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	organisationId: integer('organisation_id').notNull(),
	uploadId: integer('upload_id').notNull(),
	createdAt: text('created_at').notNull().default(nowUtc),
	/**
	 * Set on a run a preview staged, for its commit to write without planning again: the plan's
	 * SHA-256, a hash of the answers as the preview's commit form posts them and the UK day it was
	 * planned on, the newest audit row before planning, and what the commit records (JSON). A commit
	 * claims the run by clearing plan_hash.
	 */
	planHash: text('plan_hash'),
	answersKey: text('answers_key'),
	watermark: integer('watermark'),
	summary: text('summary')
});

/**
 * One planned change that writes something (a new system, an updated one, a link or a review to
 * record), in file order (`seq`). A new system's id is decided when it is written: the first free
 * id plus `new_no`; a review's likewise with `review_no`. The system's columns are set for a new
 * system; for an update, only the fields it changes, named as bits in `updates_fields`
 * (repos/import-stage.ts changedFieldsMask; 0 when it changes none).
 */
export const importStageChange = sqliteTable(
	'import_stage_change',
	{
		runId: integer('run_id').notNull(),
		seq: integer('seq').notNull(),
		systemId: integer('system_id'),
		version: integer('version'),
		newNo: integer('new_no'),
		updatesFields: integer('updates_fields').notNull().default(0),
		movesDirectorate: integer('moves_directorate').notNull().default(0),
		name: text('name'),
		description: text('description'),
		supplier: text('supplier'),
		product: text('product'),
		hosting: text('hosting'),
		businessOwner: text('business_owner'),
		technicalOwner: text('technical_owner'),
		contactName: text('contact_name'),
		contactEmail: text('contact_email'),
		contactPhone: text('contact_phone'),
		userCount: integer('user_count'),
		annualRunCostPence: integer('annual_run_cost_pence'),
		contractStart: text('contract_start'),
		contractEnd: text('contract_end'),
		contractNotice: text('contract_notice'),
		criticality: text('criticality'),
		statutoryDuties: text('statutory_duties'),
		personalData: text('personal_data'),
		lifecycle: text('lifecycle'),
		directorateId: integer('directorate_id'),
		serviceAreaId: integer('service_area_id'),
		externalRef: text('external_ref'),
		directorateName: text('directorate_name'),
		reviewNo: integer('review_no'),
		reviewedOn: text('reviewed_on'),
		reviewer: text('reviewer'),
		reviewStatus: text('review_status'),
		outcomeCount: integer('outcome_count'),
		outcomeFlags: integer('outcome_flags')
	},
	// The commit looks up the systems a run writes to when checking what changed since planning.
	(t) => [
		primaryKey({ columns: [t.runId, t.seq] }),
		index('import_stage_change_system_idx').on(t.runId, t.systemId)
	]
);

/** A workstream link a staged change adds. */
export const importStageLink = sqliteTable(
	'import_stage_link',
	{
		runId: integer('run_id').notNull(),
		seq: integer('seq').notNull(),
		workstreamId: integer('workstream_id').notNull(),
		note: text('note').notNull()
	},
	(t) => [primaryKey({ columns: [t.runId, t.seq, t.workstreamId] })]
);

/** An outcome of the review a staged change records. */
export const importStageOutcome = sqliteTable(
	'import_stage_outcome',
	{
		runId: integer('run_id').notNull(),
		seq: integer('seq').notNull(),
		outcome: text('outcome').notNull(),
		rationale: text('rationale').notNull(),
		status: text('status').notNull(),
		targetDate: text('target_date'),
		workstreamId: integer('workstream_id')
	},
	(t) => [primaryKey({ columns: [t.runId, t.seq, t.outcome] })]
);

/** An audit row a staged change writes; a review's `after` names the review id, filled in when written. */
export const importStageAudit = sqliteTable(
	'import_stage_audit',
	{
		runId: integer('run_id').notNull(),
		seq: integer('seq').notNull(),
		n: integer('n').notNull(),
		action: text('action').notNull(),
		before: text('before'),
		after: text('after')
	},
	(t) => [primaryKey({ columns: [t.runId, t.seq, t.n] })]
);

/**
 * What a run's plan relied on, as the audit trail names it (entity and id, e.g. 'system' and '12'):
 * any of these audited after planning began abandons the commit as 'changed'. Two names stand for a
 * group: 'system_cost_lines' (any cost line of that system) and 'workstream_cost_lines' (any of
 * that workstream's own lines), which a cost-line import watches so a line typed in meanwhile is
 * not duplicated.
 */
export const importStageWatch = sqliteTable(
	'import_stage_watch',
	{
		runId: integer('run_id').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id').notNull()
	},
	(t) => [primaryKey({ columns: [t.runId, t.entity, t.entityId] })]
);

/**
 * One cost line a cost-line import writes, in file order (`seq`): an update of `line_id` (only if
 * still at `version`), or a new line, whose id is decided when it is written (the first free id
 * plus `new_no`). The columns are the line as it will be; its audit row is staged in import_stage_audit.
 */
export const importStageCostLine = sqliteTable(
	'import_stage_cost_line',
	{
		runId: integer('run_id').notNull(),
		seq: integer('seq').notNull(),
		lineId: integer('line_id'),
		version: integer('version'),
		newNo: integer('new_no'),
		systemId: integer('system_id'),
		outcome: text('outcome'),
		workstreamId: integer('workstream_id'),
		directorateId: integer('directorate_id'),
		financialYear: text('financial_year').notNull(),
		spendType: text('spend_type').notNull(),
		category: text('category').notNull(),
		amountPence: integer('amount_pence').notNull(),
		confidence: text('confidence').notNull(),
		fundingSourceId: integer('funding_source_id'),
		description: text('description').notNull()
	},
	(t) => [primaryKey({ columns: [t.runId, t.seq] })]
);
