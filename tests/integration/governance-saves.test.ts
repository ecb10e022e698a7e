/**
 * The two governance saves (a system's recovery objectives, the partnership agreement) through the
 * one versioned-save pipeline against a real database: a refusal keeps what was typed, a stale save
 * is a 409 naming what changed and writes nothing, a tampered version is a conflict (never a 500),
 * and saving again from the conflict is a deliberate overwrite.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
	isActionFailure,
	isHttpError,
	isRedirect,
	type ActionFailure,
	type RequestEvent
} from '@sveltejs/kit';
import { db, startDatabase, makeOrganisation, createSystem, expectOk } from './helpers';
import * as recoveryService from '$lib/server/services/governance-recovery';
import * as partnershipService from '$lib/server/services/governance-partnerships';
import * as recovery from '$lib/server/repos/governance-recovery';
import * as partnerships from '$lib/server/repos/governance-partnerships';
import { saveAgreement, saveObjectives } from '$lib/server/web/governance-pages';
import type { Actor } from '$lib/server/services/actor';

beforeAll(async () => {
	await startDatabase();
});

/** A form post as the browser sends it, to the action's page. */
function post(fields: Record<string, string>): RequestEvent {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.set(k, v);
	const url = new URL('http://localhost/governance');
	return {
		url,
		locals: {},
		cookies: { set: () => {}, get: () => undefined, delete: () => {} },
		request: new Request(url, { method: 'POST', body }),
		getClientAddress: () => '192.0.2.1'
	} as unknown as RequestEvent;
}

/** What the action answered: the form's failure (status and data) or the redirect it threw. */
async function answer<T>(action: Promise<ActionFailure<T>>) {
	try {
		const r = await action;
		expect(isActionFailure(r), 'a failure or a redirect').toBe(true);
		return { status: r.status, data: r.data };
	} catch (thrown) {
		if (isRedirect(thrown)) return { status: thrown.status, location: thrown.location };
		throw thrown;
	}
}

const typed = {
	rto: '2h',
	rpo: '30m',
	mtpd: '1d',
	restorationOrder: '3',
	agreedBy: 'Head of Payroll',
	agreedOn: '01/05/2026'
};
const theirs = {
	rtoMinutes: 480,
	rpoMinutes: 60,
	mtpdMinutes: 1440,
	restorationOrder: 1,
	agreedBy: 'Director of Finance',
	agreedOn: '2026-04-01'
};

describe('recovery objectives through the versioned-save pipeline', () => {
	it('a save from a form opened before there were any, after someone else recorded them, is a 409 showing theirs; saving again overwrites on purpose', async () => {
		const o = await makeOrganisation();
		const s = await createSystem(o.actor);
		// Opened when there were none: version 0 and every field empty.
		const empty = { rto: '', rpo: '', mtpd: '', restorationOrder: '', agreedBy: '', agreedOn: '' };
		const opened = { version: '0', original: JSON.stringify(empty) };
		expectOk(await recoveryService.saveObjectives(o.actor, s.id, null, theirs));

		const stale = await answer(saveObjectives(post({ ...typed, ...opened }), o.actor, s.id));
		expect(stale.status).toBe(409);
		expect(stale.data).toMatchObject({ values: typed, errors: {}, version: 1, archived: false });
		const rows = stale.data!.conflict as { field: string; saved: string; yours: string }[];
		expect(rows.map((r) => r.field)).toEqual([
			'rto',
			'rpo',
			'mtpd',
			'restorationOrder',
			'agreedBy',
			'agreedOn'
		]);
		expect(rows[0]).toMatchObject({ saved: '8h', yours: '2h' });
		// Nothing of the stale save was written.
		expect(await recovery.getObjectives(db(), o.org.id, s.id)).toMatchObject({
			version: 1,
			rtoMinutes: 480
		});

		const again = await answer(
			saveObjectives(
				post({
					...typed,
					version: String(stale.data!.version),
					original: JSON.stringify(stale.data!.original)
				}),
				o.actor,
				s.id
			)
		);
		expect(again).toMatchObject({ status: 303, location: `/systems/${s.id}/recovery` });
		expect(await recovery.getObjectives(db(), o.org.id, s.id)).toMatchObject({
			version: 2,
			rtoMinutes: 120,
			agreedBy: 'Head of Payroll'
		});
	});

	it('an RTO above the MTPD is a 400 with the GOV.UK error, every typed value kept and the version as opened', async () => {
		const o = await makeOrganisation();
		const s = await createSystem(o.actor);
		const values = { ...typed, rto: '2d' };
		const refused = await answer(saveObjectives(post({ ...values, version: '0' }), o.actor, s.id));
		expect(refused.status).toBe(400);
		expect(refused.data).toMatchObject({ values, version: 0, conflict: null });
		expect(Object.keys(refused.data!.errors as object)).toContain('rto');
		expect(await recovery.getObjectives(db(), o.org.id, s.id)).toBeUndefined();
	});

	it('a missing or tampered version never matches: a 409, not a 500, and nothing written', async () => {
		const o = await makeOrganisation();
		const s = await createSystem(o.actor);
		expectOk(await recoveryService.saveObjectives(o.actor, s.id, null, theirs));
		for (const version of ['', 'abc', '-1', '1e3']) {
			const r = await answer(saveObjectives(post({ ...typed, version }), o.actor, s.id));
			expect(r.status).toBe(409);
		}
		expect(await recovery.getObjectives(db(), o.org.id, s.id)).toMatchObject({ version: 1 });
	});

	it("another organisation's system is a 404, and nothing is written to it", async () => {
		const home = await makeOrganisation();
		const other = await makeOrganisation();
		const s = await createSystem(other.actor);
		await expect(
			saveObjectives(post({ ...typed, version: '0' }), home.actor, s.id)
		).rejects.toSatisfy((e) => isHttpError(e) && e.status === 404);
		expect(await recovery.getObjectives(db(), other.org.id, s.id)).toBeUndefined();
	});
});

describe('the partnership agreement through the versioned-save pipeline', () => {
	const agreement = {
		title: 'Tri-Council agreement',
		reference: 'TC/1',
		signedOn: '2020-04-01',
		quorumRule: 'all' as const,
		quorumMinimum: null
	};
	const opened = {
		title: 'Tri-Council agreement',
		reference: 'TC/1',
		signedOn: '01/04/2020',
		quorumRule: 'all',
		quorumMinimum: ''
	};

	async function shared(): Promise<Actor> {
		const o = await makeOrganisation();
		expectOk(await partnershipService.saveAgreement(o.actor, null, agreement));
		return o.actor;
	}

	it('a stale save is a 409 naming the quorum rule in words; nothing is overwritten; the form keeps what was typed', async () => {
		const actor = await shared();
		expectOk(
			await partnershipService.saveAgreement(actor, 1, {
				...agreement,
				quorumRule: 'minimum',
				quorumMinimum: 2
			})
		);
		const mine = { ...opened, title: 'Renamed agreement' };
		const stale = await answer(
			saveAgreement(post({ ...mine, version: '1', original: JSON.stringify(opened) }), actor)
		);
		expect(stale.status).toBe(409);
		expect(stale.data).toMatchObject({ values: mine, version: 2, action: 'agreement' });
		expect(stale.data!.conflict).toEqual([
			{
				field: 'quorumRule',
				label: 'Quorum',
				before: 'Every partner present',
				saved: 'At least a set number of partners present',
				yours: 'Every partner present'
			},
			{ field: 'quorumMinimum', label: 'Partners needed', before: '', saved: '2', yours: '' }
		]);
		expect(await partnerships.getAgreement(db(), actor.organisationId)).toMatchObject({
			version: 2,
			title: 'Tri-Council agreement',
			quorumRule: 'minimum'
		});
	});

	it('a refused agreement is a 400 with the errors and what was typed; a current save redirects', async () => {
		const actor = await shared();
		const bad = { ...opened, title: '', quorumRule: 'minimum', quorumMinimum: 'many' };
		const refused = await answer(saveAgreement(post({ ...bad, version: '1' }), actor));
		expect(refused.status).toBe(400);
		expect(refused.data).toMatchObject({ values: bad, version: 1, action: 'agreement' });
		expect(Object.keys(refused.data!.errors as object).sort()).toEqual(['quorumMinimum', 'title']);
		const saved = await answer(
			saveAgreement(post({ ...opened, reference: 'TC/2', version: '1' }), actor)
		);
		expect(saved).toMatchObject({ status: 303, location: '/governance/partnership' });
		expect(await partnerships.getAgreement(db(), actor.organisationId)).toMatchObject({
			version: 2,
			reference: 'TC/2'
		});
	});
});
