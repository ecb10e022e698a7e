/**
 * Business cases, their versions, editors and decisions. Each function takes the caller's
 * organisation id and filters by it. Content and snapshots are stored as JSON text and handed out
 * parsed; a frozen version's row is refused any change by the database itself (migration 0008).
 */
import { and, asc, desc, eq, getTableColumns, notInArray, sql } from 'drizzle-orm';
import { businessCase, businessCaseEditor, businessCaseVersion, nowUtc as now } from '../db/schema';
import type { Executor } from '../db';
import type {
	BusinessCaseContent,
	CaseStatus,
	Stage,
	BusinessCaseSnapshot
} from '$lib/domain/business-cases';

export * from './business-case-decisions';

export type BusinessCaseRow = typeof businessCase.$inferSelect;
type VersionRecord = typeof businessCaseVersion.$inferSelect;
export type VersionRow = Omit<VersionRecord, 'content' | 'snapshot'> & {
	content: BusinessCaseContent;
	snapshot: BusinessCaseSnapshot | null;
};
/** A version without its content or snapshot, for lists. */
export type VersionSummary = Omit<VersionRecord, 'content' | 'snapshot'>;

function parseVersion(row: VersionRecord): VersionRow {
	return {
		...row,
		content: JSON.parse(row.content) as BusinessCaseContent,
		snapshot: row.snapshot == null ? null : (JSON.parse(row.snapshot) as BusinessCaseSnapshot)
	};
}

export async function getBusinessCase(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<BusinessCaseRow | undefined> {
	const [row] = await ex
		.select()
		.from(businessCase)
		.where(and(eq(businessCase.organisationId, organisationId), eq(businessCase.id, id)));
	return row;
}

/** The organisation's cases, most recently changed first. */
export async function listBusinessCases(
	ex: Executor,
	organisationId: number
): Promise<BusinessCaseRow[]> {
	return ex
		.select()
		.from(businessCase)
		.where(eq(businessCase.organisationId, organisationId))
		.orderBy(desc(businessCase.updatedAt), desc(businessCase.id));
}

/**
 * The submitted cases this user may decide: every case awaiting a decision except those they edited
 * or submitted (who may not decide their own case), oldest first. For an approver's landing page.
 */
export async function listAwaitingDecisionBy(
	ex: Executor,
	organisationId: number,
	userId: number
): Promise<Pick<BusinessCaseRow, 'id' | 'title' | 'stage' | 'updatedAt'>[]> {
	const edited = ex
		.select({ id: businessCaseEditor.businessCaseId })
		.from(businessCaseEditor)
		.where(
			and(
				eq(businessCaseEditor.organisationId, organisationId),
				eq(businessCaseEditor.userId, userId)
			)
		);
	return ex
		.select({
			id: businessCase.id,
			title: businessCase.title,
			stage: businessCase.stage,
			updatedAt: businessCase.updatedAt
		})
		.from(businessCase)
		.where(
			and(
				eq(businessCase.organisationId, organisationId),
				eq(businessCase.status, 'submitted'),
				notInArray(businessCase.id, edited)
			)
		)
		.orderBy(asc(businessCase.updatedAt), asc(businessCase.id));
}

export async function insertBusinessCase(
	ex: Executor,
	organisationId: number,
	fields: { title: string; stage: Stage }
): Promise<BusinessCaseRow> {
	const [row] = await ex
		.insert(businessCase)
		.values({ ...fields, organisationId })
		.returning();
	return row!;
}

/** Changes the case only if it is still at `expectedVersion` (and bumps it); undefined otherwise. */
export async function updateBusinessCase(
	ex: Executor,
	organisationId: number,
	id: number,
	expectedVersion: number,
	changes: Partial<Pick<BusinessCaseRow, 'title' | 'stage' | 'status' | 'currentVersionNumber'>>
): Promise<BusinessCaseRow | undefined> {
	const [row] = await ex
		.update(businessCase)
		.set({ ...changes, version: sql`${businessCase.version} + 1`, updatedAt: now })
		.where(
			and(
				eq(businessCase.organisationId, organisationId),
				eq(businessCase.id, id),
				eq(businessCase.version, expectedVersion)
			)
		)
		.returning();
	return row;
}

export async function insertVersion(
	ex: Executor,
	organisationId: number,
	fields: {
		businessCaseId: number;
		number: number;
		content: BusinessCaseContent;
		appraisalSettingId: number;
		createdByUserId: number | null;
		createdBy: string;
	}
): Promise<VersionRow> {
	const [row] = await ex
		.insert(businessCaseVersion)
		.values({ ...fields, organisationId, content: JSON.stringify(fields.content) })
		.returning();
	return parseVersion(row!);
}

export async function getVersion(
	ex: Executor,
	organisationId: number,
	businessCaseId: number,
	number: number
): Promise<VersionRow | undefined> {
	const [row] = await ex
		.select()
		.from(businessCaseVersion)
		.where(
			and(
				eq(businessCaseVersion.organisationId, organisationId),
				eq(businessCaseVersion.businessCaseId, businessCaseId),
				eq(businessCaseVersion.number, number)
			)
		);
	return row && parseVersion(row);
}

/** Every version of a case, newest first, without content or snapshot. */
export async function listVersions(
	ex: Executor,
	organisationId: number,
	businessCaseId: number
): Promise<VersionSummary[]> {
	const { content: _c, snapshot: _s, ...columns } = getTableColumns(businessCaseVersion);
	return ex
		.select(columns)
		.from(businessCaseVersion)
		.where(
			and(
				eq(businessCaseVersion.organisationId, organisationId),
				eq(businessCaseVersion.businessCaseId, businessCaseId)
			)
		)
		.orderBy(desc(businessCaseVersion.number));
}

/** The latest frozen (approved) version: the baseline reports measure against; undefined when none. */
export async function latestFrozenVersion(
	ex: Executor,
	organisationId: number,
	businessCaseId: number
): Promise<VersionRow | undefined> {
	const [row] = await ex
		.select()
		.from(businessCaseVersion)
		.where(
			and(
				eq(businessCaseVersion.organisationId, organisationId),
				eq(businessCaseVersion.businessCaseId, businessCaseId),
				sql`${businessCaseVersion.frozenAt} IS NOT NULL`
			)
		)
		.orderBy(desc(businessCaseVersion.number))
		.limit(1);
	return row && parseVersion(row);
}

/** Saves a draft's content; the database refuses it for any version that is not a draft. */
export async function setVersionContent(
	ex: Executor,
	organisationId: number,
	versionId: number,
	content: BusinessCaseContent
): Promise<void> {
	await ex
		.update(businessCaseVersion)
		.set({ content: JSON.stringify(content), updatedAt: now })
		.where(
			and(
				eq(businessCaseVersion.organisationId, organisationId),
				eq(businessCaseVersion.id, versionId)
			)
		);
}

export async function setVersionStatus(
	ex: Executor,
	organisationId: number,
	versionId: number,
	status: CaseStatus,
	submittedAt?: string | null
): Promise<void> {
	await ex
		.update(businessCaseVersion)
		.set({ status, updatedAt: now, ...(submittedAt !== undefined ? { submittedAt } : {}) })
		.where(
			and(
				eq(businessCaseVersion.organisationId, organisationId),
				eq(businessCaseVersion.id, versionId)
			)
		);
}

/** Freezes a version with its decided status, snapshot and hash: the last change the row will ever take. */
export async function freezeVersion(
	ex: Executor,
	organisationId: number,
	versionId: number,
	status: CaseStatus,
	frozenAt: string,
	snapshot: BusinessCaseSnapshot,
	hash: string
): Promise<void> {
	await ex
		.update(businessCaseVersion)
		.set({
			status,
			frozenAt,
			snapshot: JSON.stringify(snapshot),
			contentHash: hash,
			updatedAt: frozenAt
		})
		.where(
			and(
				eq(businessCaseVersion.organisationId, organisationId),
				eq(businessCaseVersion.id, versionId),
				sql`${businessCaseVersion.frozenAt} IS NULL`
			)
		);
}
