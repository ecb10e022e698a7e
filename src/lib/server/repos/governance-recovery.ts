/** Recovery objectives, recovery tests (testers, systems) and the actions from their findings. */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
	governancePerson,
	governanceAction,
	recoveryObjective,
	recoveryTest,
	recoveryTestSystem,
	recoveryTestTester,
	system,
	nowUtc
} from '../db/schema';
import type { Executor } from '../db';
import type { TestResult, TestType } from '$lib/domain/governance/recovery';

export type ObjectiveRow = typeof recoveryObjective.$inferSelect;
export type TestRow = typeof recoveryTest.$inferSelect;
export type ActionRow = typeof governanceAction.$inferSelect;
export interface ObjectiveFields {
	rtoMinutes: number;
	rpoMinutes: number;
	mtpdMinutes: number;
	restorationOrder: number | null;
	agreedBy: string;
	agreedOn: string;
}

export async function getObjectives(
	ex: Executor,
	organisationId: number,
	systemId: number
): Promise<ObjectiveRow | undefined> {
	const [row] = await ex
		.select()
		.from(recoveryObjective)
		.where(
			and(
				eq(recoveryObjective.organisationId, organisationId),
				eq(recoveryObjective.systemId, systemId)
			)
		);
	return row;
}

export async function listObjectives(
	ex: Executor,
	organisationId: number
): Promise<ObjectiveRow[]> {
	return ex
		.select()
		.from(recoveryObjective)
		.where(eq(recoveryObjective.organisationId, organisationId));
}

export async function insertObjectives(
	ex: Executor,
	organisationId: number,
	systemId: number,
	fields: ObjectiveFields
): Promise<ObjectiveRow> {
	const [row] = await ex
		.insert(recoveryObjective)
		.values({ ...fields, organisationId, systemId })
		.returning();
	return row!;
}

/** Saves only if still at `expectedVersion`; undefined otherwise (someone else saved first). */
export async function updateObjectives(
	ex: Executor,
	organisationId: number,
	systemId: number,
	expectedVersion: number,
	fields: ObjectiveFields
): Promise<ObjectiveRow | undefined> {
	const [row] = await ex
		.update(recoveryObjective)
		.set({
			...fields,
			version: sql`${recoveryObjective.version} + 1`,
			updatedAt: nowUtc
		})
		.where(
			and(
				eq(recoveryObjective.organisationId, organisationId),
				eq(recoveryObjective.systemId, systemId),
				eq(recoveryObjective.version, expectedVersion)
			)
		)
		.returning();
	return row;
}

export interface TestFields {
	versionId: number;
	testType: TestType;
	testedOn: string;
	result: TestResult;
	evidence: string;
	findings: string;
	recordedBy: string;
}

export async function insertTest(
	ex: Executor,
	organisationId: number,
	fields: TestFields
): Promise<TestRow> {
	const [row] = await ex
		.insert(recoveryTest)
		.values({ ...fields, organisationId })
		.returning();
	return row!;
}

export async function insertTesters(
	ex: Executor,
	organisationId: number,
	testId: number,
	personIds: readonly number[]
) {
	if (personIds.length > 0)
		await ex
			.insert(recoveryTestTester)
			.values(personIds.map((personId) => ({ organisationId, testId, personId })));
}

export async function insertTestSystems(
	ex: Executor,
	organisationId: number,
	testId: number,
	rows: readonly {
		systemId: number;
		rtoMinutes: number | null;
		achievedMinutes: number;
		dataLossMinutes: number | null;
	}[]
) {
	if (rows.length === 0) return;
	await ex.insert(recoveryTestSystem).values(
		rows.map((r) => ({
			...r,
			organisationId,
			testId,
			withinRto: r.rtoMinutes == null ? null : r.achievedMinutes <= r.rtoMinutes
		}))
	);
}

export async function listTests(ex: Executor, organisationId: number): Promise<TestRow[]> {
	return ex
		.select()
		.from(recoveryTest)
		.where(eq(recoveryTest.organisationId, organisationId))
		.orderBy(desc(recoveryTest.testedOn), desc(recoveryTest.id));
}

export async function getTest(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<TestRow | undefined> {
	const [row] = await ex
		.select()
		.from(recoveryTest)
		.where(and(eq(recoveryTest.organisationId, organisationId), eq(recoveryTest.id, id)));
	return row;
}

export async function listTesters(
	ex: Executor,
	organisationId: number,
	testIds: readonly number[]
) {
	if (testIds.length === 0) return [];
	return ex
		.select({
			testId: recoveryTestTester.testId,
			personId: recoveryTestTester.personId,
			name: governancePerson.name
		})
		.from(recoveryTestTester)
		.innerJoin(governancePerson, eq(governancePerson.id, recoveryTestTester.personId))
		.where(
			and(
				eq(recoveryTestTester.organisationId, organisationId),
				inArray(recoveryTestTester.testId, [...testIds])
			)
		);
}

/** Every system tested (of the given tests, or all), with the system's name. */
export async function listTestSystems(
	ex: Executor,
	organisationId: number,
	testIds?: readonly number[]
) {
	const where = testIds
		? and(
				eq(recoveryTestSystem.organisationId, organisationId),
				inArray(recoveryTestSystem.testId, [...testIds])
			)
		: eq(recoveryTestSystem.organisationId, organisationId);
	return ex
		.select({
			testId: recoveryTestSystem.testId,
			systemId: recoveryTestSystem.systemId,
			name: system.name,
			rtoMinutes: recoveryTestSystem.rtoMinutes,
			achievedMinutes: recoveryTestSystem.achievedMinutes,
			dataLossMinutes: recoveryTestSystem.dataLossMinutes,
			withinRto: recoveryTestSystem.withinRto
		})
		.from(recoveryTestSystem)
		.innerJoin(system, eq(system.id, recoveryTestSystem.systemId))
		.where(where)
		.orderBy(asc(system.name));
}

export async function insertAction(
	ex: Executor,
	organisationId: number,
	fields: { testId: number | null; description: string; owner: string; dueOn: string }
): Promise<ActionRow> {
	const [row] = await ex
		.insert(governanceAction)
		.values({ ...fields, organisationId })
		.returning();
	return row!;
}

/** Open actions (not completed), earliest due first, or every action. */
export async function listActions(
	ex: Executor,
	organisationId: number,
	openOnly = false
): Promise<ActionRow[]> {
	const where = openOnly
		? and(eq(governanceAction.organisationId, organisationId), isNull(governanceAction.completedOn))
		: eq(governanceAction.organisationId, organisationId);
	return ex
		.select()
		.from(governanceAction)
		.where(where)
		.orderBy(asc(governanceAction.dueOn), asc(governanceAction.id));
}

export async function completeAction(
	ex: Executor,
	organisationId: number,
	id: number,
	completedOn: string
) {
	const [row] = await ex
		.update(governanceAction)
		.set({ completedOn })
		.where(
			and(
				eq(governanceAction.organisationId, organisationId),
				eq(governanceAction.id, id),
				isNull(governanceAction.completedOn)
			)
		)
		.returning();
	return row;
}

/** The organisation's systems still in use, with what decides whether scrutiny covers them. */
export async function listSystemsForGovernance(ex: Executor, organisationId: number) {
	return ex
		.select({
			id: system.id,
			name: system.name,
			criticality: system.criticality,
			statutoryDuties: system.statutoryDuties
		})
		.from(system)
		.where(
			and(
				eq(system.organisationId, organisationId),
				inArray(system.lifecycle, ['live', 'being_replaced'])
			)
		)
		.orderBy(asc(system.name));
}
