/**
 * What sign-in reads from a validated id token. Users are identified by issuer + subject; for Entra ID
 * the subject is the object id (`oid`), the same in every app of the tenant, where `sub` is per app.
 * Never an email or `preferred_username`: both can be renamed, reused, or set by a guest's home tenant.
 */
import { roleFor, type RoleMap } from './settings';
import type { Role } from '../permissions';

/** The claims this module reads; the rest of the token is ignored. */
export interface IdTokenClaims {
	iss: string;
	sub: string;
	oid?: unknown;
	tid?: unknown;
	roles?: unknown;
	acct?: unknown;
	idp?: unknown;
	email?: unknown;
	preferred_username?: unknown;
	name?: unknown;
}

export type SsoRefusal =
	| 'no-role'
	| 'no-account'
	| 'guest'
	| 'wrong-tenant'
	| 'disabled'
	| 'platform-admin'
	| 'email-in-use'
	| 'not-configured'
	| 'expired'
	| 'unavailable'
	| 'failed';

export interface Claimed {
	issuer: string;
	subject: string;
	role: Role | null;
	/** The IdP's app roles, as sent (for the audit trail). */
	idpRoles: string[];
	guest: boolean;
	tenantId: string;
	email: string;
	displayName: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * A guest (B2B) account: Entra sends `acct` 1 for a guest, and an `idp` naming the home tenant
 * or consumer provider when the user was not authenticated by the issuer itself.
 */
export function isGuest(claims: IdTokenClaims): boolean {
	return (
		claims.acct === 1 || claims.acct === '1' || (!!str(claims.idp) && claims.idp !== claims.iss)
	);
}

export function readClaims(claims: IdTokenClaims, map: RoleMap): Claimed {
	const idpRoles = Array.isArray(claims.roles)
		? claims.roles.filter((r): r is string => typeof r === 'string').slice(0, 100)
		: [];
	const email = (str(claims.email) || str(claims.preferred_username)).trim().toLowerCase();
	return {
		issuer: claims.iss,
		subject: str(claims.oid) || claims.sub,
		role: roleFor(idpRoles, map),
		idpRoles,
		guest: isGuest(claims),
		tenantId: str(claims.tid),
		email: email.slice(0, 254),
		displayName: (str(claims.name) || email).slice(0, 200)
	};
}

/** What each refusal tells the person (never why in more detail than they can act on). */
export const SSO_REFUSAL_MESSAGE: Record<SsoRefusal, string> = {
	'no-role':
		'Your account has no role in the ICT Portfolio Planner. Ask your organisation’s administrator to assign you an app role for it.',
	'no-account':
		'Your account is not set up in the ICT Portfolio Planner. Ask your organisation’s administrator to give you access.',
	guest:
		'Guest accounts from other organisations cannot sign in here. Sign in with an account of this organisation.',
	'wrong-tenant':
		'Your account belongs to a different organisation from the one you chose. Sign in with an account of this organisation.',
	disabled: 'Your account has been disabled. Ask your organisation’s administrator.',
	'platform-admin':
		'Platform administrators sign in with their email address and password, not with an organisation’s account.',
	'email-in-use':
		'An account with your email address already exists here. Ask your organisation’s administrator to link it to your organisation account.',
	'not-configured':
		'Sign-in with an organisation account is not available for that organisation. Check its short name, or sign in with your email address and password.',
	expired: 'Your sign-in took too long or was already used. Start again.',
	unavailable:
		'Your organisation’s sign-in service cannot be reached. Try again later, or sign in with your email address and password if you have one.',
	failed:
		'Your organisation’s sign-in service did not confirm who you are. Start again, and if it happens again tell your administrator.'
};

/** The refusals that mean 'you are who you say, but have no access': shown as the request-access page. */
export const REQUEST_ACCESS: ReadonlySet<SsoRefusal> = new Set([
	'no-role',
	'no-account',
	'email-in-use'
]);
