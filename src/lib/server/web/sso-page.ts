/**
 * The organisation sign-in (OpenID Connect) settings page once the route has authorised an
 * administrator: the settings as saved (whether the server can use them, never the secret), the
 * accounts linked to the provider's object ids, saving the settings and linking an account.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { redirectWithSuccess } from './flash';
import { db } from '../db/database';
import { issuerAllowed, readSecret } from '../auth/oidc';
import * as users from '../repos/users';
import * as ssoSettingsRepo from '../repos/sso-settings';
import * as identities from '../repos/sso-identities';
import * as ssoSettings from '../services/sso-settings';
import type { Actor } from '../services/actor';
import { checkSsoSettings, formatRoleMap, readSsoSettingsForm, SSO_ROLES } from '$lib/domain/sso';
import { fieldError } from '$lib/domain/forms';

/** The settings form's values, what the server can use, the addresses to give the provider, and the accounts. */
export async function ssoPageData(
	event: Pick<RequestEvent, 'url' | 'locals'>,
	organisationId: number
) {
	const [settings, linked, people] = await Promise.all([
		ssoSettingsRepo.getSsoSettings(db(), organisationId),
		identities.listIdentities(db(), organisationId),
		users.listUsers(db(), organisationId)
	]);
	const linkedIds = new Set(linked.map((l) => l.userId));
	return {
		values: settings && { ...settings, roleMap: formatRoleMap(settings.roleMap) },
		// Whether the server can use the settings, never the secret itself.
		secretFound: settings ? readSecret(settings.secretRef) !== null : null,
		issuerAllowed: settings ? issuerAllowed(settings.issuer) : null,
		redirectUri: `${event.url.origin}/auth/callback`,
		signOutUri: `${event.url.origin}/sign-in?signedOut=1`,
		signInLink: `${event.url.origin}/auth/sso?organisation=${event.locals.organisation!.slug}`,
		roles: SSO_ROLES,
		linked,
		unlinked: people
			.filter((u) => !linkedIds.has(u.id) && u.role !== 'platform_admin')
			.map((u) => ({ id: u.id, email: u.email }))
	};
}

const LINK_REFUSAL = {
	'not-configured': 'Save the organisation sign-in settings first',
	'not-found': 'Select an account from the list',
	forbidden: 'Platform administrators sign in with a password, not an organisation account',
	'already-linked': 'This account is already linked to an organisation account',
	'identity-taken': 'This object ID is already linked to another account'
} as const;

/** Saves the settings as typed, or the form again with the problems. */
export async function saveSsoSettings(event: RequestEvent, actor: Actor) {
	const values = readSsoSettingsForm(await event.request.formData());
	const checked = checkSsoSettings(values);
	if (!checked.ok) return fail(400, { values, errors: checked.errors });
	await ssoSettings.saveSettings(actor, checked.input);
	redirectWithSuccess(event, '/admin/sso', 'Organisation sign-in settings saved.');
}

/** Links an account to a provider object id, or the link form again saying why not. */
export async function linkSsoAccount(event: RequestEvent, actor: Actor) {
	const form = await event.request.formData();
	const userId = Number(form.get('userId'));
	const subject = String(form.get('subject') ?? '').trim();
	const link = {
		userId: String(form.get('userId') ?? '').slice(0, 20),
		subject: subject.slice(0, 200)
	};
	if (!/^[A-Za-z0-9._:-]{1,200}$/.test(subject))
		return fail(400, {
			link,
			errors: fieldError(
				'subject',
				'Enter the object ID, like 11111111-2222-3333-4444-555555555555'
			)
		});
	const result = Number.isSafeInteger(userId)
		? await ssoSettings.linkAccount(actor, userId, subject)
		: ({ ok: false, reason: 'not-found' } as const);
	if (!result.ok)
		return fail(400, {
			link,
			errors: fieldError(
				result.reason === 'identity-taken' ? 'subject' : 'userId',
				LINK_REFUSAL[result.reason]
			)
		});
	redirectWithSuccess(event, '/admin/sso', 'Account linked to the organisation account.');
}
