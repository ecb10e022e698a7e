/** Users. Queries by organisation, except the sign-in lookup by email (emails are unique across the deployment). */
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { appUser } from '../db/schema';
import type { Executor } from '../db';
import type { Role } from '$lib/domain/permissions';

export type User = typeof appUser.$inferSelect;
/** A user without the password hash: what pages may see. */
export type PublicUser = Omit<User, 'passwordHash'>;

export function withoutHash(user: User): PublicUser {
	const { passwordHash: _hidden, ...rest } = user;
	return rest;
}

export async function findUserByEmail(ex: Executor, email: string): Promise<User | undefined> {
	const [row] = await ex.select().from(appUser).where(eq(appUser.email, email));
	return row;
}

export async function getUserById(ex: Executor, id: number): Promise<User | undefined> {
	const [row] = await ex.select().from(appUser).where(eq(appUser.id, id));
	return row;
}

export async function getUser(ex: Executor, organisationId: number, id: number): Promise<User | undefined> {
	const [row] = await ex.select().from(appUser).where(and(eq(appUser.organisationId, organisationId), eq(appUser.id, id)));
	return row;
}

/** Whether a user with this id belongs to ANOTHER organisation: only to audit cross-organisation attempts (answered 404). */
export async function userExistsElsewhere(ex: Executor, organisationId: number, id: number): Promise<boolean> {
	const [row] = await ex.select({ id: appUser.id }).from(appUser).where(and(eq(appUser.id, id), ne(appUser.organisationId, organisationId)));
	return Boolean(row);
}

export async function listUsers(ex: Executor, organisationId: number): Promise<PublicUser[]> {
	const rows = await ex.select().from(appUser).where(eq(appUser.organisationId, organisationId)).orderBy(asc(appUser.email));
	return rows.map(withoutHash);
}

export async function countUsers(ex: Executor): Promise<number> {
	const [row] = await ex.select({ n: sql<number>`count(*)` }).from(appUser);
	return row?.n ?? 0;
}

export async function insertUser(ex: Executor, input: { organisationId: number; email: string; displayName: string; role: Role; passwordHash: string }): Promise<User> {
	const [row] = await ex.insert(appUser).values(input).returning();
	return row!;
}

export async function updateUser(ex: Executor, organisationId: number, id: number, changes: Partial<Pick<User, 'role' | 'displayName' | 'passwordHash' | 'disabledAt'>>): Promise<User | undefined> {
	const [row] = await ex
		.update(appUser)
		.set({ ...changes, version: sql`${appUser.version} + 1`, updatedAt: new Date().toISOString() })
		.where(and(eq(appUser.organisationId, organisationId), eq(appUser.id, id)))
		.returning();
	return row;
}

export async function countActiveAdmins(ex: Executor, organisationId: number): Promise<number> {
	const [row] = await ex
		.select({ n: sql<number>`count(*)` })
		.from(appUser)
		.where(and(eq(appUser.organisationId, organisationId), eq(appUser.role, 'org_admin'), isNull(appUser.disabledAt)));
	return row?.n ?? 0;
}
