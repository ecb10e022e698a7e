/**
 * An organisation's OpenID Connect settings as an administrator types them, checked before they are
 * stored. The secret itself is never typed here: only where the server reads it (`secretRef`).
 */
import { ROLES, type Role } from '../permissions';
import type { FieldErrors } from '../forms/form-text';

/** An organisation's short name, as organisations are created with it. */
export const SSO_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;

/** Roles sign-in may give. Platform administrators sign in with a password (the break-glass account), never by SSO. */
export const SSO_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'platform_admin');

/** An IdP app role's value ('Portfolio.Editor'): Entra allows letters, digits and these marks, no spaces. */
const IDP_ROLE = /^[A-Za-z0-9._:-]{1,120}$/;
const MAX_ROLE_LINES = 50;

/** IdP app role -> app role, in priority order. */
export type RoleMap = [idpRole: string, role: Role][];

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Reads 'IdP role = app role' lines (blank lines ignored). Every line must name a known role that SSO
 * may give; an IdP role listed twice is refused, as its meaning would depend on the order.
 */
export function parseRoleMap(text: string): Parsed<RoleMap> {
	const lines = text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter(Boolean);
	if (lines.length > MAX_ROLE_LINES)
		return { ok: false, error: `Role map must have ${MAX_ROLE_LINES} lines or fewer` };
	const map: RoleMap = [];
	for (const [i, line] of lines.entries()) {
		const [idp, role, ...rest] = line.split('=').map((p) => p.trim());
		if (rest.length || !idp || !role || !IDP_ROLE.test(idp))
			return {
				ok: false,
				error: `Line ${i + 1} of the role map must be an app role from Entra ID, '=', then one of: ${SSO_ROLES.join(', ')}`
			};
		if (!(SSO_ROLES as readonly string[]).includes(role))
			return {
				ok: false,
				error: `Line ${i + 1} of the role map gives an unknown role: use one of ${SSO_ROLES.join(', ')}`
			};
		if (map.some(([seen]) => seen === idp))
			return { ok: false, error: `Line ${i + 1} of the role map repeats ${idp}` };
		map.push([idp, role as Role]);
	}
	return { ok: true, value: map };
}

export function formatRoleMap(map: RoleMap): string {
	return map.map(([idp, role]) => `${idp} = ${role}`).join('\n');
}

/** The role the first matching line gives, or null: an unmapped role gives no access at all. */
export function roleFor(idpRoles: readonly string[], map: RoleMap): Role | null {
	return map.find(([idp]) => idpRoles.includes(idp))?.[1] ?? null;
}

/**
 * Where the server reads the client secret or private key: an environment variable whose name starts
 * OIDC_SECRET_, or a plain file name inside the operator's OIDC_SECRETS_DIR. Any other variable or
 * path is refused: an administrator must not be able to point the app at the database's token or at
 * /etc/passwd and have it sent to a token endpoint they choose.
 */
export const SECRET_REF =
	/^(?:env:OIDC_SECRET_[A-Z0-9_]{1,60}|file:[A-Za-z0-9_-][A-Za-z0-9._-]{0,99})$/;

export interface SsoSettingsInput {
	enabled: boolean;
	issuer: string;
	clientId: string;
	secretRef: string;
	tenantId: string;
	roleMap: RoleMap;
	allowGuests: boolean;
	createUsers: boolean;
	ssoOnly: boolean;
}

/** The form's fields as typed, for showing them again. */
export interface SsoSettingsValues {
	issuer: string;
	clientId: string;
	secretRef: string;
	tenantId: string;
	roleMap: string;
	enabled: boolean;
	allowGuests: boolean;
	createUsers: boolean;
	ssoOnly: boolean;
}

export function readSsoSettingsForm(form: FormData): SsoSettingsValues {
	const text = (name: string, max: number) =>
		String(form.get(name) ?? '')
			.trim()
			.slice(0, max);
	const on = (name: string) => form.get(name) === 'on';
	return {
		issuer: text('issuer', 501),
		clientId: text('clientId', 201),
		secretRef: text('secretRef', 201),
		tenantId: text('tenantId', 101),
		roleMap: text('roleMap', 10_001),
		enabled: on('enabled'),
		allowGuests: on('allowGuests'),
		createUsers: on('createUsers'),
		ssoOnly: on('ssoOnly')
	};
}

/** Checks the typed settings; the errors are by field for the GOV.UK error summary. */
export function checkSsoSettings(
	v: SsoSettingsValues
): { ok: true; input: SsoSettingsInput } | { ok: false; errors: FieldErrors } {
	const errors: FieldErrors = {};
	let issuer: URL | null = null;
	try {
		issuer = new URL(v.issuer);
	} catch {
		// reported below
	}
	if (
		!issuer ||
		v.issuer.length > 500 ||
		// Printable ASCII only: URL parsing silently drops tabs and line breaks, which would then be stored.
		!/^[\x21-\x7e]+$/.test(v.issuer) ||
		!['https:', 'http:'].includes(issuer.protocol) ||
		issuer.username ||
		issuer.password ||
		issuer.search ||
		issuer.hash
	)
		errors.issuer =
			'Enter the issuer as a web address, like https://login.microsoftonline.com/<tenant id>/v2.0';
	if (!/^[A-Za-z0-9._:/-]{1,200}$/.test(v.clientId))
		errors.clientId =
			'Enter the application (client) ID, like 11111111-2222-3333-4444-555555555555';
	if (!SECRET_REF.test(v.secretRef))
		errors.secretRef =
			'Enter where the secret is kept: env:OIDC_SECRET_ and a name in capitals, or file: and a file name in the secrets folder';
	if (v.tenantId && !/^[A-Za-z0-9-]{1,100}$/.test(v.tenantId))
		errors.tenantId = 'Tenant ID must be letters, numbers and hyphens, like a GUID';
	const map = parseRoleMap(v.roleMap);
	if (!map.ok) errors.roleMap = map.error;
	else if (v.enabled && map.value.length === 0)
		errors.roleMap = 'Map at least one app role before turning sign-in on';
	if (v.ssoOnly && !v.enabled)
		errors.ssoOnly = 'Turn organisation sign-in on before switching password sign-in off';
	if (Object.keys(errors).length || !map.ok) return { ok: false, errors };
	return {
		ok: true,
		input: {
			enabled: v.enabled,
			issuer: v.issuer,
			clientId: v.clientId,
			secretRef: v.secretRef,
			tenantId: v.tenantId,
			roleMap: map.value,
			allowGuests: v.allowGuests,
			createUsers: v.createUsers,
			ssoOnly: v.ssoOnly
		}
	};
}
