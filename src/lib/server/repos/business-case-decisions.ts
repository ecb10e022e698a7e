/**
 * Who edited a business case and who decided it: the editors of each version (an editor may not
 * decide the case) and the decisions recorded. Each function takes the caller's organisation id and
 * filters by it. Re-exported by ./business-cases.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { businessCaseDecision, businessCaseEditor } from '../db/schema';
import type { Executor } from '../db';
import type { DecisionInput } from '$lib/domain/business-cases';

export type DecisionRow = typeof businessCaseDecision.$inferSelect;

/** Records that `userId` edited the version (once per version). */
export async function recordEditor(
	ex: Executor,
	organisationId: number,
	businessCaseId: number,
	versionId: number,
	userId: number
): Promise<void> {
	await ex
		.insert(businessCaseEditor)
		.values({ organisationId, businessCaseId, versionId, userId })
		.onConflictDoNothing();
}

/** True when `userId` edited any version of the case: they may not decide it. */
export async function hasEditedCase(
	ex: Executor,
	organisationId: number,
	businessCaseId: number,
	userId: number
): Promise<boolean> {
	const [row] = await ex
		.select({ userId: businessCaseEditor.userId })
		.from(businessCaseEditor)
		.where(
			and(
				eq(businessCaseEditor.organisationId, organisationId),
				eq(businessCaseEditor.businessCaseId, businessCaseId),
				eq(businessCaseEditor.userId, userId)
			)
		)
		.limit(1);
	return Boolean(row);
}

/** The people who edited each version, for the page and for the decision's check. */
export async function listEditors(
	ex: Executor,
	organisationId: number,
	businessCaseId: number
): Promise<{ versionId: number; userId: number; firstEditedAt: string }[]> {
	return ex
		.select({
			versionId: businessCaseEditor.versionId,
			userId: businessCaseEditor.userId,
			firstEditedAt: businessCaseEditor.firstEditedAt
		})
		.from(businessCaseEditor)
		.where(
			and(
				eq(businessCaseEditor.organisationId, organisationId),
				eq(businessCaseEditor.businessCaseId, businessCaseId)
			)
		)
		.orderBy(asc(businessCaseEditor.firstEditedAt));
}

export async function insertDecision(
	ex: Executor,
	organisationId: number,
	fields: DecisionInput & {
		businessCaseId: number;
		versionId: number;
		decidedByUserId: number;
		decidedBy: string;
		decidedAt: string;
	}
): Promise<DecisionRow> {
	const [row] = await ex
		.insert(businessCaseDecision)
		.values({ ...fields, organisationId })
		.returning();
	return row!;
}

/** Every decision on the case, newest first. */
export async function listDecisions(
	ex: Executor,
	organisationId: number,
	businessCaseId: number
): Promise<DecisionRow[]> {
	return ex
		.select()
		.from(businessCaseDecision)
		.where(
			and(
				eq(businessCaseDecision.organisationId, organisationId),
				eq(businessCaseDecision.businessCaseId, businessCaseId)
			)
		)
		.orderBy(desc(businessCaseDecision.id));
}

/** The latest decision on each of the organisation's cases (for the list's 'decided' column), by case id. */
export async function latestDecisionByCase(
	ex: Executor,
	organisationId: number
): Promise<Map<number, Pick<DecisionRow, 'outcome' | 'meetingDate' | 'decidedAt'>>> {
	const rows = await ex
		.select({
			businessCaseId: businessCaseDecision.businessCaseId,
			outcome: businessCaseDecision.outcome,
			meetingDate: businessCaseDecision.meetingDate,
			decidedAt: businessCaseDecision.decidedAt
		})
		.from(businessCaseDecision)
		.where(eq(businessCaseDecision.organisationId, organisationId))
		.orderBy(asc(businessCaseDecision.id));
	return new Map(rows.map(({ businessCaseId, ...d }) => [businessCaseId, d]));
}
