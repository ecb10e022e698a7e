/**
 * The audit trail: append-only. There is deliberately no update or delete here, and the database
 * refuses both (migration 0002_audit_append_only).
 */
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { auditEvent } from '../db/schema';
import type { Executor } from '../db';
import { insertRows } from '../db/bulk';
import type { Actor } from '../services/actor';
import type { AuditFilter } from '$lib/domain/audit';
import { nowIso } from '$lib/domain/dates';

// The names the rows refer to, in words: a module of its own, read through this one.
export { describeAudit, namesForAudit } from './audit-names';

export type AuditEvent = typeof auditEvent.$inferSelect;

export interface AuditEntry {
	entity: string;
	entityId?: string | number | null;
	action: string;
	before?: unknown;
	after?: unknown;
	detail?: string;
}

function json(value: unknown): string | null {
	return value === undefined || value === null ? null : JSON.stringify(value);
}

/** The audit row for `entry` done by `actor` now: the one shape of the trail, written here or through the sign-in outbox. */
export function auditRow(
	actor: Actor,
	entry: AuditEntry,
	organisationId: number | null = actor.organisationId
) {
	return {
		organisationId,
		userId: actor.userId,
		actor: actor.displayName,
		at: nowIso(),
		entity: entry.entity,
		entityId: entry.entityId == null ? null : String(entry.entityId),
		action: entry.action,
		before: json(entry.before),
		after: json(entry.after),
		requestId: actor.requestId ?? '',
		ip: actor.ip ?? '',
		detail: entry.detail ?? ''
	};
}

/** Writes one audit row as `actor`. Call it with the transaction that makes the change. */
export async function recordAudit(
	ex: Executor,
	actor: Actor,
	entry: AuditEntry,
	organisationId: number | null = actor.organisationId
): Promise<void> {
	await ex.insert(auditEvent).values(auditRow(actor, entry, organisationId));
}

/** Writes many audit rows as `actor` in multi-row statements (an import: one row per system changed). */
export async function recordAuditMany(
	ex: Executor,
	actor: Actor,
	entries: readonly AuditEntry[],
	organisationId: number | null = actor.organisationId
): Promise<void> {
	const at = nowIso();
	const columns = [
		'organisation_id',
		'user_id',
		'actor',
		'at',
		'entity',
		'entity_id',
		'action',
		'before',
		'after',
		'request_id',
		'ip',
		'detail'
	];
	await insertRows(
		ex,
		'audit_event',
		columns,
		entries.map((e) => {
			const r = auditRow(actor, e, organisationId);
			return [
				r.organisationId,
				r.userId,
				r.actor,
				at,
				r.entity,
				r.entityId,
				r.action,
				r.before,
				r.after,
				r.requestId,
				r.ip,
				r.detail
			];
		})
	);
}

/** The audit page's filters (parsed from the URL in the domain). */
export type AuditQuery = AuditFilter;

function auditFilter(organisationId: number, q: Partial<AuditQuery>): SQL {
	const conditions: SQL[] = [eq(auditEvent.organisationId, organisationId)];
	if (q.userId != null) conditions.push(eq(auditEvent.userId, q.userId));
	if (q.entity) conditions.push(eq(auditEvent.entity, q.entity));
	if (q.entityId) conditions.push(eq(auditEvent.entityId, q.entityId));
	if (q.action) conditions.push(eq(auditEvent.action, q.action));
	if (q.from) conditions.push(gte(auditEvent.at, q.from));
	// 'to' is a whole day: everything before the start of the next one.
	if (q.to) conditions.push(lt(auditEvent.at, `${q.to}T99`));
	return and(...conditions)!;
}

/** Audit rows of one organisation, newest first. */
export async function listAudit(
	ex: Executor,
	organisationId: number,
	q: Partial<AuditQuery>
): Promise<{ rows: AuditEvent[]; total: number }> {
	const where = auditFilter(organisationId, q);
	const size = q.size ?? 50;
	const [count] = await ex
		.select({ n: sql<number>`count(*)` })
		.from(auditEvent)
		.where(where);
	const rows = await ex
		.select()
		.from(auditEvent)
		.where(where)
		.orderBy(desc(auditEvent.id))
		.limit(size)
		.offset(((q.page ?? 1) - 1) * size);
	return { rows, total: count?.n ?? 0 };
}

/** Every matching row, for the CSV export (bounded so an export cannot exhaust memory). */
export async function exportAudit(
	ex: Executor,
	organisationId: number,
	q: Partial<AuditQuery>,
	limit = 100_000
): Promise<AuditEvent[]> {
	return ex
		.select()
		.from(auditEvent)
		.where(auditFilter(organisationId, q))
		.orderBy(desc(auditEvent.id))
		.limit(limit);
}

/** The distinct actions recorded in an organisation, for the filter list. */
export async function listAuditActions(ex: Executor, organisationId: number): Promise<string[]> {
	const rows = await ex
		.selectDistinct({ action: auditEvent.action })
		.from(auditEvent)
		.where(eq(auditEvent.organisationId, organisationId));
	return rows.map((r) => r.action).sort();
}

/** Rows about one record, newest first: a system's change history. */
export async function historyOf(
	ex: Executor,
	organisationId: number,
	entity: string,
	entityId: string | number
): Promise<AuditEvent[]> {
	return ex
		.select()
		.from(auditEvent)
		.where(
			and(
				eq(auditEvent.organisationId, organisationId),
				eq(auditEvent.entity, entity),
				eq(auditEvent.entityId, String(entityId))
			)
		)
		.orderBy(desc(auditEvent.id))
		.limit(500);
}
