/** The first-run setup link's tokens (main database: using one and creating the administrator is one transaction). */
import { and, eq, isNull, gt } from 'drizzle-orm';
import { setupToken } from '../db/schema';
import type { Executor } from '../db';

export async function insertSetupToken(
	ex: Executor,
	tokenHash: string,
	expiresAt: string
): Promise<void> {
	await ex.insert(setupToken).values({ tokenHash, expiresAt });
}

/** Marks a setup token used if it is valid now; true only for the one caller that used it. */
export async function useSetupToken(
	ex: Executor,
	tokenHash: string,
	now: string
): Promise<boolean> {
	const used = await ex
		.update(setupToken)
		.set({ usedAt: now })
		.where(
			and(
				eq(setupToken.tokenHash, tokenHash),
				isNull(setupToken.usedAt),
				gt(setupToken.expiresAt, now)
			)
		)
		.returning({ t: setupToken.tokenHash });
	return used.length === 1;
}

export async function isSetupTokenValid(
	ex: Executor,
	tokenHash: string,
	now: string
): Promise<boolean> {
	const [row] = await ex
		.select({ t: setupToken.tokenHash })
		.from(setupToken)
		.where(
			and(
				eq(setupToken.tokenHash, tokenHash),
				isNull(setupToken.usedAt),
				gt(setupToken.expiresAt, now)
			)
		);
	return Boolean(row);
}
