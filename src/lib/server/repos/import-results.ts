/**
 * What a committed import did, read back from the audit trail it wrote: the import's own row (file
 * name, SHA-256, counts) and the per-record rows written in the same request (one per system or cost
 * line created or updated). No table of its own: the trail is append-only, so the result never drifts.
 */
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { appUser, auditEvent, costLine, system } from '../db/schema';
import type { Executor } from '../db';
import { COST_CATEGORY_LABEL, type CostCategory } from '$lib/domain/costs/cost';
import { formatPounds } from '$lib/domain/money';

export interface ImportSummary {
	auditId: number;
	at: string;
	/** Who imported it: their name, else what the trail recorded (their email). */
	actor: string;
	kind: 'systems' | 'cost lines';
	fileName: string;
	sha256: string;
	counts: {
		create: number;
		update: number;
		unchanged: number;
		rejected: number;
		agreedReviewsReplaced: number;
		leftOutAgreedReview: number;
	};
}

export interface ImportedRecord {
	action: 'create' | 'update';
	/** The system the record is (systems) or belongs to (cost lines); null if it has gone since. */
	systemId: number | null;
	name: string;
}

const count = (value: unknown) =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;

/** The import audit row `auditId` of this organisation, or null (another organisation's, or not an import). */
export async function importSummary(
	ex: Executor,
	organisationId: number,
	auditId: number
): Promise<(ImportSummary & { requestId: string; detailPrefix: string }) | null> {
	const [found] = await ex
		.select({ row: auditEvent, userName: appUser.displayName })
		.from(auditEvent)
		// The trail records the signed-in email; the person is shown by the name they are known by.
		.leftJoin(
			appUser,
			and(eq(appUser.id, auditEvent.userId), eq(appUser.organisationId, organisationId))
		)
		.where(
			and(
				eq(auditEvent.id, auditId),
				eq(auditEvent.organisationId, organisationId),
				eq(auditEvent.entity, 'import'),
				eq(auditEvent.action, 'import')
			)
		);
	if (!found) return null;
	const { row, userName } = found;
	let after: Record<string, unknown> = {};
	try {
		after = JSON.parse(row.after ?? '{}') ?? {};
	} catch {
		// An unreadable row still shows its date and who; the counts read as 0.
	}
	const kind = after.kind === 'cost lines' ? 'cost lines' : 'systems';
	const fileName = typeof after.fileName === 'string' ? after.fileName : '';
	return {
		auditId: row.id,
		at: row.at,
		actor: userName?.trim() || row.actor,
		kind,
		fileName,
		sha256: typeof after.sha256 === 'string' ? after.sha256 : '',
		counts: {
			create: count(after.create),
			update: count(after.update),
			unchanged: count(after.unchanged),
			rejected: count(after.rejected),
			agreedReviewsReplaced: count(after.agreedReviewsReplaced),
			leftOutAgreedReview: count(after.leftOutAgreedReview)
		},
		requestId: row.requestId,
		// The per-record rows name the import in their detail (services/imports.ts and cost-import.ts).
		detailPrefix: `${kind === 'cost lines' ? 'Cost line import' : 'Import'} ${row.entityId} of `
	};
}

/** The id of the newest import audit row for upload `uploadId`: the one its commit just wrote. */
export async function latestImportAuditId(
	ex: Executor,
	organisationId: number,
	uploadId: number
): Promise<number | null> {
	const [row] = await ex
		.select({ id: auditEvent.id })
		.from(auditEvent)
		.where(
			and(
				eq(auditEvent.organisationId, organisationId),
				eq(auditEvent.entity, 'import'),
				eq(auditEvent.action, 'import'),
				eq(auditEvent.entityId, String(uploadId))
			)
		)
		.orderBy(desc(auditEvent.id))
		.limit(1);
	return row?.id ?? null;
}

/** Each record the import created or updated, in the order written, at most `limit`. */
export async function importedRecords(
	ex: Executor,
	organisationId: number,
	summary: ImportSummary & { requestId: string; detailPrefix: string },
	limit: number
): Promise<ImportedRecord[]> {
	const where = and(
		eq(auditEvent.organisationId, organisationId),
		eq(auditEvent.requestId, summary.requestId),
		lt(auditEvent.id, summary.auditId),
		inArray(auditEvent.action, ['create', 'update']),
		eq(auditEvent.detail, `${summary.detailPrefix}${summary.fileName}`)
	);
	if (summary.kind === 'systems') {
		const rows = await ex
			.select({ action: auditEvent.action, entityId: auditEvent.entityId, name: system.name })
			.from(auditEvent)
			.leftJoin(
				system,
				and(
					eq(system.organisationId, organisationId),
					sql`${system.id} = CAST(${auditEvent.entityId} AS INTEGER)`
				)
			)
			.where(and(where, eq(auditEvent.entity, 'system')))
			.orderBy(asc(auditEvent.id))
			.limit(limit);
		return rows.map((r) => ({
			action: r.action as 'create' | 'update',
			systemId: r.name == null ? null : Number(r.entityId),
			name: r.name ?? `System no. ${r.entityId}`
		}));
	}
	const rows = await ex
		.select({
			action: auditEvent.action,
			entityId: auditEvent.entityId,
			description: costLine.description,
			systemId: costLine.systemId,
			financialYear: costLine.financialYear,
			category: costLine.category,
			amountPence: costLine.amountPence,
			systemName: system.name
		})
		.from(auditEvent)
		.leftJoin(
			costLine,
			and(
				eq(costLine.organisationId, organisationId),
				sql`${costLine.id} = CAST(${auditEvent.entityId} AS INTEGER)`
			)
		)
		.leftJoin(system, eq(system.id, costLine.systemId))
		.where(and(where, eq(auditEvent.entity, 'cost_line')))
		.orderBy(asc(auditEvent.id))
		.limit(limit);
	return rows.map((r) => ({
		action: r.action as 'create' | 'update',
		systemId: r.systemId ?? null,
		// What a finance officer tells lines apart by: whose, what, which year and how much.
		name:
			r.financialYear == null
				? `Cost line no. ${r.entityId}`
				: `${r.systemName ? `${r.systemName}: ` : ''}${r.description || COST_CATEGORY_LABEL[r.category as CostCategory]} (${r.financialYear}), ${formatPounds(r.amountPence!)}`
	}));
}
