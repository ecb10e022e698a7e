/**
 * What the app checks of a libSQL server (sqld) before it migrates or serves anything: that it
 * answers, that it accepts the token, and that it enforces foreign keys. On an embedded file the
 * app switches foreign keys on itself (PRAGMA foreign_keys, per connection); a server decides for
 * its own connections (sqld 0.24 enforces them by default), and the app cannot set a per-connection
 * PRAGMA there for the next request, which may run on another connection. So it proves it.
 */
import type { Client } from '@libsql/client';

/**
 * The largest value the app writes to a server in one piece. sqld 0.24 refuses a bound value over
 * 4,999,995 bytes (ARGS_INVALID: string or blob too big, measured here), and an upload is kept as
 * one value, so uploads are held to this on a server whatever IMPORT_MAX_BYTES says.
 */
export const SERVER_LARGEST_VALUE_BYTES = 4 * 1024 * 1024;

/** True for a libSQL server URL (http:, https:, libsql:, ws:, wss:), false for an embedded file. */
export function isDatabaseServerUrl(url = process.env.DATABASE_URL || 'file:'): boolean {
	return !url.startsWith('file:');
}

/** A start-up refusal whose message is one line an operator can act on, with no token in it. */
export class DatabaseServerError extends Error {
	override name = 'DatabaseServerError';
}

/** The URL without a query string or user information: libsql URLs may carry `?authToken=`. */
export function redactedDatabaseUrl(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
	} catch {
		return url.split('?')[0] ?? '';
	}
}

/**
 * Throws a DatabaseServerError saying why the server at `url` cannot be used, or resolves.
 * `writes: false` for a read replica whose primary is checked too: the foreign-key probe is a write,
 * which a replica forwards to its primary, the server already checked.
 */
export async function checkDatabaseServer(
	client: Client,
	url: string,
	tokenVariable = 'DATABASE_AUTH_TOKEN',
	{ writes = true } = {}
): Promise<void> {
	const where = redactedDatabaseUrl(url);
	try {
		await client.execute('SELECT 1');
	} catch (error) {
		throw new DatabaseServerError(describeConnectionFailure(error, where, tokenVariable));
	}
	if (writes && !(await foreignKeysEnforced(client))) {
		throw new DatabaseServerError(
			`the database server at ${where} does not enforce foreign keys (an insert pointing at a missing row was accepted), so records could point at nothing; start it with foreign keys on (sqld enforces them by default)`
		);
	}
}

/** A write the database server could not take because it cannot be reached (stopped, restarting, network). */
export class DatabaseUnavailableError extends Error {
	override name = 'DatabaseUnavailableError';
}

const UNREACHABLE =
	/fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket|network|other side closed/i;

/** True when `error` (or its cause) says the server could not be reached, rather than that it refused the SQL. */
export function isUnreachable(error: unknown): boolean {
	for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
		if (UNREACHABLE.test(e.message) || ('code' in e && UNREACHABLE.test(String(e.code))))
			return true;
	}
	return false;
}

function describeConnectionFailure(error: unknown, where: string, tokenVariable: string): string {
	const message = error instanceof Error ? error.message : String(error);
	if (/HTTP status 401|HTTP status 403|Unauthorized|JWT/i.test(message)) {
		return `the database server at ${where} refused the token in ${tokenVariable} (missing, expired or signed with another key)`;
	}
	const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
	const code = cause && 'code' in cause && cause.code ? ` (${String(cause.code)})` : '';
	if (/fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket|network/i.test(message)) {
		return `the database server at ${where} could not be reached${code}`;
	}
	return `the database server at ${where} did not answer a query: ${message.split('\n')[0]}`;
}

/**
 * Tries, in a write transaction that is always rolled back, to insert a row pointing at a row that
 * does not exist; true when the server refuses it. The probe tables exist only inside that
 * transaction, so nothing is left behind and it works on an empty database before any migration.
 */
export async function foreignKeysEnforced(client: Client): Promise<boolean> {
	const tx = await client.transaction('write');
	try {
		await tx.execute('CREATE TABLE __fk_probe_parent (id INTEGER PRIMARY KEY)');
		await tx.execute(
			'CREATE TABLE __fk_probe_child (parent_id INTEGER NOT NULL REFERENCES __fk_probe_parent(id))'
		);
		try {
			await tx.execute('INSERT INTO __fk_probe_child (parent_id) VALUES (1)');
			return false;
		} catch (error) {
			if (
				/FOREIGN KEY constraint failed/i.test(
					error instanceof Error ? error.message : String(error)
				)
			)
				return true;
			throw error;
		}
	} finally {
		await tx.rollback();
		tx.close();
	}
}
