/** OpenID Connect sign-ins under way, in the session database (db/session-schema oidcLogin). */
import { eq, lte } from 'drizzle-orm';
import { oidcLogin } from '../db/session-schema';
import type { SessionExecutor } from '../db';

export type OidcLogin = typeof oidcLogin.$inferSelect;

export async function insertLogin(ex: SessionExecutor, row: OidcLogin): Promise<void> {
	await ex.insert(oidcLogin).values(row);
}

/** Removes and returns the sign-in, so the provider's answer to it can be used once only. */
export async function takeLogin(
	ex: SessionExecutor,
	tokenHash: string
): Promise<OidcLogin | undefined> {
	const [row] = await ex.delete(oidcLogin).where(eq(oidcLogin.tokenHash, tokenHash)).returning();
	return row;
}

export async function pruneLogins(ex: SessionExecutor, now: string): Promise<number> {
	const gone = await ex
		.delete(oidcLogin)
		.where(lte(oidcLogin.expiresAt, now))
		.returning({ t: oidcLogin.tokenHash });
	return gone.length;
}
