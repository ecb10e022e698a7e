/**
 * A named contact's details leave the repositories only through services/contacts.ts: every other
 * read and write of a system returns them masked, and each reveal is allowed by role and audited.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem, systemInput } from './helpers';
import * as audit from '$lib/server/repos/audit';
import * as systems from '$lib/server/repos/systems';
import * as systemService from '$lib/server/services/systems';
import * as outageService from '$lib/server/services/outage';
import * as contacts from '$lib/server/services/contacts';
import { MASKED } from '$lib/domain/systems';

beforeAll(async () => {
	await startDatabase();
});

const CONTACT = {
	contactName: 'Ottoline Canarycontact',
	contactEmail: 'ottoline.canary@example.org',
	contactPhone: '+44 1632 960 977'
};
const leaks = (value: unknown) =>
	['Ottoline', 'ottoline.canary', '960 977'].filter((v) => JSON.stringify(value).includes(v));
const views = async (organisationId: number, systemId: number) =>
	(await audit.historyOf(db(), organisationId, 'system', systemId)).filter(
		(h) => h.action === 'contact-viewed'
	);

describe('named contacts: one masked path', () => {
	it('every read and write of a system returns the contact masked, blank staying blank', async () => {
		const { actor, org } = await makeOrganisation();
		const created = await createSystem(actor, { ...CONTACT, externalRef: 'CONTACT-1' });
		const blank = await createSystem(actor, { contactEmail: 'only@example.org' });
		const got = await systems.getSystem(db(), org.id, created.id);
		const found = await systems.findSystemByExternalRef(db(), org.id, 'CONTACT-1');
		const updated = await systemService.updateSystem(
			actor,
			created.id,
			created.version,
			systemInput({ ...CONTACT, name: created.name, supplier: 'Changed Ltd' })
		);
		const conflict = await systemService.updateSystem(
			actor,
			created.id,
			created.version,
			systemInput({ ...CONTACT, name: created.name })
		);
		const outage = await outageService.setSystemOutage(actor, created.id, 0, null);
		for (const value of [created, got, found, updated, conflict, outage])
			expect(leaks(value)).toEqual([]);
		expect(got).toMatchObject({ contactName: MASKED, contactEmail: MASKED, contactPhone: MASKED });
		expect(conflict).toMatchObject({
			ok: false,
			reason: 'conflict',
			current: { contactName: MASKED }
		});
		expect(await systems.getSystem(db(), org.id, blank.id)).toMatchObject({
			contactName: '',
			contactEmail: MASKED,
			contactPhone: ''
		});
		// The stored values are untouched by the masking.
		expect(await systems.getSystemContact(db(), org.id, created.id)).toEqual(CONTACT);
	});

	it('reveals to a role that may read contacts, with one audit row per reveal naming why', async () => {
		const { actor, org } = await makeOrganisation();
		const s = await createSystem(actor, CONTACT);
		expect(await contacts.revealContact(actor, 'editor', s.id, 'view')).toEqual(CONTACT);
		expect(await contacts.revealContact(actor, 'org_admin', s.id, 'conflict')).toEqual(CONTACT);
		const rows = await views(org.id, s.id);
		expect(rows.map((r) => r.detail)).toEqual([
			'was shown the current details after a conflicting edit',
			'asked to show contact details'
		]);
		expect(leaks(rows)).toEqual([]);
	});

	it('masks for every other role and records no read; answers nothing for another organisation', async () => {
		const { actor, org } = await makeOrganisation();
		const other = await makeOrganisation();
		const s = await createSystem(actor, CONTACT);
		for (const role of ['viewer', 'approver', 'committee'] as const) {
			expect(await contacts.revealContact(actor, role, s.id, 'view')).toEqual({
				contactName: MASKED,
				contactEmail: MASKED,
				contactPhone: MASKED
			});
		}
		expect(await contacts.revealContact(other.actor, 'editor', s.id, 'view')).toBeUndefined();
		expect(await views(org.id, s.id)).toEqual([]);
	});

	it('writes no audit row when there is no contact to show', async () => {
		const { actor, org } = await makeOrganisation();
		const s = await createSystem(actor);
		expect(await contacts.revealContact(actor, 'editor', s.id, 'edit')).toEqual({
			contactName: '',
			contactEmail: '',
			contactPhone: ''
		});
		expect(await views(org.id, s.id)).toEqual([]);
	});
});
