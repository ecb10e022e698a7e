/** The link between an app user and their identity provider account (issuer + subject). */
import { and, asc, eq } from 'drizzle-orm';
import { appUser, ssoIdentity } from '../db/schema';
import type { Executor } from '../db';

export type SsoIdentity = typeof ssoIdentity.$inferSelect;

/** The identity in this organisation: an identity linked in another organisation is not found here. */
export async function findIdentity(
	ex: Executor,
	organisationId: number,
	issuer: string,
	subject: string
): Promise<SsoIdentity | undefined> {
	const [row] = await ex
		.select()
		.from(ssoIdentity)
		.where(
			and(
				eq(ssoIdentity.organisationId, organisationId),
				eq(ssoIdentity.issuer, issuer),
				eq(ssoIdentity.subject, subject)
			)
		);
	return row;
}

export async function identityOfUser(
	ex: Executor,
	organisationId: number,
	userId: number
): Promise<SsoIdentity | undefined> {
	const [row] = await ex
		.select()
		.from(ssoIdentity)
		.where(and(eq(ssoIdentity.organisationId, organisationId), eq(ssoIdentity.userId, userId)));
	return row;
}

/** Whether issuer + subject is linked to anyone at all (they are unique across organisations). */
export async function isIdentityTaken(
	ex: Executor,
	issuer: string,
	subject: string
): Promise<boolean> {
	const [row] = await ex
		.select({ id: ssoIdentity.id })
		.from(ssoIdentity)
		.where(and(eq(ssoIdentity.issuer, issuer), eq(ssoIdentity.subject, subject)));
	return !!row;
}

export async function insertIdentity(
	ex: Executor,
	input: { organisationId: number; userId: number; issuer: string; subject: string }
): Promise<SsoIdentity> {
	const [row] = await ex.insert(ssoIdentity).values(input).returning();
	return row!;
}

export async function touchIdentity(ex: Executor, id: number, at: string): Promise<void> {
	await ex.update(ssoIdentity).set({ lastSignInAt: at }).where(eq(ssoIdentity.id, id));
}

/** The organisation's linked accounts with their users' emails, for the settings page. */
export async function listIdentities(ex: Executor, organisationId: number) {
	return ex
		.select({
			userId: ssoIdentity.userId,
			email: appUser.email,
			subject: ssoIdentity.subject,
			lastSignInAt: ssoIdentity.lastSignInAt
		})
		.from(ssoIdentity)
		.innerJoin(appUser, eq(appUser.id, ssoIdentity.userId))
		.where(eq(ssoIdentity.organisationId, organisationId))
		.orderBy(asc(appUser.email));
}
