import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem, systemInput } from './helpers';
import * as systems from '$lib/server/repos/systems';
import * as systemService from '$lib/server/services/systems';
import { DEFAULT_QUERY } from '$lib/domain/systems';
import { addMonths, todayInUk } from '$lib/domain/dates';

beforeAll(async () => {
	await startDatabase();
});

describe('systems repository', () => {
	it('keeps each organisation to its own systems', async () => {
		const a = await makeOrganisation();
		const b = await makeOrganisation();
		const mine = await createSystem(a.actor, { name: 'Canary Alpha' });
		await createSystem(b.actor, { name: 'Canary Bravo' });

		const listA = await systems.listSystems(db(), a.org.id, DEFAULT_QUERY);
		expect(listA.rows.map((r) => r.name)).toEqual(['Canary Alpha']);
		expect(listA.total).toBe(1);
		expect(await systems.getSystem(db(), b.org.id, mine.id)).toBeUndefined();
		const search = await systems.listSystems(db(), b.org.id, { ...DEFAULT_QUERY, q: 'Alpha' });
		expect(search.total).toBe(0);
		// An edit through the other organisation finds nothing to change.
		const result = await systemService.updateSystem(
			b.actor,
			mine.id,
			mine.version,
			systemInput({ name: 'Hijacked' })
		);
		expect(result).toEqual({ ok: false, reason: 'not-found' });
		expect((await systems.getSystem(db(), a.org.id, mine.id))?.name).toBe('Canary Alpha');
	});

	it('filters, sorts and pages', async () => {
		const { actor, org, area, directorate } = await makeOrganisation();
		const today = todayInUk();
		await createSystem(actor, {
			name: 'Bravo',
			hosting: 'on_premises',
			criticality: 'critical',
			annualRunCostPence: 300,
			serviceAreaId: area.id,
			directorateId: directorate.id
		});
		await createSystem(actor, {
			name: 'Alpha',
			hosting: 'saas',
			criticality: 'low',
			annualRunCostPence: 100,
			contractEnd: addMonths(today, 2)
		});
		await createSystem(actor, {
			name: 'Charlie',
			supplier: '100% Systems',
			hosting: 'saas',
			criticality: 'high',
			annualRunCostPence: null,
			contractEnd: addMonths(today, 20)
		});

		const names = async (q: Partial<typeof DEFAULT_QUERY>) =>
			(await systems.listSystems(db(), org.id, { ...DEFAULT_QUERY, ...q })).rows.map((r) => r.name);
		expect(await names({})).toEqual(['Alpha', 'Bravo', 'Charlie']);
		expect(await names({ dir: 'desc' })).toEqual(['Charlie', 'Bravo', 'Alpha']);
		expect(await names({ hosting: 'saas' })).toEqual(['Alpha', 'Charlie']);
		expect(await names({ sort: 'criticality', dir: 'desc' })).toEqual([
			'Bravo',
			'Charlie',
			'Alpha'
		]);
		// A blank cost sorts as the highest value: last ascending, first descending.
		expect(await names({ sort: 'cost' })).toEqual(['Alpha', 'Bravo', 'Charlie']);
		expect(await names({ sort: 'cost', dir: 'desc' })).toEqual(['Charlie', 'Bravo', 'Alpha']);
		expect(await names({ endingWithin: 6 })).toEqual(['Alpha']);
		expect(await names({ endingWithin: 24 })).toEqual(['Alpha', 'Charlie']);
		expect(await names({ directorate: directorate.id })).toEqual(['Bravo']);
		expect(await names({ serviceArea: area.id })).toEqual(['Bravo']);
		expect(await names({ serviceArea: 'none' })).toEqual(['Alpha', 'Charlie']);
		expect(await names({ directorate: 'none' })).toEqual(['Alpha', 'Charlie']);
		// LIKE wildcards in a search are literal text.
		expect(await names({ q: '100%' })).toEqual(['Charlie']);
		expect(await names({ q: '%' })).toEqual(['Charlie']);
		expect(await names({ q: 'alpha' })).toEqual(['Alpha']);

		const all = await systems.listSystems(db(), org.id, { ...DEFAULT_QUERY, size: 25 });
		expect(all).toMatchObject({ total: 3, totalIsExact: true, next: '', previous: '' });
	});

	it('pages forwards and back by keyset, ties broken by id, in both directions', async () => {
		const { actor, org } = await makeOrganisation();
		// Five systems sharing two hosting values, so the sort key ties.
		for (const [name, hosting] of [
			['E', 'saas'],
			['D', 'hosted'],
			['C', 'saas'],
			['B', 'hosted'],
			['A', 'saas']
		] as const) {
			await createSystem(actor, { name, hosting, userCount: name === 'C' ? null : 10 });
		}
		for (const [sort, dir] of [
			['hosting', 'asc'],
			['hosting', 'desc'],
			['name', 'desc'],
			['users', 'asc']
		] as const) {
			const full = (
				await systems.listSystems(db(), org.id, { ...DEFAULT_QUERY, sort, dir, size: 10 })
			).rows.map((r) => r.name);
			const seen: string[] = [];
			let page = await systems.listSystems(db(), org.id, { ...DEFAULT_QUERY, sort, dir, size: 2 });
			seen.push(...page.rows.map((r) => r.name));
			expect(page.previous).toBe('');
			while (page.next) {
				page = await systems.listSystems(db(), org.id, {
					...DEFAULT_QUERY,
					sort,
					dir,
					size: 2,
					after: page.next
				});
				seen.push(...page.rows.map((r) => r.name));
			}
			expect(seen).toEqual(full);
			// And back again from the last page.
			const back: string[] = [...page.rows.map((r) => r.name)];
			while (page.previous) {
				page = await systems.listSystems(db(), org.id, {
					...DEFAULT_QUERY,
					sort,
					dir,
					size: 2,
					before: page.previous
				});
				back.unshift(...page.rows.map((r) => r.name));
			}
			expect(back).toEqual(full);
		}
		// A blank sorts as the highest value: last ascending.
		const byUsers = await systems.listSystems(db(), org.id, {
			...DEFAULT_QUERY,
			sort: 'users',
			size: 10
		});
		expect(byUsers.rows.at(-1)?.name).toBe('C');
	});

	it('bounds the count so a huge portfolio is never scanned just to count it', async () => {
		expect(systems.COUNT_LIMIT).toBe(1000);
	});

	it('refuses a stale edit and says what is saved now', async () => {
		const { actor, org } = await makeOrganisation();
		const created = await createSystem(actor, { name: 'Original' });
		const first = await systemService.updateSystem(
			actor,
			created.id,
			created.version,
			systemInput({ name: 'First save', supplier: 'New Ltd' })
		);
		expect(first.ok).toBe(true);
		const second = await systemService.updateSystem(
			actor,
			created.id,
			created.version,
			systemInput({ name: 'Second save' })
		);
		expect(second.ok).toBe(false);
		if (second.ok || second.reason !== 'conflict') throw new Error('expected a conflict');
		expect(second.current.name).toBe('First save');
		expect(second.current.version).toBe(created.version + 1);
		expect((await systems.getSystem(db(), org.id, created.id))?.name).toBe('First save');
	});

	it('archives instead of deleting, and hides archived systems', async () => {
		const { actor, org } = await makeOrganisation();
		const created = await createSystem(actor, { name: 'Old thing' });
		const result = await systemService.archiveSystem(actor, created.id, created.version);
		expect(result.ok).toBe(true);
		expect(await systems.getSystem(db(), org.id, created.id)).toBeUndefined();
		expect(
			(await systems.getSystem(db(), org.id, created.id, { includeArchived: true }))?.lifecycle
		).toBe('archived');
		expect((await systems.listSystems(db(), org.id, DEFAULT_QUERY)).total).toBe(0);
		const again = await systemService.updateSystem(
			actor,
			created.id,
			created.version + 1,
			systemInput()
		);
		expect(again).toEqual({ ok: false, reason: 'not-found' });
	});

	it('refuses a duplicate external reference within an organisation, but not across two', async () => {
		const a = await makeOrganisation();
		const b = await makeOrganisation();
		await createSystem(a.actor, { externalRef: 'CFA-001' });
		await expect(createSystem(a.actor, { externalRef: 'CFA-001' })).rejects.toBeInstanceOf(
			systemService.DuplicateExternalRefError
		);
		await expect(createSystem(b.actor, { externalRef: 'CFA-001' })).resolves.toMatchObject({
			externalRef: 'CFA-001'
		});
	});
});

describe('systems export', () => {
	it('holds exactly the rows the list filter matches, in its order, and only the caller organisation', async () => {
		await startDatabase();
		const a = await makeOrganisation();
		const b = await makeOrganisation();
		await createSystem(a.actor, { name: 'Export Bravo', hosting: 'saas' });
		await createSystem(a.actor, { name: 'Export Alpha', hosting: 'saas' });
		await createSystem(a.actor, { name: 'Export Hosted', hosting: 'hosted' });
		await createSystem(b.actor, { name: 'Export Other Org', hosting: 'saas' });
		const rows = await systems.exportSystems(db(), a.org.id, { ...DEFAULT_QUERY, hosting: 'saas' });
		expect(rows.map((r) => r.name)).toEqual(['Export Alpha', 'Export Bravo']);
		const listed = await systems.listSystems(db(), a.org.id, { ...DEFAULT_QUERY, hosting: 'saas' });
		expect(listed.rows.map((r) => r.name)).toEqual(rows.map((r) => r.name));
	});
});
