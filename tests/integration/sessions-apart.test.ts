/**
 * Sign-in does not queue behind the main database's writes (an import's commit): sessions,
 * throttling records and sign-in's audit rows are in the session database, and the audit rows
 * reach the main trail through an outbox once the main write queue frees, exactly once and in order.
 */
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { db, startDatabase, makeOrganisation } from './helpers';
import {
	database,
	flushAuditOutbox,
	sessionDatabase,
	sessionDb,
	sessionTransaction,
	transaction
} from '$lib/server/db/database';
import { drainOnce } from '$lib/server/db/audit-outbox';
import { sessionDatabaseUrl } from '$lib/server/db';
import { isDatabaseServerUrl } from '$lib/server/db/server-check';
import { auditEvent } from '$lib/server/db/schema';
import { auditOutbox } from '$lib/server/db/session-schema';
import * as auth from '$lib/server/services/auth';
import * as userService from '$lib/server/services/users';
import * as sessions from '$lib/server/repos/sessions';

const PASSWORD = 'correct horse battery staple';
const from = { ip: '192.0.2.77', userAgent: 'test', requestId: 'apart' };

beforeAll(async () => {
	await startDatabase();
});

/** Opens a main-database write transaction that stays open until the returned function is called. */
async function holdMainWriteQueue(): Promise<{ release: () => void; done: Promise<void> }> {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	let started!: () => void;
	const holding = new Promise<void>((resolve) => (started = resolve));
	const done = transaction(async () => {
		started();
		await released;
	});
	await holding;
	return { release, done };
}

const auditRows = (userId: number) =>
	db().select().from(auditEvent).where(eq(auditEvent.userId, userId));

// On a database server the sessions share the main database, and so its write queue, unless
// SESSION_DATABASE_URL names another: sign-in apart from the main writes is the embedded set-up's.
describe.runIf(!isDatabaseServerUrl())('signing in while the main database is busy writing', () => {
	it('returns a session before a long main transaction ends; the audit row lands after it', async () => {
		const o = await makeOrganisation();
		const created = await userService.createUser(o.actor, {
			organisationId: o.org.id,
			email: 'busy.day@example.gov.uk',
			displayName: 'Busy',
			role: 'editor',
			password: PASSWORD
		});
		if (!created.ok) throw new Error('create failed');
		const userId = created.user.id;

		const held = await holdMainWriteQueue();
		onTestFinished(() => held.release());
		let mainWriteFinished = false;
		void held.done.then(() => (mainWriteFinished = true));
		// A main-database write queued now waits, as every main write does during an import's commit.
		const queuedMainWrite = transaction(async () => 'written');

		const wrong = await auth.signIn('busy.day@example.gov.uk', 'not my password', from);
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		const signedIn = await auth.signIn('busy.day@example.gov.uk', PASSWORD, from);
		if (!signedIn.ok) throw new Error('sign-in failed');
		const resolved = await auth.resolveSession(signedIn.token, new Date(Date.now() + 5 * 60_000)); // touches the session too
		expect(resolved?.user.id).toBe(userId);
		await auth.signOut(
			{ organisationId: o.org.id, userId, displayName: 'busy.day@example.gov.uk', ip: from.ip },
			signedIn.token
		);
		expect(await auth.resolveSession(signedIn.token)).toBeNull();

		expect(mainWriteFinished).toBe(false); // all of that happened while the main write was open
		expect(await auditRows(userId)).toEqual([]);
		expect((await sessionDb().select().from(auditOutbox)).map((r) => r.action)).toEqual([
			'sign-in-failed',
			'sign-in',
			'sign-out'
		]);

		held.release();
		await held.done;
		expect(await queuedMainWrite).toBe('written');
		await flushAuditOutbox();
		expect((await auditRows(userId)).map((r) => r.action)).toEqual([
			'sign-in-failed',
			'sign-in',
			'sign-out'
		]);
		expect(await sessionDb().select().from(auditOutbox)).toEqual([]);
	});

	it('copies an outbox row once even when a crash left it behind after the copy', async () => {
		const actor = { organisationId: 0, userId: 987_654, displayName: 'crash test', ip: from.ip };
		await sessionTransaction((tx) =>
			sessions.recordAuditLater(tx, actor, { entity: 'session', action: 'sign-in' }, null)
		);
		await flushAuditOutbox();
		const [copied] = await db()
			.select()
			.from(auditEvent)
			.where(eq(auditEvent.userId, actor.userId));
		// As if the process died between the main commit and the outbox delete: the row is back.
		const { outboxId, id: _id, ...row } = copied!;
		await sessionTransaction((tx) =>
			tx.insert(auditOutbox).values({ ...row, outboxId: outboxId! })
		);
		expect(await drainOnce(database(), sessionDatabase())).toBe(1);
		expect(
			await db().select().from(auditEvent).where(eq(auditEvent.userId, actor.userId))
		).toHaveLength(1);
		expect(
			await sessionDb()
				.select()
				.from(auditOutbox)
				.where(inArray(auditOutbox.outboxId, [outboxId!]))
		).toEqual([]);
	});
});

describe('where the session database is', () => {
	it('sits beside an embedded main database, shares a remote one, and follows SESSION_DATABASE_URL', () => {
		expect(sessionDatabaseUrl('file:data/portfolio.db', '')).toBe(
			'file:data/portfolio-sessions.db'
		);
		expect(sessionDatabaseUrl('file:///srv/app/main.db?mode=rwc', '')).toBe(
			'file:///srv/app/main-sessions.db?mode=rwc'
		);
		expect(sessionDatabaseUrl('file:data/portfolio', '')).toBe('file:data/portfolio-sessions');
		expect(sessionDatabaseUrl('libsql://db.example.gov.uk', '')).toBe('libsql://db.example.gov.uk');
		expect(
			sessionDatabaseUrl('libsql://db.example.gov.uk', 'file:/var/lib/portfolio/sessions.db')
		).toBe('file:/var/lib/portfolio/sessions.db');
		// Apart beside an embedded file; shared on a server.
		expect(sessionDatabase().url === database().url).toBe(isDatabaseServerUrl());
	});
});
