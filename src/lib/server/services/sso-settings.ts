/**
 * An organisation administrator's side of organisation sign-in: saving the settings, linking an
 * existing password account to its identity (once), and the provider's sign-out address. Audited.
 */
import { db, transaction } from '../db/database';
import * as users from '../repos/users';
import * as ssoSettings from '../repos/sso-settings';
import * as identities from '../repos/sso-identities';
import { recordAudit } from '../repos/audit';
import { configurationFor, describeOidcError, endSessionUrl } from '../auth/oidc';
import { logError } from '../web/log';
import { formatRoleMap, type SsoSettingsInput } from '$lib/domain/sso';
import type { Actor } from './actor';

/** Saves the settings of the actor's organisation; the change is audited with what it was before. */
export async function saveSettings(actor: Actor, input: SsoSettingsInput) {
	return transaction(async (tx) => {
		const before = await ssoSettings.getSsoSettings(tx, actor.organisationId);
		const saved = await ssoSettings.saveSsoSettings(tx, actor.organisationId, input);
		const shown = (s: typeof before) =>
			s && {
				enabled: s.enabled,
				issuer: s.issuer,
				clientId: s.clientId,
				secretRef: s.secretRef,
				tenantId: s.tenantId,
				roleMap: formatRoleMap(s.roleMap),
				allowGuests: s.allowGuests,
				createUsers: s.createUsers,
				ssoOnly: s.ssoOnly
			};
		await recordAudit(tx, actor, {
			entity: 'sso',
			entityId: actor.organisationId,
			action: 'sso-settings-change',
			before: shown(before),
			after: shown(saved)
		});
		return saved;
	});
}

export type LinkResult =
	| { ok: true }
	| {
			ok: false;
			reason: 'not-configured' | 'not-found' | 'forbidden' | 'already-linked' | 'identity-taken';
	  };

/**
 * Links an existing account of the actor's organisation to the identity `subject` (Entra: the user's
 * object ID) at the organisation's issuer. Done once: an account keeps the identity it was linked to,
 * and an identity opens one account.
 */
export async function linkAccount(
	actor: Actor,
	userId: number,
	subject: string
): Promise<LinkResult> {
	return transaction(async (tx): Promise<LinkResult> => {
		const settings = await ssoSettings.getSsoSettings(tx, actor.organisationId);
		if (!settings) return { ok: false, reason: 'not-configured' };
		const user = await users.getUser(tx, actor.organisationId, userId);
		if (!user) return { ok: false, reason: 'not-found' };
		if (user.role === 'platform_admin') return { ok: false, reason: 'forbidden' };
		if (await identities.identityOfUser(tx, actor.organisationId, userId))
			return { ok: false, reason: 'already-linked' };
		if (await identities.isIdentityTaken(tx, settings.issuer, subject))
			return { ok: false, reason: 'identity-taken' };
		await identities.insertIdentity(tx, {
			organisationId: actor.organisationId,
			userId,
			issuer: settings.issuer,
			subject
		});
		await recordAudit(tx, actor, {
			entity: 'user',
			entityId: userId,
			action: 'sso-link',
			after: { issuer: settings.issuer, subject },
			detail: `${user.email} linked to an organisation account`
		});
		return { ok: true };
	});
}

/** The organisation's provider sign-out address, returning to `postLogoutRedirectUri`; null when there is none. */
export async function providerSignOutUrl(
	slug: string,
	postLogoutRedirectUri: string
): Promise<string | null> {
	const found = await ssoSettings.getEnabledSsoBySlug(db(), slug);
	if (!found) return null;
	try {
		return (
			endSessionUrl(await configurationFor(found.settings), postLogoutRedirectUri)?.href ?? null
		);
	} catch (error) {
		logError('organisation sign-out unavailable', {
			organisationId: found.organisation.id,
			error: describeOidcError(error)
		});
		return null;
	}
}
