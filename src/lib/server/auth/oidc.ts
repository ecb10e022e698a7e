/**
 * The OpenID Connect relying party, on `openid-client` v6 (OpenID-certified; plain ESM on WebCrypto and
 * fetch, so it runs on Node 20). Authorisation code flow with PKCE (S256), state and nonce; the id token's
 * signature is checked against the provider's published keys as well as its issuer, audience, expiry and
 * nonce (`enableNonRepudiationChecks`: by default the library trusts a token fetched over TLS unsigned,
 * which would accept a token signed by a key the provider never published).
 */
import * as client from 'openid-client';
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IdTokenClaims } from '$lib/domain/sso';

/** What the relying party needs of an organisation's settings. */
export interface OidcClientSettings {
	issuer: string;
	clientId: string;
	secretRef: string;
	version: number;
}

/** The settings cannot be used as they stand (secret missing, issuer not allowed): the operator's to fix. */
export class OidcSetupError extends Error {}

/**
 * The secret (or PEM private key) that `secretRef` names, or null when it is not there. Read on each
 * use, so a rotated secret takes effect without a restart; never logged, never shown.
 */
export function readSecret(secretRef: string): string | null {
	const [kind, name] = [
		secretRef.slice(0, secretRef.indexOf(':')),
		secretRef.slice(secretRef.indexOf(':') + 1)
	];
	if (kind === 'env' && /^OIDC_SECRET_[A-Z0-9_]+$/.test(name))
		return process.env[name]?.trim() || null;
	const dir = process.env.OIDC_SECRETS_DIR;
	if (kind !== 'file' || !dir || !/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name)) return null;
	try {
		return readFileSync(join(dir, name), 'utf8').trim() || null;
	} catch {
		return null;
	}
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Whether the server may fetch this issuer's discovery document: its host must be one the operator
 * allows (OIDC_ALLOWED_ISSUER_HOSTS, default login.microsoftonline.com), so an organisation's
 * administrator cannot make the server call an address of their choosing. Plain http only for a
 * test provider on this machine, and only with OIDC_ALLOW_HTTP_ISSUER=true.
 */
export function issuerAllowed(issuer: string): boolean {
	let url: URL;
	try {
		url = new URL(issuer);
	} catch {
		return false;
	}
	const hosts = (process.env.OIDC_ALLOWED_ISSUER_HOSTS ?? 'login.microsoftonline.com')
		.split(',')
		.map((h) => h.trim().toLowerCase())
		.filter(Boolean);
	if (!hosts.includes(url.host) && !hosts.includes(url.hostname)) return false;
	if (url.protocol === 'https:') return true;
	return (
		url.protocol === 'http:' &&
		process.env.OIDC_ALLOW_HTTP_ISSUER === 'true' &&
		LOOPBACK.has(url.hostname)
	);
}

/**
 * A PEM private key (with its certificate after it, for Entra's certificate credentials) signs a
 * client assertion (private_key_jwt); anything else is a client secret.
 */
async function clientAuthentication(secret: string): Promise<client.ClientAuth> {
	if (!secret.includes('PRIVATE KEY-----')) return client.ClientSecretPost(secret);
	const key = createPrivateKey(secret);
	const certificate = secret.match(
		/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/
	)?.[0];
	const der = certificate ? new X509Certificate(certificate).raw : null;
	const cryptoKey = await crypto.subtle.importKey(
		'pkcs8',
		key.export({ type: 'pkcs8', format: 'der' }),
		{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
		false,
		['sign']
	);
	return client.PrivateKeyJwt(cryptoKey, {
		[client.modifyAssertion]: (header) => {
			// Entra finds the certificate by its thumbprint.
			if (der) {
				header.x5t = createHash('sha1').update(der).digest('base64url');
				header['x5t#S256'] = createHash('sha256').update(der).digest('base64url');
			}
		}
	});
}

const CACHE_MS = 10 * 60_000;
/** Discovery answers per organisation's settings version, for ten minutes: not per user. */
const configurations = new Map<string, { at: number; config: Promise<client.Configuration> }>();

/** The provider's metadata and this client, from discovery (cached briefly). Throws OidcSetupError when unusable. */
export async function configurationFor(
	settings: OidcClientSettings
): Promise<client.Configuration> {
	if (!issuerAllowed(settings.issuer))
		throw new OidcSetupError('issuer host not allowed (OIDC_ALLOWED_ISSUER_HOSTS)');
	const secret = readSecret(settings.secretRef);
	if (!secret) throw new OidcSetupError(`no secret at ${settings.secretRef}`);
	const key = `${settings.issuer}\n${settings.clientId}\n${settings.version}\n${createHash('sha256').update(secret).digest('hex')}`;
	const cached = configurations.get(key);
	if (cached && Date.now() - cached.at < CACHE_MS) return cached.config;
	const insecure = new URL(settings.issuer).protocol === 'http:';
	const config = clientAuthentication(secret).then((auth) =>
		client.discovery(new URL(settings.issuer), settings.clientId, undefined, auth, {
			timeout: 10,
			execute: [
				client.enableNonRepudiationChecks,
				...(insecure ? [client.allowInsecureRequests] : [])
			]
		})
	);
	configurations.set(key, { at: Date.now(), config });
	// A failed discovery is not kept: the next sign-in tries again.
	config.catch(() => configurations.delete(key));
	return config;
}

export interface LoginChecks {
	state: string;
	nonce: string;
	codeVerifier: string;
}

export function newLoginChecks(): LoginChecks {
	return {
		state: client.randomState(),
		nonce: client.randomNonce(),
		codeVerifier: client.randomPKCECodeVerifier()
	};
}

/** Where to send the browser to sign in at the provider. */
export async function authorisationUrl(
	config: client.Configuration,
	redirectUri: string,
	checks: LoginChecks
): Promise<URL> {
	return client.buildAuthorizationUrl(config, {
		redirect_uri: redirectUri,
		scope: 'openid profile email',
		response_type: 'code',
		code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
		code_challenge_method: 'S256',
		state: checks.state,
		nonce: checks.nonce
	});
}

/**
 * Exchanges the code in the provider's answer (`callbackUrl`) for tokens and returns the validated
 * id token's claims. Throws on any failed check: wrong state, an error answer, a refused code
 * (expired, used, another client's), a token for another audience, a wrong nonce, a bad signature.
 */
export async function exchangeCode(
	config: client.Configuration,
	callbackUrl: URL,
	checks: LoginChecks
): Promise<IdTokenClaims> {
	const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
		pkceCodeVerifier: checks.codeVerifier,
		expectedState: checks.state,
		expectedNonce: checks.nonce,
		idTokenExpected: true
	});
	const claims = tokens.claims();
	if (!claims) throw new Error('no id token');
	return claims as unknown as IdTokenClaims;
}

/** The provider's sign-out address (RP-initiated logout), or null when it publishes none. */
export function endSessionUrl(
	config: client.Configuration,
	postLogoutRedirectUri: string
): URL | null {
	if (!config.serverMetadata().end_session_endpoint) return null;
	return client.buildEndSessionUrl(config, {
		client_id: config.clientMetadata().client_id,
		post_logout_redirect_uri: postLogoutRedirectUri
	});
}

/**
 * An error from the library as the log and the audit trail may hold it: the class, code and message
 * of the error and of the error it wraps (which says which check failed), never anything else. A
 * cause that is not an Error is the provider's response or the token's claims: never written down.
 */
export function describeOidcError(error: unknown): string {
	const words = (e: Error) => {
		const code = 'code' in e && typeof e.code === 'string' ? ` [${e.code}]` : '';
		const oauthError = 'error' in e && typeof e.error === 'string' ? ` (${e.error})` : '';
		return `${e.name}${code}${oauthError}: ${e.message}`;
	};
	if (!(error instanceof Error)) return 'unknown error';
	const inner = error.cause instanceof Error ? `; ${words(error.cause)}` : '';
	return `${words(error)}${inner}`.slice(0, 400);
}
