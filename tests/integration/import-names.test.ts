import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem, expectOk } from './helpers';
import * as importService from '$lib/server/services/imports';
import * as systems from '$lib/server/repos/systems';
import * as organisations from '$lib/server/repos/organisations';
import * as workstreams from '$lib/server/repos/workstreams';
import * as audit from '$lib/server/repos/audit';
import { DEFAULT_QUERY } from '$lib/domain/systems';
import { nameChoiceParams, readImportChoiceParams } from '$lib/domain/csv/name-choices';
import { wholeImportParamsOf } from '$lib/domain/csv/missing-columns';

/** A forced failure at the very end of a commit's write phase, after the new names are created (set per test). */
const failing = vi.hoisted(() => ({ now: false }));
vi.mock('$lib/server/repos/import-stage-copy', async (original) => {
	const actual = await original<typeof import('$lib/server/repos/import-stage-copy')>();
	return {
		...actual,
		copyAudit: async (...args: Parameters<typeof actual.copyAudit>) => {
			if (failing.now) throw new Error('forced failure after planning');
			return actual.copyAudit(...args);
		}
	};
});

beforeAll(async () => {
	await startDatabase();
});

const enc = (s: string) => new TextEncoder().encode(s);
type Actor = Parameters<typeof importService.uploadFile>[0];

/** Uploads and previews (with the officer's answers as the page's query string, if any); commit() posts what the page would. */
async function importText(actor: Actor, text: string, answers = '') {
	const upload = await importService.uploadFile(actor, 'names.csv', enc(text));
	if (!upload.ok) throw new Error(upload.reason);
	const options = answers ? readImportChoiceParams(new URLSearchParams(answers)) : {};
	const preview = (await importService.previewUpload(actor, upload.uploadId, options))!;
	// The page's commit form carries every answer the preview shows, those it worked out from the rows included.
	const posted = readImportChoiceParams(
		new URLSearchParams([
			...nameChoiceParams(preview.names),
			...wholeImportParamsOf(preview.missing)
		])
	);
	return {
		uploadId: upload.uploadId,
		preview,
		commit: (hash = preview.planHash) =>
			importService.commitUpload(actor, upload.uploadId, posted, hash)
	};
}

async function namesOf(organisationId: number) {
	const [d, a, w] = await Promise.all([
		organisations.listDirectorates(db(), organisationId),
		organisations.listServiceAreas(db(), organisationId),
		workstreams.listWorkstreams(db(), organisationId)
	]);
	return {
		directorates: d.map((x) => x.name).sort(),
		serviceAreas: a.map((x) => x.name).sort(),
		workstreams: w.map((x) => x.name).sort()
	};
}

const FILE =
	'Name,Directorate,Service area,Workstreams,Hosting,Criticality,Personal data\n' +
	'Early Help Hub,Communities,Early Help,Data Platform,SaaS,High,No\n' +
	'Youth Tracker,communities,early help ,data platform; integration,SaaS,Low,No\n';

describe('names the organisation does not have, in an import', () => {
	it('creates each one in the commit, audited, and links the rows to it', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		const run = await importText(actor, FILE);
		expect(run.preview.plan.counts).toMatchObject({ create: 2, rejected: 0 });
		expect(run.preview.names.map((n) => [n.set, n.text, n.rows, n.choice])).toEqual([
			['directorate', 'Communities', 2, 'create'],
			['serviceArea', 'Early Help', 2, 'create'],
			['workstream', 'Data Platform', 2, 'create']
		]);
		expect(await namesOf(o.org.id)).toEqual({
			directorates: ['Children, Families and Adults'],
			serviceAreas: ['Children and Families'],
			workstreams: ['Case Management', 'Integration']
		});
		expectOk(await run.commit());
		expect(await namesOf(o.org.id)).toEqual({
			directorates: ['Children, Families and Adults', 'Communities'],
			serviceAreas: ['Children and Families', 'Early Help'],
			workstreams: ['Case Management', 'Data Platform', 'Integration']
		});
		const communities = (await organisations.listDirectorates(db(), o.org.id)).find(
			(d) => d.name === 'Communities'
		)!;
		const earlyHelp = (await organisations.listServiceAreas(db(), o.org.id)).find(
			(a) => a.name === 'Early Help'
		)!;
		expect(earlyHelp.directorateId).toBe(communities.id);
		const list = await systems.exportSystems(db(), o.org.id, DEFAULT_QUERY);
		expect(list.map((s) => [s.name, s.directorateName, s.serviceAreaName]).sort()).toEqual([
			['Early Help Hub', 'Communities', 'Early Help'],
			['Youth Tracker', 'Communities', 'Early Help']
		]);
		for (const s of list)
			expect(await systems.getSystem(db(), o.org.id, s.id)).toMatchObject({
				directorateId: communities.id,
				serviceAreaId: earlyHelp.id
			});
		const dataPlatform = (await workstreams.listWorkstreams(db(), o.org.id)).find(
			(w) => w.name === 'Data Platform'
		)!;
		expect(
			(await workstreams.listLinkedSystems(db(), o.org.id, dataPlatform.id))
				.map((s) => s.name)
				.sort()
		).toEqual(['Early Help Hub', 'Youth Tracker']);
		// Each record is audited, naming the import; the systems' own audit rows name the real ids.
		const created = (await audit.listAudit(db(), o.org.id, { action: 'create' })).rows.filter(
			(r) => r.entity !== 'system'
		);
		expect(created.map((r) => [r.entity, JSON.parse(r.after!).name, r.detail]).sort()).toEqual([
			['directorate', 'Communities', expect.stringMatching(/^Import \d+ of names\.csv$/)],
			['service_area', 'Early Help', expect.any(String)],
			['workstream', 'Data Platform', expect.any(String)]
		]);
		const systemRows = (await audit.listAudit(db(), o.org.id, { action: 'create' })).rows.filter(
			(r) => r.entity === 'system'
		);
		for (const r of systemRows)
			expect(JSON.parse(r.after!)).toMatchObject({
				directorateId: communities.id,
				serviceAreaId: earlyHelp.id
			});
	});

	it('creates nothing when the commit fails after planning, or the plan changed', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		const before = await namesOf(o.org.id);
		const run = await importText(actor, FILE);
		failing.now = true;
		try {
			await expect(run.commit()).rejects.toThrow(/forced failure/);
		} finally {
			failing.now = false;
		}
		expect(await namesOf(o.org.id)).toEqual(before);
		expect((await systems.exportSystems(db(), o.org.id, DEFAULT_QUERY)).length).toBe(0);
		expect(
			(await audit.listAudit(db(), o.org.id, {})).rows.filter((r) =>
				['directorate', 'service_area', 'workstream'].includes(r.entity)
			)
		).toEqual([]);
		// A preview other than the one the commit plans: refused as changed, nothing created.
		expect(await run.commit('0'.repeat(64))).toMatchObject({ ok: false, reason: 'changed' });
		expect(await namesOf(o.org.id)).toEqual(before);
		// The same upload still commits when nothing is forced to fail.
		expectOk(await run.commit());
		expect((await namesOf(o.org.id)).serviceAreas).toContain('Early Help');
	});

	it('links a mapped name to the existing record, creates none, and offers the mapping again next time', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		const file =
			'Name;Service area;Workstreams;Hosting;Criticality;Personal data\nMapped One;C and F;Integ;SaaS;High;No\n';
		const first = await importText(actor, file);
		const index = (text: string) => first.preview.names.findIndex((n) => n.text === text);
		// A new service area whose rows give no directorate goes in the organisation's only one (the officer may choose another).
		expect(first.preview.plan.problems).toEqual([]);
		expect(first.preview.names.find((n) => n.text === 'C and F')).toMatchObject({
			choice: 'create',
			directorate: o.directorate.id
		});
		const answers = `nk${index('C and F')}=serviceArea:C and F&nv${index('C and F')}=${o.area.id}&nk${index('Integ')}=workstream:Integ&nv${index('Integ')}=${o.integration.id}`;
		const run = await importText(actor, file, answers);
		expect(run.preview.plan.counts).toMatchObject({ create: 1, rejected: 0, links: 1 });
		expect(run.preview.created).toEqual([]);
		expectOk(await run.commit());
		const [made] = await systems.exportSystems(db(), o.org.id, DEFAULT_QUERY);
		expect(await systems.getSystem(db(), o.org.id, made!.id)).toMatchObject({
			name: 'Mapped One',
			serviceAreaId: o.area.id,
			directorateId: o.directorate.id
		});
		expect(
			(await workstreams.listLinkedSystems(db(), o.org.id, o.integration.id)).map((s) => s.name)
		).toEqual(['Mapped One']);
		expect(await namesOf(o.org.id)).toEqual({
			directorates: ['Children, Families and Adults'],
			serviceAreas: ['Children and Families'],
			workstreams: ['Case Management', 'Integration']
		});
		// Remembered: the next file with those names is planned mapped, without answers.
		const next = await importText(
			actor,
			'Name;Service area;Workstreams;Hosting;Criticality;Personal data\nMapped Two;c and f;INTEG;SaaS;High;No\n'
		);
		expect(next.preview.names.map((n) => [n.text, n.choice])).toEqual([
			['c and f', o.area.id],
			['INTEG', o.integration.id]
		]);
		expect(next.preview.plan.counts).toMatchObject({ create: 1, rejected: 0 });
		// Another organisation does not see them.
		const other = await makeOrganisation();
		const theirs = await importText(
			{ ...other.actor, userId: 2 },
			'Name;Workstreams;Hosting;Criticality;Personal data\nX;Integ;SaaS;High;No\n'
		);
		expect(theirs.preview.names.map((n) => n.choice)).toEqual(['create']);
	});
});

describe('a value for every new system, for a column the file lacks', () => {
	it('counts every new system the file names once, rows refused for other reasons included, never an update', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		await createSystem(o.actor, { name: 'Existing One' });
		const file =
			'Name;Hosting;Personal data;Annual cost\nExisting One;SaaS;No;\nBrand New;SaaS;No;\nBrand New;SaaS;No;\nBad Amount;SaaS;No;12.5k\n';
		const { preview } = await importText(actor, file);
		expect(preview.missing).toEqual([
			{ field: 'criticality', label: 'Criticality', rows: 2, value: undefined }
		]);
	});

	it('is applied to the new systems only, never to a system the import updates', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		await createSystem(o.actor, { name: 'Existing One', criticality: 'low', supplier: 'Old' });
		const file =
			'Name;Supplier;Hosting;Personal data\nExisting One;New supplier;SaaS;No\nBrand New;Someone;SaaS;No\n';
		const first = await importText(actor, file);
		expect(first.preview.missing).toEqual([
			{ field: 'criticality', label: 'Criticality', rows: 1, value: undefined }
		]);
		expect(first.preview.plan.problems.map((p) => [p.row, p.reason])).toEqual([
			[3, expect.stringContaining('choose a value for every new system')]
		]);
		const run = await importText(actor, file, 'all-criticality=critical');
		expect(run.preview.plan.counts).toMatchObject({ create: 1, update: 1, rejected: 0 });
		// A commit with another value than the preview's is refused as changed.
		const upload = run.uploadId;
		expect(
			await importService.commitUpload(
				actor,
				upload,
				readImportChoiceParams(new URLSearchParams('all-criticality=high')),
				run.preview.planHash
			)
		).toMatchObject({ ok: false, reason: 'changed' });
		expectOk(await run.commit());
		const list = await systems.exportSystems(db(), o.org.id, DEFAULT_QUERY);
		expect(list.map((s) => [s.name, s.criticality, s.supplier]).sort()).toEqual([
			['Brand New', 'critical', 'Someone'],
			['Existing One', 'low', 'New supplier']
		]);
	});
});
