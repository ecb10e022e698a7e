/** Schema of recovery: objectives per system, tests of a plan version, testers, systems tested, actions. */
import { sqliteTable, integer, text, index, primaryKey, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { organisation, nowUtc } from './organisation';
import { system } from './system';
import { governancePerson, governanceDocumentVersion } from './governance-document';
import { TEST_RESULTS, TEST_TYPES } from '../../../domain/governance/recovery';
import { MAX_OBJECTIVE_MINUTES } from '../../../domain/governance/duration';

const MAX_MIN = sql.raw(String(MAX_OBJECTIVE_MINUTES));

/** A system's recovery objectives, in whole minutes, as its business owner agreed them. */
export const recoveryObjective = sqliteTable(
	'recovery_objective',
	{
		systemId: integer('system_id')
			.primaryKey()
			.references(() => system.id),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		rtoMinutes: integer('rto_minutes').notNull(),
		rpoMinutes: integer('rpo_minutes').notNull(),
		mtpdMinutes: integer('mtpd_minutes').notNull(),
		restorationOrder: integer('restoration_order'),
		agreedBy: text('agreed_by').notNull(),
		agreedOn: text('agreed_on').notNull(),
		version: integer('version').notNull().default(1),
		updatedAt: text('updated_at').notNull().default(nowUtc)
	},
	(t) => [
		index('recovery_objective_org_idx').on(t.organisationId),
		check(
			'recovery_objective_minutes_ck',
			sql`${t.rtoMinutes} BETWEEN 1 AND ${MAX_MIN} AND ${t.rpoMinutes} BETWEEN 1 AND ${MAX_MIN} AND ${t.mtpdMinutes} BETWEEN 1 AND ${MAX_MIN}`
		),
		check('recovery_objective_rto_mtpd_ck', sql`${t.rtoMinutes} <= ${t.mtpdMinutes}`),
		check(
			'recovery_objective_order_ck',
			sql`${t.restorationOrder} IS NULL OR ${t.restorationOrder} >= 1`
		)
	]
);

/** A recovery test of one plan version. */
export const recoveryTest = sqliteTable(
	'recovery_test',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		versionId: integer('version_id')
			.notNull()
			.references(() => governanceDocumentVersion.id),
		testType: text('test_type', { enum: TEST_TYPES }).notNull(),
		testedOn: text('tested_on').notNull(),
		result: text('result', { enum: TEST_RESULTS }).notNull(),
		evidence: text('evidence').notNull().default(''),
		findings: text('findings').notNull().default(''),
		recordedBy: text('recorded_by').notNull(),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [
		index('recovery_test_org_idx').on(t.organisationId, t.testedOn),
		check(
			'recovery_test_pass_evidence_ck',
			sql`${t.result} <> 'passed' OR trim(${t.evidence}) <> ''`
		)
	]
);

export const recoveryTestTester = sqliteTable(
	'recovery_test_tester',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		testId: integer('test_id')
			.notNull()
			.references(() => recoveryTest.id),
		personId: integer('person_id')
			.notNull()
			.references(() => governancePerson.id)
	},
	(t) => [primaryKey({ columns: [t.testId, t.personId] })]
);

/** Each system tested: the time and data loss achieved, and its RTO when tested (kept, as objectives change). */
export const recoveryTestSystem = sqliteTable(
	'recovery_test_system',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		testId: integer('test_id')
			.notNull()
			.references(() => recoveryTest.id),
		systemId: integer('system_id')
			.notNull()
			.references(() => system.id),
		rtoMinutes: integer('rto_minutes'),
		achievedMinutes: integer('achieved_minutes').notNull(),
		dataLossMinutes: integer('data_loss_minutes'),
		withinRto: integer('within_rto', { mode: 'boolean' })
	},
	(t) => [
		primaryKey({ columns: [t.testId, t.systemId] }),
		index('recovery_test_system_sys_idx').on(t.organisationId, t.systemId),
		check(
			'recovery_test_system_minutes_ck',
			sql`${t.achievedMinutes} >= 0 AND coalesce(${t.dataLossMinutes}, 0) >= 0`
		)
	]
);

/** An action from a test's findings (or a meeting), with an owner and a due date. */
export const governanceAction = sqliteTable(
	'governance_action',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		testId: integer('test_id').references(() => recoveryTest.id),
		description: text('description').notNull(),
		owner: text('owner').notNull(),
		dueOn: text('due_on').notNull(),
		completedOn: text('completed_on'),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [index('governance_action_org_due_idx').on(t.organisationId, t.completedOn, t.dueOn)]
);
