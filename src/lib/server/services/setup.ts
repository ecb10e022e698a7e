/**
 * The first-run setup link: issued when there are no users, checked like a password (throttled per
 * address, every wrong token audited), and used once to create the first platform administrator.
 */
import { transaction, db, sessionTransaction } from '../db/database';
import * as users from '../repos/users';
import * as sessions from '../repos/sessions';
import * as setupTokens from '../repos/setup-tokens';
import * as organisations from '../repos/organisations';
import { recordAudit } from '../repos/audit';
import { authConfig } from '../auth/config';
import { hashPassword, newToken, tokenHash } from '../auth/crypto';
import { admitAttempt } from './attempts';
import { throttledResult, type RequestOrigin } from './auth';
import { normaliseEmail } from '$lib/domain/users';
import type { Actor } from './actor';

/** Writes a new setup link's token when there are no users yet; returns the token to print, or null. */
export async function issueSetupTokenIfNoUsers(now = new Date()): Promise<string | null> {
	if ((await users.countUsers(db())) > 0) return null;
	const token = newToken();
	const expires = new Date(now.getTime() + authConfig().setupLinkHours * 3_600_000).toISOString();
	await transaction((tx) => setupTokens.insertSetupToken(tx, tokenHash(token), expires));
	return token;
}

export type SetupLinkCheck =
	| { ok: true }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; message: string };

/**
 * Whether a setup link's token is valid now, counted per address like a password: a few wrong
 * tokens from one address and that address is refused for the window (the token is 256 random
 * bits, so this is defence in depth and a record of who tried). Each wrong token is audited.
 */
export async function checkSetupLink(
	token: string,
	from: RequestOrigin,
	now = new Date()
): Promise<SetupLinkCheck> {
	const actor: Actor = {
		organisationId: 0,
		userId: null,
		displayName: '(setup link)',
		requestId: from.requestId,
		ip: from.ip
	};
	const admission = await admitAttempt(
		'setup',
		from.ip,
		from.ip,
		{
			slowAddress: false,
			onRefused: (tx) =>
				sessions.recordAuditLater(
					tx,
					actor,
					{ entity: 'setup', action: 'setup-link-throttled' },
					null
				)
		},
		now
	);
	if (!admission.ok)
		return {
			ok: false,
			reason: 'throttled',
			message: throttledResult(admission.refusal, 'use a setup link').message
		};
	if (await setupTokens.isSetupTokenValid(db(), tokenHash(token), now.toISOString())) {
		await sessionTransaction((tx) => sessions.takeBackFailure(tx, admission.failureId));
		return { ok: true };
	}
	await sessionTransaction((tx) =>
		sessions.recordAuditLater(tx, actor, { entity: 'setup', action: 'setup-link-refused' }, null)
	);
	return { ok: false, reason: 'invalid' };
}

/** Whether a setup token is valid now, without counting an attempt (the server's own checks, tests). */
export async function isSetupTokenValid(token: string, now = new Date()): Promise<boolean> {
	return setupTokens.isSetupTokenValid(db(), tokenHash(token), now.toISOString());
}

export type SetupResult =
	| { ok: true; user: users.PublicUser }
	| { ok: false; reason: 'invalid-token' | 'no-organisation' | 'email-taken' };

/** Whether the deployment still needs its first organisation (a clean start with SEED_DEMO=false). */
export async function needsFirstOrganisation(): Promise<boolean> {
	return (await organisations.listOrganisations(db())).length === 0;
}

/**
 * Creates the first platform administrator with a one-time setup token, in the first organisation,
 * creating that organisation from `organisationName` when the deployment has none yet.
 */
export async function completeSetup(
	token: string,
	input: { email: string; displayName: string; password: string; organisationName?: string },
	from: RequestOrigin,
	now = new Date()
): Promise<SetupResult> {
	const passwordHash = await hashPassword(input.password);
	return transaction(async (tx): Promise<SetupResult> => {
		// Every refusal comes before the token is used: a refusal is returned, not thrown, so it commits.
		if (
			(await users.countUsers(tx)) > 0 ||
			!(await setupTokens.isSetupTokenValid(tx, tokenHash(token), now.toISOString()))
		)
			return { ok: false, reason: 'invalid-token' };
		let [home] = await organisations.listOrganisations(tx);
		const name = input.organisationName?.trim();
		if (!home && !name) return { ok: false, reason: 'no-organisation' };
		const email = normaliseEmail(input.email);
		if (!(await setupTokens.useSetupToken(tx, tokenHash(token), now.toISOString())))
			return { ok: false, reason: 'invalid-token' };
		if (!home) {
			const slug =
				name!
					.toLowerCase()
					.replace(/[^a-z0-9]+/g, '-')
					.replace(/^-+|-+$/g, '')
					.slice(0, 50) || 'organisation';
			home = await organisations.createOrganisation(tx, { name: name!, slug });
		}
		const user = await users.insertUser(tx, {
			organisationId: home.id,
			email,
			displayName: input.displayName,
			role: 'platform_admin',
			passwordHash
		});
		const actor: Actor = {
			organisationId: home.id,
			userId: user.id,
			displayName: email,
			requestId: from.requestId,
			ip: from.ip
		};
		await recordAudit(tx, actor, {
			entity: 'user',
			entityId: user.id,
			action: 'create',
			after: { email, role: 'platform_admin' },
			detail: 'first platform administrator, by setup link'
		});
		return { ok: true, user: users.withoutHash(user) };
	});
}
