/**
 * Users. Queries by organisation, except the sign-in lookups by email and id. An email is unique
 * within an organisation; the same person may hold accounts in several.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { appUser, organisation } from '../db/schema';
import type { Executor } from '../db';
import { preparedOn } from '../db/prepared';
import type { Role } from '$lib/domain/permissions';
import { nowIso } from '$lib/domain/dates';

export type User = typeof appUser.$inferSelect;
/** A user without the password hash: what pages may see. */
export type PublicUser = Omit<User, 'passwordHash'>;

export function withoutHash(user: User): PublicUser {
	const { passwordHash: _hidden, ...rest } = user;
	return rest;
}

/** The first (oldest) account with this email in any organisation: for scripts and fixtures. */
export async function findUserByEmail(ex: Executor, email: string): Promise<User | undefined> {
	const [row] = await ex
		.select()
		.from(appUser)
		.where(eq(appUser.email, email))
		.orderBy(asc(appUser.id))
		.limit(1);
	return row;
}

/** Every account with this email, oldest first: sign-in checks the password against each. */
export async function findUsersByEmail(ex: Executor, email: string): Promise<User[]> {
	return ex.select().from(appUser).where(eq(appUser.email, email)).orderBy(asc(appUser.id));
}

export async function findUserInOrganisation(
	ex: Executor,
	organisationId: number,
	email: string
): Promise<User | undefined> {
	const [row] = await ex
		.select()
		.from(appUser)
		.where(and(eq(appUser.organisationId, organisationId), eq(appUser.email, email)));
	return row;
}

/** A user with the organisation a session acts in, in one query (it runs on every request). */
export async function getUserActingIn(ex: Executor, userId: number, actingOrganisationId: number) {
	// Every signed-in request runs this: built once per handle.
	return preparedOn(ex, userActingIn).get({ userId, actingOrganisationId });
}

const userActingIn = (ex: Executor) =>
	ex
		.select({ user: appUser, organisation })
		.from(appUser)
		.innerJoin(organisation, eq(organisation.id, sql.placeholder('actingOrganisationId')))
		.where(eq(appUser.id, sql.placeholder('userId')))
		.prepare();

export async function getUserById(ex: Executor, id: number): Promise<User | undefined> {
	const [row] = await ex.select().from(appUser).where(eq(appUser.id, id));
	return row;
}

export async function getUser(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<User | undefined> {
	const [row] = await ex
		.select()
		.from(appUser)
		.where(and(eq(appUser.organisationId, organisationId), eq(appUser.id, id)));
	return row;
}

export async function listUsers(ex: Executor, organisationId: number): Promise<PublicUser[]> {
	const rows = await ex
		.select()
		.from(appUser)
		.where(eq(appUser.organisationId, organisationId))
		.orderBy(asc(appUser.email));
	return rows.map(withoutHash);
}

export async function countUsers(ex: Executor): Promise<number> {
	const [row] = await ex.select({ n: sql<number>`count(*)` }).from(appUser);
	return row?.n ?? 0;
}

export async function insertUser(
	ex: Executor,
	input: {
		organisationId: number;
		email: string;
		displayName: string;
		role: Role;
		passwordHash: string;
	}
): Promise<User> {
	const [row] = await ex.insert(appUser).values(input).returning();
	return row!;
}

export async function updateUser(
	ex: Executor,
	organisationId: number,
	id: number,
	changes: Partial<Pick<User, 'role' | 'displayName' | 'passwordHash' | 'disabledAt'>>
): Promise<User | undefined> {
	const [row] = await ex
		.update(appUser)
		.set({ ...changes, version: sql`${appUser.version} + 1`, updatedAt: nowIso() })
		.where(and(eq(appUser.organisationId, organisationId), eq(appUser.id, id)))
		.returning();
	return row;
}

export async function countActiveAdmins(ex: Executor, organisationId: number): Promise<number> {
	const [row] = await ex
		.select({ n: sql<number>`count(*)` })
		.from(appUser)
		.where(
			and(
				eq(appUser.organisationId, organisationId),
				eq(appUser.role, 'org_admin'),
				isNull(appUser.disabledAt)
			)
		);
	return row?.n ?? 0;
}
