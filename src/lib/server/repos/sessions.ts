/** Sessions, setup tokens and the failed sign-in counts used for throttling. */
import { and, eq, gte, isNull, gt, sql, lt } from 'drizzle-orm';
import { session, setupToken, signInFailure, appUser, organisation } from '../db/schema';
import type { Executor } from '../db';

export type Session = typeof session.$inferSelect;

export async function insertSession(ex: Executor, row: Session): Promise<void> {
	await ex.insert(session).values(row);
}

export async function getSession(ex: Executor, tokenHash: string): Promise<Session | undefined> {
	const [row] = await ex.select().from(session).where(eq(session.tokenHash, tokenHash));
	return row;
}

/** A session with its user and acting organisation, in one query (it runs on every request). */
export async function getSessionWithUser(ex: Executor, tokenHash: string) {
	const [row] = await ex
		.select({ session, user: appUser, organisation })
		.from(session)
		.innerJoin(appUser, eq(appUser.id, session.userId))
		.innerJoin(organisation, eq(organisation.id, session.actingOrganisationId))
		.where(eq(session.tokenHash, tokenHash));
	return row;
}

export async function touchSession(ex: Executor, tokenHash: string, at: string): Promise<void> {
	await ex.update(session).set({ lastSeenAt: at }).where(eq(session.tokenHash, tokenHash));
}

export async function setActingOrganisation(ex: Executor, tokenHash: string, organisationId: number): Promise<void> {
	await ex.update(session).set({ actingOrganisationId: organisationId }).where(eq(session.tokenHash, tokenHash));
}

export async function deleteSession(ex: Executor, tokenHash: string): Promise<void> {
	await ex.delete(session).where(eq(session.tokenHash, tokenHash));
}

/** Ends every session of a user (password change, disabling), optionally keeping one. */
export async function deleteSessionsOfUser(ex: Executor, userId: number, except?: string): Promise<number> {
	const where = except ? and(eq(session.userId, userId), sql`${session.tokenHash} <> ${except}`) : eq(session.userId, userId);
	const removed = await ex.delete(session).where(where).returning({ t: session.tokenHash });
	return removed.length;
}

export async function deleteExpiredSessions(ex: Executor, now: string, idleCutoff: string): Promise<void> {
	await ex.delete(session).where(sql`${session.expiresAt} <= ${now} OR ${session.lastSeenAt} <= ${idleCutoff}`);
}

export async function insertSetupToken(ex: Executor, tokenHash: string, expiresAt: string): Promise<void> {
	await ex.insert(setupToken).values({ tokenHash, expiresAt });
}

/** Marks a setup token used if it is valid now; true only for the one caller that used it. */
export async function useSetupToken(ex: Executor, tokenHash: string, now: string): Promise<boolean> {
	const used = await ex
		.update(setupToken)
		.set({ usedAt: now })
		.where(and(eq(setupToken.tokenHash, tokenHash), isNull(setupToken.usedAt), gt(setupToken.expiresAt, now)))
		.returning({ t: setupToken.tokenHash });
	return used.length === 1;
}

export async function isSetupTokenValid(ex: Executor, tokenHash: string, now: string): Promise<boolean> {
	const [row] = await ex
		.select({ t: setupToken.tokenHash })
		.from(setupToken)
		.where(and(eq(setupToken.tokenHash, tokenHash), isNull(setupToken.usedAt), gt(setupToken.expiresAt, now)));
	return Boolean(row);
}

/** Counts an attempt as failed until it succeeds; returns its id so a success can take it back. */
export async function recordSignInFailure(ex: Executor, email: string, ip: string, at: string): Promise<number> {
	const [row] = await ex.insert(signInFailure).values({ email, ip, at }).returning({ id: signInFailure.id });
	return row!.id;
}

export async function countSignInFailures(ex: Executor, since: string, by: { email?: string; ip?: string }): Promise<number> {
	const where = by.email ? and(eq(signInFailure.email, by.email), gte(signInFailure.at, since)) : and(eq(signInFailure.ip, by.ip ?? ''), gte(signInFailure.at, since));
	const [row] = await ex.select({ n: sql<number>`count(*)` }).from(signInFailure).where(where);
	return row?.n ?? 0;
}

export async function clearSignInFailures(ex: Executor, email: string): Promise<void> {
	await ex.delete(signInFailure).where(eq(signInFailure.email, email));
}

export async function pruneSignInFailures(ex: Executor, before: string): Promise<void> {
	await ex.delete(signInFailure).where(lt(signInFailure.at, before));
}
