/** API tokens for the OData feed. Every function but the lookup by hash takes the caller's organisation id. */
import { and, desc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import { apiToken, organisation } from '../db/schema';
import type { Executor } from '../db';

export type ApiToken = typeof apiToken.$inferSelect;
/** A token as listed on the page: never its hash. */
export type ApiTokenSummary = Omit<ApiToken, 'tokenHash'>;

const summary = {
	id: apiToken.id,
	organisationId: apiToken.organisationId,
	name: apiToken.name,
	hint: apiToken.hint,
	scopes: apiToken.scopes,
	createdByUserId: apiToken.createdByUserId,
	createdBy: apiToken.createdBy,
	createdAt: apiToken.createdAt,
	expiresAt: apiToken.expiresAt,
	revokedAt: apiToken.revokedAt,
	revokedBy: apiToken.revokedBy,
	lastUsedAt: apiToken.lastUsedAt,
	lastUsedOn: apiToken.lastUsedOn,
	useCount: apiToken.useCount
};

export async function insertToken(
	ex: Executor,
	values: typeof apiToken.$inferInsert
): Promise<ApiTokenSummary> {
	const [row] = await ex.insert(apiToken).values(values).returning(summary);
	return row!;
}

export function listTokens(ex: Executor, organisationId: number): Promise<ApiTokenSummary[]> {
	return ex
		.select(summary)
		.from(apiToken)
		.where(eq(apiToken.organisationId, organisationId))
		.orderBy(desc(apiToken.createdAt), desc(apiToken.id));
}

export async function getToken(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<ApiTokenSummary | undefined> {
	const [row] = await ex
		.select(summary)
		.from(apiToken)
		.where(and(eq(apiToken.organisationId, organisationId), eq(apiToken.id, id)));
	return row;
}

/** The token with this hash and its organisation's slug: the one lookup not scoped by organisation (it finds the organisation). */
export async function findByHash(ex: Executor, tokenHash: string) {
	const [row] = await ex
		.select({ ...summary, organisationSlug: organisation.slug })
		.from(apiToken)
		.innerJoin(organisation, eq(organisation.id, apiToken.organisationId))
		.where(eq(apiToken.tokenHash, tokenHash));
	return row;
}

/** Revokes a live token now; false when it is not this organisation's or was already revoked. */
export async function revokeToken(
	ex: Executor,
	organisationId: number,
	id: number,
	by: string,
	at: string
): Promise<boolean> {
	const done = await ex
		.update(apiToken)
		.set({ revokedAt: at, revokedBy: by })
		.where(
			and(
				eq(apiToken.organisationId, organisationId),
				eq(apiToken.id, id),
				isNull(apiToken.revokedAt)
			)
		)
		.returning({ id: apiToken.id });
	return done.length === 1;
}

/**
 * Counts one use of the token at `at` (UK date `day`). True when it is the first use that day:
 * the date is set only by the one request that changes it, so the day's audit row is written once.
 */
export async function noteUse(
	ex: Executor,
	organisationId: number,
	id: number,
	at: string,
	day: string
): Promise<boolean> {
	const mine = and(eq(apiToken.organisationId, organisationId), eq(apiToken.id, id));
	await ex
		.update(apiToken)
		.set({ useCount: sql`${apiToken.useCount} + 1`, lastUsedAt: at })
		.where(mine);
	const first = await ex
		.update(apiToken)
		.set({ lastUsedOn: day })
		.where(and(mine, or(isNull(apiToken.lastUsedOn), ne(apiToken.lastUsedOn, day))))
		.returning({ id: apiToken.id });
	return first.length === 1;
}
