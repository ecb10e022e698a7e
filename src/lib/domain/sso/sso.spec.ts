import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	SECRET_REF,
	SSO_ROLES,
	checkSsoSettings,
	formatRoleMap,
	isGuest,
	parseRoleMap,
	readClaims,
	roleFor,
	type RoleMap,
	type SsoSettingsValues
} from './index';

const MAP: RoleMap = [
	['Portfolio.Admin', 'org_admin'],
	['Portfolio.Editor', 'editor'],
	['Portfolio.Reader', 'viewer']
];

describe('role map', () => {
	it.each([
		['Portfolio.Editor = editor', [['Portfolio.Editor', 'editor']]],
		[
			'\n  A=viewer \n\nB = approver\n',
			[
				['A', 'viewer'],
				['B', 'approver']
			]
		],
		['', []]
	])('reads %j', (text, expected) => {
		expect(parseRoleMap(text)).toEqual({ ok: true, value: expected });
	});

	it.each([
		['Portfolio.Editor', /Line 1/],
		['Portfolio.Editor = platform_admin', /unknown role/],
		['Portfolio.Editor = superuser', /unknown role/],
		['A = editor\nA = viewer', /repeats A/],
		['Has space = editor', /Line 1/],
		['A = editor = viewer', /Line 1/],
		[Array.from({ length: 51 }, (_, i) => `R${i} = viewer`).join('\n'), /50 lines/]
	])('refuses %j', (text, message) => {
		const parsed = parseRoleMap(text);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.error).toMatch(message);
	});

	it('never gives platform administrator', () => {
		expect(SSO_ROLES).not.toContain('platform_admin');
	});

	it('gives the role of the first line that matches, and nothing for unmapped roles', () => {
		expect(roleFor(['Portfolio.Reader', 'Portfolio.Admin'], MAP)).toBe('org_admin');
		expect(roleFor(['Portfolio.Reader'], MAP)).toBe('viewer');
		expect(roleFor(['portfolio.editor'], MAP)).toBeNull(); // app role values are case-sensitive
		expect(roleFor([], MAP)).toBeNull();
	});

	it('formats and reads back any valid map unchanged, and matches by the first line', () => {
		const idpRole = fc.stringMatching(/^[A-Za-z0-9._:-]{1,20}$/);
		const map = fc.uniqueArray(fc.tuple(idpRole, fc.constantFrom(...SSO_ROLES)), {
			selector: ([idp]) => idp,
			maxLength: 10
		});
		fc.assert(
			fc.property(map, fc.array(idpRole, { maxLength: 5 }), (m, held) => {
				expect(parseRoleMap(formatRoleMap(m))).toEqual({ ok: true, value: m });
				const first = m.find(([idp]) => held.includes(idp));
				expect(roleFor(held, m)).toBe(first ? first[1] : null);
			})
		);
	});
});

describe('claims', () => {
	const base = { iss: 'https://login.microsoftonline.com/t1/v2.0', sub: 'pairwise-sub' };

	it('identifies by object id when there is one, else by subject; never by email', () => {
		expect(readClaims({ ...base, oid: 'oid-1', email: 'a@b' }, MAP).subject).toBe('oid-1');
		expect(readClaims({ ...base, email: 'a@b' }, MAP).subject).toBe('pairwise-sub');
	});

	it('reads the roles, ignoring anything that is not a string', () => {
		const c = readClaims({ ...base, roles: ['Portfolio.Editor', 7, null] }, MAP);
		expect(c.idpRoles).toEqual(['Portfolio.Editor']);
		expect(c.role).toBe('editor');
		expect(readClaims({ ...base, roles: 'Portfolio.Editor' }, MAP).role).toBeNull();
	});

	it('knows a guest by acct 1 or by a home identity provider other than the issuer', () => {
		expect(isGuest({ ...base, acct: 1 })).toBe(true);
		expect(isGuest({ ...base, idp: 'https://sts.windows.net/home/' })).toBe(true);
		expect(isGuest({ ...base, idp: base.iss })).toBe(false);
		expect(isGuest({ ...base, acct: 0 })).toBe(false);
	});
});

describe('settings form', () => {
	const good: SsoSettingsValues = {
		issuer: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
		clientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
		secretRef: 'env:OIDC_SECRET_NORTHSHIRE',
		tenantId: '11111111-2222-3333-4444-555555555555',
		roleMap: 'Portfolio.Editor = editor',
		enabled: true,
		allowGuests: false,
		createUsers: false,
		ssoOnly: true
	};

	it('accepts good settings', () => {
		expect(checkSsoSettings(good).ok).toBe(true);
	});

	it.each([
		['issuer', { issuer: 'login.microsoftonline.com' }],
		['issuer', { issuer: 'https://user:pw@login.microsoftonline.com/t/v2.0' }],
		['issuer', { issuer: 'https://login.microsoftonline.com/t/v2.0?x=1' }],
		['issuer', { issuer: 'https://login.micro\tsoftonline.com/t/v2.0' }],
		['issuer', { issuer: 'file:///etc/passwd' }],
		['clientId', { clientId: '' }],
		['secretRef', { secretRef: 'env:DATABASE_AUTH_TOKEN' }],
		['secretRef', { secretRef: 'file:../../etc/shadow' }],
		['secretRef', { secretRef: 'file:/etc/shadow' }],
		['secretRef', { secretRef: 'the-secret-itself' }],
		['tenantId', { tenantId: 'not a tenant' }],
		['roleMap', { roleMap: '' }],
		['ssoOnly', { enabled: false, ssoOnly: true }]
	])('refuses a bad %s', (field, change) => {
		const checked = checkSsoSettings({ ...good, ...change });
		expect(checked.ok).toBe(false);
		if (!checked.ok) expect(Object.keys(checked.errors)).toContain(field);
	});

	it('takes secrets only from OIDC_SECRET_ variables or plain file names', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 40 }), (name) => {
				const ok = SECRET_REF.test(`file:${name}`);
				if (ok) expect(name).toMatch(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/);
				expect(SECRET_REF.test(`env:${name}`)).toBe(/^OIDC_SECRET_[A-Z0-9_]{1,60}$/.test(name));
			})
		);
	});
});
