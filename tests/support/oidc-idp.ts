/**
 * A real OpenID provider on 127.0.0.1 for the tests (`oidc-provider`, the certified server by the
 * author of openid-client): one provider per tenant, each under its own path (its issuer), each with
 * its own signing key, users with Entra-like claims (oid, tid, roles, acct) and registered clients.
 * Its login page is a plain form (username only): what a browser test fills in and fetch posts.
 * A tenant with `rogueKeys` publishes a JWKS that does not hold the key it signs with. A client
 * registered with `jwks` must authenticate with a signed assertion (private_key_jwt), as an Entra app
 * with a certificate credential does; the header of each assertion the token endpoint accepted is kept.
 */
import Provider, { type Configuration } from 'oidc-provider';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';

export interface IdpUser {
	username: string;
	oid: string;
	roles: string[];
	email: string;
	name: string;
	guest?: boolean;
}

/** A registered client: with a secret (client_secret_post), or with the public keys of its certificate (private_key_jwt). */
export type IdpClient =
	| { client_id: string; client_secret: string }
	| { client_id: string; jwks: { keys: JsonWebKey[] } };

export interface TenantConfig {
	/** The path segment, also the `tid` claim. */
	id: string;
	users: IdpUser[];
	clients: IdpClient[];
	rogueKeys?: boolean;
}

export interface Idp {
	origin: string;
	issuer(tenant: string): string;
	/** The JOSE headers of the client assertions the token endpoint accepted, oldest first. */
	acceptedAssertions: Record<string, unknown>[];
	/** Seconds an authorisation code lives (default 60). */
	setCodeTtl(seconds: number): void;
	/** Client settings every tenant registers: the app's redirect URI and its sign-out return. */
	stop(): Promise<void>;
}

const privateJwk = () =>
	generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const page = (body: string) =>
	`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test provider sign-in</title></head><body><main>${body}</main></body></html>`;

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
	return new Promise((resolve, reject) => {
		let data = '';
		req.on('data', (chunk) => (data += chunk));
		req.on('end', () => resolve(new URLSearchParams(data)));
		req.on('error', reject);
	});
}

export async function startIdp(
	tenants: TenantConfig[],
	client: { redirectUris: string[]; postLogoutRedirectUris: string[] }
): Promise<Idp> {
	let codeTtl = 60;
	const server: Server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	const providers = new Map<string, { provider: Provider; config: TenantConfig; rogue: object }>();
	const acceptedAssertions: Record<string, unknown>[] = [];

	for (const tenant of tenants) {
		const byUsername = new Map(tenant.users.map((u) => [u.username, u]));
		const configuration: Configuration = {
			clients: tenant.clients.map((c) => ({
				...c,
				redirect_uris: client.redirectUris,
				post_logout_redirect_uris: client.postLogoutRedirectUris,
				...('jwks' in c
					? {
							token_endpoint_auth_method: 'private_key_jwt',
							token_endpoint_auth_signing_alg: 'RS256'
						}
					: { token_endpoint_auth_method: 'client_secret_post' })
			})),
			jwks: { keys: [{ ...privateJwk(), kid: `${tenant.id}-key`, use: 'sig', alg: 'RS256' }] },
			cookies: { keys: ['test-cookie-key-not-secret'] },
			claims: {
				openid: ['sub', 'oid', 'tid', 'roles', 'acct', 'idp'],
				profile: ['name', 'preferred_username'],
				email: ['email']
			},
			// Entra puts the claims (roles included) in the id token itself.
			conformIdTokenClaims: false,
			features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
			pkce: { required: () => true },
			ttl: {
				AuthorizationCode: () => codeTtl,
				AccessToken: 600,
				IdToken: 600,
				Interaction: 600,
				Session: 3600,
				Grant: 3600
			},
			interactions: { url: (_ctx, interaction) => `/${tenant.id}/interaction/${interaction.uid}` },
			findAccount: (_ctx, sub) => {
				const user = [...byUsername.values()].find((u) => u.oid === sub);
				if (!user) return undefined;
				return {
					accountId: sub,
					claims: () => ({
						sub,
						oid: user.oid,
						tid: tenant.id,
						roles: user.roles,
						acct: user.guest ? 1 : 0,
						...(user.guest ? { idp: 'https://sts.windows.net/home-tenant/' } : {}),
						email: user.email,
						preferred_username: user.email,
						name: user.name
					})
				};
			},
			// First-party app: consent is implied, as an Entra administrator grants it tenant-wide.
			loadExistingGrant: async (ctx) => {
				const grantId =
					ctx.oidc.result?.consent?.grantId ||
					ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
				if (grantId) return ctx.oidc.provider.Grant.find(grantId);
				const grant = new ctx.oidc.provider.Grant({
					clientId: ctx.oidc.client!.clientId,
					accountId: ctx.oidc.session!.accountId!
				});
				grant.addOIDCScope('openid profile email');
				await grant.save();
				return grant;
			}
		};
		const provider = new Provider(`${origin}/${tenant.id}`, configuration);
		provider.on('grant.success', (ctx) => {
			const assertion = ctx.oidc.params?.client_assertion;
			if (typeof assertion === 'string')
				acceptedAssertions.push(
					JSON.parse(Buffer.from(assertion.split('.')[0]!, 'base64url').toString('utf8'))
				);
		});
		const rogue = { keys: [{ ...privateJwk(), kid: `${tenant.id}-key` }] };
		// The public half only, under the same kid: the signature cannot match it.
		const publicRogue = {
			keys: rogue.keys.map(({ kty, n, e, kid }) => ({ kty, n, e, kid, use: 'sig', alg: 'RS256' }))
		};
		providers.set(tenant.id, { provider, config: tenant, rogue: publicRogue });
	}

	server.on('request', async (req, res) => {
		const [, tenantId, ...rest] = (req.url ?? '/').split('/');
		const found = providers.get(tenantId ?? '');
		if (!found) {
			res.writeHead(404).end('unknown tenant');
			return;
		}
		const { provider, config, rogue } = found;
		const path = `/${rest.join('/')}`;
		try {
			if (config.rogueKeys && path.startsWith('/jwks')) {
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rogue));
				return;
			}
			const interaction = path.match(/^\/interaction\/([\w-]+)(\/login)?$/);
			if (interaction) {
				const details = await provider.interactionDetails(req, res);
				if (req.method === 'POST' && interaction[2]) {
					const username = (await readForm(req)).get('username') ?? '';
					const user = config.users.find((u) => u.username === username);
					if (!user) {
						res.writeHead(400, { 'content-type': 'text/html' }).end(page('<p>Unknown user</p>'));
						return;
					}
					await provider.interactionFinished(
						req,
						res,
						{ login: { accountId: user.oid } },
						{ mergeWithLastSubmission: false }
					);
					return;
				}
				res.writeHead(200, { 'content-type': 'text/html' }).end(
					page(`<h1>Sign in to ${config.id}</h1>
<form method="post" action="/${config.id}/interaction/${details.uid}/login">
<label for="username">Username</label> <input id="username" name="username" autocomplete="off">
<button type="submit">Sign in</button></form>`)
				);
				return;
			}
			// Mounted under the tenant's path: the provider reads its mount path from originalUrl.
			(req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
			req.url = path;
			provider.callback()(req, res);
		} catch (error) {
			res.writeHead(500).end(String(error));
		}
	});

	return {
		origin,
		issuer: (tenant) => `${origin}/${tenant}`,
		acceptedAssertions,
		setCodeTtl: (seconds) => {
			codeTtl = seconds;
		},
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

/**
 * Follows a sign-in from the provider's authorisation address to the redirect back to the app, as a
 * browser would, signing in as `username` on the provider's form. Returns the callback URL (with the
 * code and state) without calling the app.
 */
export async function signInAtIdp(
	authorisationUrl: string,
	username: string,
	redirectUri: string
): Promise<URL> {
	const jar = new Map<string, string>();
	const remember = (response: Response) => {
		for (const cookie of response.headers.getSetCookie()) {
			const [pair] = cookie.split(';');
			const [name, ...value] = pair!.split('=');
			jar.set(name!.trim(), value.join('='));
		}
	};
	const cookieHeader = () => [...jar].map(([n, v]) => `${n}=${v}`).join('; ');
	let url = authorisationUrl;
	for (let hop = 0; hop < 10; hop++) {
		if (url.startsWith(redirectUri)) return new URL(url);
		const interaction = new URL(url).pathname.match(/\/interaction\/[\w-]+$/);
		const response = interaction
			? await fetch(`${url}/login`, {
					method: 'POST',
					redirect: 'manual',
					headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams({ username })
				})
			: await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader() } });
		remember(response);
		const location = response.headers.get('location');
		if (!location)
			throw new Error(
				`the provider answered ${response.status} at ${url}: ${await response.text()}`
			);
		url = new URL(location, url).href;
	}
	throw new Error('too many redirects at the provider');
}
