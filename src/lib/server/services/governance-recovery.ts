/**
 * Recovery objectives and recovery tests. The author-not-tester rule, the RTO rule and the evidence
 * rule are checked here (domain/governance/recovery.ts) to give the form its messages, and again by
 * the database (migration 0020's triggers and checks), so no other write path can break them.
 */
import { transaction } from '../db/database';
import * as recovery from '../repos/governance-recovery';
import * as documents from '../repos/governance-documents';
import * as systems from '../repos/systems';
import { recordAudit } from '../repos/audit';
import type { Executor } from '../db';
import type { Actor } from './actor';
import type { ServiceResult } from './result';
import type { FieldErrors } from '$lib/domain/systems';
import { testProblems } from '$lib/domain/governance/recovery';
import type { ObjectiveInput, TestInput } from '$lib/domain/governance/forms';
import { todayInUk } from '$lib/domain/dates';

/** A system's objectives as saved now, for a conflict: version 0 when there are none yet. */
export interface ObjectivesNow {
	version: number;
	objectives: recovery.ObjectiveRow | null;
}

export type ObjectiveResult = ServiceResult<{ objectives: recovery.ObjectiveRow }, ObjectivesNow>;

const now = (row: recovery.ObjectiveRow | undefined): ObjectivesNow => ({
	version: row?.version ?? 0,
	objectives: row ?? null
});

/**
 * Saves a system's objectives from the version the form was opened at (null: the form was opened
 * when there were none). Someone else's save in between is a conflict, never overwritten.
 */
export async function saveObjectives(
	actor: Actor,
	systemId: number,
	expectedVersion: number | null,
	input: ObjectiveInput
): Promise<ObjectiveResult> {
	return transaction(async (tx): Promise<ObjectiveResult> => {
		if (!(await systems.getSystem(tx, actor.organisationId, systemId)))
			return { ok: false, reason: 'not-found' };
		const before = await recovery.getObjectives(tx, actor.organisationId, systemId);
		if ((before == null) !== (expectedVersion == null))
			return { ok: false, reason: 'conflict', current: now(before) };
		const saved = before
			? await recovery.updateObjectives(tx, actor.organisationId, systemId, expectedVersion!, input)
			: await recovery.insertObjectives(tx, actor.organisationId, systemId, input);
		if (!saved) return { ok: false, reason: 'conflict', current: now(before) };
		const { rtoMinutes, rpoMinutes, mtpdMinutes, restorationOrder, agreedBy, agreedOn } =
			before ?? ({} as Partial<recovery.ObjectiveRow>);
		await recordAudit(tx, actor, {
			entity: 'system',
			entityId: systemId,
			action: 'set-recovery-objectives',
			before: before
				? { rtoMinutes, rpoMinutes, mtpdMinutes, restorationOrder, agreedBy, agreedOn }
				: null,
			after: input
		});
		return { ok: true, objectives: saved };
	});
}

/** The systems a plan's test covers: those it names, or (a plan for the whole organisation) every system with objectives. */
export async function planSystems(ex: Executor, organisationId: number, documentId: number) {
	const doc = await documents.getDocument(ex, organisationId, documentId);
	if (!doc) return [];
	const objectives = new Map(
		(await recovery.listObjectives(ex, organisationId)).map((o) => [o.systemId, o])
	);
	if (doc.scope === 'systems') {
		return (await documents.listDocumentSystems(ex, organisationId, documentId)).map((s) => ({
			id: s.systemId,
			name: s.name,
			rtoMinutes: objectives.get(s.systemId)?.rtoMinutes ?? null
		}));
	}
	const rows = await Promise.all(
		[...objectives.keys()].map((id) => systems.getSystem(ex, organisationId, id))
	);
	return rows
		.filter((s) => s != null)
		.map((s) => ({ id: s.id, name: s.name, rtoMinutes: objectives.get(s.id)!.rtoMinutes }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export type TestResultOutcome =
	| { ok: true; testId: number; breaches: number }
	| { ok: false; errors: FieldErrors }
	| { ok: false; reason: 'not-found' };

/** Records a test of a plan version with its testers, systems and actions: all of it or none. */
export async function recordTest(
	actor: Actor,
	versionId: number,
	input: TestInput,
	today = todayInUk()
): Promise<TestResultOutcome> {
	return transaction(async (tx): Promise<TestResultOutcome> => {
		const version = await documents.getVersion(tx, actor.organisationId, versionId);
		if (!version) return { ok: false, reason: 'not-found' };
		const people = new Map(
			(await documents.listPeople(tx, actor.organisationId)).map((p) => [p.id, p.name])
		);
		if (input.testerIds.some((id) => !people.has(id)))
			return { ok: false, errors: { testerIds: 'Choose testers from the list of people' } };
		const authors = (await documents.listAuthors(tx, actor.organisationId, [versionId])).map(
			(a) => ({ personId: a.personId, name: a.name })
		);
		const covered = new Map(
			(await planSystems(tx, actor.organisationId, version.documentId)).map((s) => [s.id, s])
		);
		if (input.systems.some((s) => !covered.has(s.systemId)))
			return { ok: false, errors: { systems: 'Record results only for systems the plan covers' } };
		const outcomes = input.systems.map((s) => ({
			systemId: s.systemId,
			systemName: covered.get(s.systemId)!.name,
			rtoMinutes: covered.get(s.systemId)!.rtoMinutes,
			achievedMinutes: s.achievedMinutes,
			dataLossMinutes: s.dataLossMinutes
		}));
		const errors = testProblems({
			testType: input.testType,
			testedOn: input.testedOn,
			result: input.result,
			evidence: input.evidence,
			testers: input.testerIds.map((id) => ({ personId: id, name: people.get(id)! })),
			authors,
			versionNumber: version.number,
			outcomes,
			today
		});
		if (Object.keys(errors).length > 0) return { ok: false, errors };
		const findings = input.actions.map((a) => a.description).join('\n');
		const test = await recovery.insertTest(tx, actor.organisationId, {
			versionId,
			testType: input.testType,
			testedOn: input.testedOn,
			result: input.result,
			evidence: input.evidence,
			findings,
			recordedBy: actor.displayName
		});
		await recovery.insertTesters(tx, actor.organisationId, test.id, input.testerIds);
		await recovery.insertTestSystems(
			tx,
			actor.organisationId,
			test.id,
			outcomes.map(({ systemId, rtoMinutes, achievedMinutes, dataLossMinutes }) => ({
				systemId,
				rtoMinutes,
				achievedMinutes,
				dataLossMinutes
			}))
		);
		for (const a of input.actions)
			await recovery.insertAction(tx, actor.organisationId, { testId: test.id, ...a });
		const breaches = outcomes.filter(
			(o) => o.rtoMinutes != null && o.achievedMinutes > o.rtoMinutes
		).length;
		await recordAudit(tx, actor, {
			entity: 'recovery_test',
			entityId: test.id,
			action: 'record',
			after: { versionId, ...input, breaches }
		});
		return { ok: true, testId: test.id, breaches };
	});
}

/** Marks an open action done. */
export async function completeAction(
	actor: Actor,
	actionId: number,
	completedOn: string
): Promise<boolean> {
	return transaction(async (tx) => {
		const done = await recovery.completeAction(tx, actor.organisationId, actionId, completedOn);
		if (done)
			await recordAudit(tx, actor, {
				entity: 'governance_action',
				entityId: actionId,
				action: 'complete',
				after: { completedOn }
			});
		return done != null;
	});
}
