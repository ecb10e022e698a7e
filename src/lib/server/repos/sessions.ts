/**
 * The session database: sessions, the records that throttle checks of a password or token, the
 * addresses each account signed in from, and the audit outbox. Every function takes a session
 * database executor (db/database.ts sessionDb / sessionTransaction), never the main one.
 */
import { and, eq, gte, sql, lt, desc } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { authSession, authFailure, knownAddress, auditOutbox } from '../db/session-schema';
import type { SessionExecutor } from '../db';
import type { Actor } from '../services/actor';
import { auditRow, type AuditEntry } from './audit';
import { preparedOn } from '../db/prepared';

export type Session = typeof authSession.$inferSelect;

export async function insertSession(ex: SessionExecutor, row: Session): Promise<void> {
	await ex.insert(authSession).values(row);
}

export async function getSession(
	ex: SessionExecutor,
	tokenHash: string
): Promise<Session | undefined> {
	// Every signed-in request runs this: built once per handle.
	return preparedOn(ex, sessionByHash).get({ tokenHash });
}

const sessionByHash = (ex: SessionExecutor) =>
	ex
		.select()
		.from(authSession)
		.where(eq(authSession.tokenHash, sql.placeholder('tokenHash')))
		.prepare();

export async function touchSession(
	ex: SessionExecutor,
	tokenHash: string,
	at: string
): Promise<void> {
	await ex.update(authSession).set({ lastSeenAt: at }).where(eq(authSession.tokenHash, tokenHash));
}

export async function setActingOrganisation(
	ex: SessionExecutor,
	tokenHash: string,
	organisationId: number
): Promise<void> {
	await ex
		.update(authSession)
		.set({ actingOrganisationId: organisationId })
		.where(eq(authSession.tokenHash, tokenHash));
}

export async function deleteSession(ex: SessionExecutor, tokenHash: string): Promise<void> {
	await ex.delete(authSession).where(eq(authSession.tokenHash, tokenHash));
}

/** Ends every session of a user (password change, disabling, role change), optionally keeping one. */
export async function deleteSessionsOfUser(
	ex: SessionExecutor,
	userId: number,
	except?: string
): Promise<number> {
	const where = except
		? and(eq(authSession.userId, userId), sql`${authSession.tokenHash} <> ${except}`)
		: eq(authSession.userId, userId);
	const removed = await ex.delete(authSession).where(where).returning({ t: authSession.tokenHash });
	return removed.length;
}

/** How many rows pruneExpired deleted from each table. */
export interface Pruned {
	sessions: number;
	failures: number;
	knownAddresses: number;
}

/** Removes sessions past their absolute end or idle too long, and throttling records past their use. */
export async function pruneExpired(
	ex: SessionExecutor,
	cutoffs: { now: string; idleCutoff: string; failuresBefore: string; knownBefore: string }
): Promise<Pruned> {
	const ended = await ex
		.delete(authSession)
		.where(
			sql`${authSession.expiresAt} <= ${cutoffs.now} OR ${authSession.lastSeenAt} <= ${cutoffs.idleCutoff}`
		)
		.returning({ t: authSession.tokenHash });
	const failures = await ex
		.delete(authFailure)
		.where(lt(authFailure.at, cutoffs.failuresBefore))
		.returning({ id: authFailure.id });
	const known = await ex
		.delete(knownAddress)
		.where(lt(knownAddress.lastSuccessAt, cutoffs.knownBefore))
		.returning({ a: knownAddress.account });
	return { sessions: ended.length, failures: failures.length, knownAddresses: known.length };
}

export type CheckKind = 'sign-in' | 'password-change' | 'setup';

/** Counts an attempt as failed until it succeeds; returns its id so a success can take it back. */
export async function recordFailure(
	ex: SessionExecutor,
	kind: CheckKind,
	account: string,
	ip: string,
	at: string
): Promise<number> {
	const [row] = await ex
		.insert(authFailure)
		.values({ kind, account, ip, at })
		.returning({ id: authFailure.id });
	return row!.id;
}

/** Failures of one kind within the window: for an account, an account from an address, or an address. */
export async function countFailures(
	ex: SessionExecutor,
	kind: CheckKind,
	since: string,
	by: { account?: string; ip?: string }
): Promise<number> {
	const conditions = [eq(authFailure.kind, kind), gte(authFailure.at, since)];
	if (by.account !== undefined) conditions.push(eq(authFailure.account, by.account));
	if (by.ip !== undefined) conditions.push(eq(authFailure.ip, by.ip));
	const [row] = await ex
		.select({ n: sql<number>`count(*)` })
		.from(authFailure)
		.where(and(...conditions));
	return row?.n ?? 0;
}

/** When the latest attempt of this kind from an address was allowed to run (it may be in the future). */
export async function lastAttemptFrom(
	ex: SessionExecutor,
	kind: CheckKind,
	ip: string
): Promise<string | null> {
	const [row] = await ex
		.select({ at: authFailure.at })
		.from(authFailure)
		.where(and(eq(authFailure.kind, kind), eq(authFailure.ip, ip)))
		.orderBy(desc(authFailure.at))
		.limit(1);
	return row?.at ?? null;
}

/** Takes back a success's own attempt and the account's earlier failures from that address (typing slips). */
export async function clearFailures(
	ex: SessionExecutor,
	kind: CheckKind,
	account: string,
	ip: string
): Promise<void> {
	await ex
		.delete(authFailure)
		.where(
			and(eq(authFailure.kind, kind), eq(authFailure.account, account), eq(authFailure.ip, ip))
		);
}

export async function isKnownAddress(
	ex: SessionExecutor,
	account: string,
	ip: string,
	since: string
): Promise<boolean> {
	const [row] = await ex
		.select({ at: knownAddress.lastSuccessAt })
		.from(knownAddress)
		.where(
			and(
				eq(knownAddress.account, account),
				eq(knownAddress.ip, ip),
				gte(knownAddress.lastSuccessAt, since)
			)
		);
	return Boolean(row);
}

export async function rememberAddress(
	ex: SessionExecutor,
	account: string,
	ip: string,
	at: string
): Promise<void> {
	await ex
		.insert(knownAddress)
		.values({ account, ip, lastSuccessAt: at })
		.onConflictDoUpdate({
			target: [knownAddress.account, knownAddress.ip],
			set: { lastSuccessAt: at }
		});
}

/**
 * Writes an audit row to the outbox, in the session transaction that makes the change; it is
 * copied into the main audit trail in the background (db/audit-outbox.ts). Same fields as recordAudit.
 */
export async function recordAuditLater(
	ex: SessionExecutor,
	actor: Actor,
	entry: AuditEntry,
	organisationId: number | null = actor.organisationId
): Promise<void> {
	await ex
		.insert(auditOutbox)
		.values({ outboxId: randomUUID(), ...auditRow(actor, entry, organisationId) });
}

/** Takes back one attempt's record (a valid setup link). */
export async function takeBackFailure(ex: SessionExecutor, id: number): Promise<void> {
	await ex.delete(authFailure).where(eq(authFailure.id, id));
}

export async function countSessionsOfUser(ex: SessionExecutor, userId: number): Promise<number> {
	const [row] = await ex
		.select({ n: sql<number>`count(*)` })
		.from(authSession)
		.where(eq(authSession.userId, userId));
	return row?.n ?? 0;
}
