/**
 * API tokens for the OData feed: made by an organisation administrator and shown once (only the
 * SHA-256 is kept), checked on every feed request, counted, the first use of each day audited,
 * revoked at once. A token reads only its own organisation's rows and only the sets it names.
 */
import { db, transaction } from '../db/database';
import * as tokens from '../repos/api-tokens';
import { recordAudit } from '../repos/audit';
import { newToken, tokenHash } from '../auth/crypto';
import { MAX_TOKEN_DAYS, isEntitySetName, type EntitySetName } from '$lib/domain/odata';
import { todayInUk, nowIso } from '$lib/domain/dates';
import type { Actor } from './actor';
import type { NotFound } from './result';

/** Tokens start with this, so a leaked one is recognisable (secret scanners) and the format is checked before any lookup. */
export const TOKEN_PREFIX = 'ipp_';
const TOKEN_FORMAT = /^ipp_[A-Za-z0-9_-]{43}$/;

export interface CreatedToken {
	ok: true;
	/** The token itself: shown once, never stored. */
	token: string;
	summary: tokens.ApiTokenSummary;
}

export async function createToken(
	actor: Actor,
	input: { name: string; scopes: readonly EntitySetName[]; days: number },
	now = new Date()
): Promise<CreatedToken> {
	const days = Math.min(Math.max(1, Math.floor(input.days)), MAX_TOKEN_DAYS);
	const token = `${TOKEN_PREFIX}${newToken()}`;
	const expiresAt = new Date(now.getTime() + days * 86_400_000).toISOString();
	return transaction(async (tx) => {
		const summary = await tokens.insertToken(tx, {
			organisationId: actor.organisationId,
			name: input.name,
			tokenHash: tokenHash(token),
			hint: token.slice(0, TOKEN_PREFIX.length + 4),
			scopes: JSON.stringify(input.scopes),
			createdByUserId: actor.userId,
			createdBy: actor.displayName,
			expiresAt
		});
		await recordAudit(tx, actor, {
			entity: 'api_token',
			entityId: summary.id,
			action: 'create',
			after: { name: input.name, scopes: input.scopes, expiresAt }
		});
		return { ok: true, token, summary };
	});
}

export async function revokeToken(actor: Actor, id: number): Promise<{ ok: true } | NotFound> {
	return transaction(async (tx) => {
		const done = await tokens.revokeToken(
			tx,
			actor.organisationId,
			id,
			actor.displayName,
			nowIso()
		);
		if (!done) return { ok: false, reason: 'not-found' } as const;
		await recordAudit(tx, actor, { entity: 'api_token', entityId: id, action: 'revoke' });
		return { ok: true } as const;
	});
}

export function scopesOf(token: Pick<tokens.ApiTokenSummary, 'scopes'>): EntitySetName[] {
	const parsed: unknown = JSON.parse(token.scopes);
	return Array.isArray(parsed) ? parsed.filter((s): s is EntitySetName => isEntitySetName(s)) : [];
}

export type TokenCheck =
	| { ok: true; token: tokens.ApiTokenSummary & { organisationSlug: string } }
	| { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

/** The live token `raw` is, or why it is refused. */
export async function checkToken(raw: string, now = new Date()): Promise<TokenCheck> {
	if (!TOKEN_FORMAT.test(raw)) return { ok: false, reason: 'unknown' };
	const token = await tokens.findByHash(db(), tokenHash(raw));
	if (!token) return { ok: false, reason: 'unknown' };
	if (token.revokedAt) return { ok: false, reason: 'revoked' };
	if (token.expiresAt <= now.toISOString()) return { ok: false, reason: 'expired' };
	return { ok: true, token };
}

/** Counts a use of the token; the first use of a UK day writes an audit row. */
export async function recordUse(
	token: tokens.ApiTokenSummary,
	request: { requestId?: string; ip?: string; what: string },
	now = new Date()
): Promise<void> {
	const actor: Actor = {
		organisationId: token.organisationId,
		userId: null,
		displayName: `API token: ${token.name}`,
		requestId: request.requestId,
		ip: request.ip
	};
	await transaction(async (tx) => {
		const first = await tokens.noteUse(
			tx,
			token.organisationId,
			token.id,
			now.toISOString(),
			todayInUk(now)
		);
		if (first)
			await recordAudit(tx, actor, {
				entity: 'api_token',
				entityId: token.id,
				action: 'first-use-today',
				detail: request.what
			});
	});
}
