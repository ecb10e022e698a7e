/**
 * Recharges of a shared service against a real database: kept in the same transaction as the cost
 * lines and keys they come from (forms and imports alike), the most specific key applied, every
 * line's shares adding up to the line, a cost centre of another partner refused by name (by the
 * service and by the database), a failed change leaving keys and recharges as they were, and
 * `costs:rebuild` finding and repairing a kept share that drifted.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

const failKeyAudit = vi.hoisted(() => ({ on: false }));
vi.mock('$lib/server/repos/audit', async (importOriginal) => {
	const actual = await importOriginal<typeof import('$lib/server/repos/audit')>();
	return {
		...actual,
		recordAudit: async (...args: Parameters<typeof actual.recordAudit>) => {
			if (failKeyAudit.on && args[2].entity === 'allocation_key') {
				failKeyAudit.on = false;
				throw new Error('audit write failed');
			}
			return actual.recordAudit(...args);
		}
	};
});

import { db, startDatabase, makeOrganisation, createSystem, expectOk } from './helpers';
import { costLine, defaultKey, twoLineService } from './recharge-fixture';
import { database } from '$lib/server/db/database';
import * as costService from '$lib/server/services/cost-lines';
import * as costImport from '$lib/server/services/cost-import';
import * as keyService from '$lib/server/services/recharge-keys';
import * as centreService from '$lib/server/services/partner-cost-centres';
import * as recharges from '$lib/server/repos/recharges';
import * as keys from '$lib/server/repos/recharge-keys';

beforeAll(async () => {
	await startDatabase();
});

/** The Tri-Council shape: a shared service, three partner councils, a system and two lines of it. */
const service = () => twoLineService(1);

const sharesOf = async (orgId: number) =>
	(await recharges.readShares(db(), orgId)).sort(
		(a, b) =>
			a.costLineId - b.costLineId || (a.partnerOrganisationId ?? 0) - (b.partnerOrganisationId ?? 0)
	);

describe('recharges of a shared service', () => {
	it('keeps a line no key covers whole as unallocated overhead, and a council’s own lines out of it', async () => {
		const s = await service();
		expect(
			(await sharesOf(s.shared.org.id)).map((r) => [
				r.costLineId,
				r.partnerOrganisationId,
				r.amountPence
			])
		).toEqual([
			[s.first.id, null, 1000_00],
			[s.second.id, null, 1]
		]);
		const council = s.partners[0]!;
		const own = await createSystem(council.actor, { name: 'Own housing system' });
		expectOk(await costService.createCostLine(council.actor, { systemId: own.id }, costLine(500)));
		expect(await sharesOf(council.org.id)).toEqual([]);
	});

	it('refuses percentages that miss 100.00% and writes nothing', async () => {
		const s = await service();
		const before = await sharesOf(s.shared.org.id);
		const refused = await keyService.saveKey(
			s.shared.actor,
			null,
			null,
			defaultKey(s.fixed(3333, 3333, 3333))
		);
		expect(refused).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { total: 'Percentages must total 100.00%: 33.33 + 33.33 + 33.33 is 0.01% short' }
		});
		expect(await keys.listKeys(db(), s.shared.org.id)).toEqual([]);
		expect(await sharesOf(s.shared.org.id)).toEqual(before);
	});

	it('re-derives the year’s recharges inside the key’s transaction, the most specific key winning', async () => {
		const s = await service();
		const key = expectOk(
			await keyService.saveKey(s.shared.actor, null, null, defaultKey(s.fixed(3333, 3333, 3334)))
		).key;
		let shares = await sharesOf(s.shared.org.id);
		expect(shares.filter((r) => r.costLineId === s.first.id).map((r) => r.amountPence)).toEqual([
			333_30, 333_30, 333_40
		]);
		// One penny, shared by largest remainder: it goes to the largest share.
		expect(shares.filter((r) => r.costLineId === s.second.id).map((r) => r.amountPence)).toEqual([
			0, 0, 1
		]);
		expect(shares.every((r) => r.keyId === key.id)).toBe(true);

		const byUsers = expectOk(
			await keyService.saveKey(s.shared.actor, null, null, {
				financialYear: '2026/27',
				scope: 'system',
				scopeId: s.payroll.id,
				kind: 'driver',
				measure: 'users',
				source: 'Payroll licence count',
				asAt: '2026-03-31',
				shares: s.fixed(300_00, 100_00, 0)
			})
		).key;
		shares = await sharesOf(s.shared.org.id);
		const payrollShares = shares.filter((r) => r.costLineId === s.first.id);
		expect(payrollShares.map((r) => [r.partnerOrganisationId, r.amountPence, r.keyId])).toEqual([
			[s.ids[0], 750_00, byUsers.id],
			[s.ids[1], 250_00, byUsers.id]
		]);
		expect(
			shares.filter((r) => r.costLineId === s.second.id).every((r) => r.keyId === key.id)
		).toBe(true);

		// Removing the system's key: its lines fall back to the default.
		expectOk(await keyService.removeKey(s.shared.actor, byUsers.id, byUsers.version));
		shares = await sharesOf(s.shared.org.id);
		expect(shares.filter((r) => r.costLineId === s.first.id).every((r) => r.keyId === key.id)).toBe(
			true
		);
		expect(await costService.rebuildCostTotals(s.shared.actor)).toEqual([]);
	});

	it('follows each cost line change in the same transaction: edit, move year, archive', async () => {
		const s = await service();
		expectOk(
			await keyService.saveKey(s.shared.actor, null, null, defaultKey(s.fixed(5000, 5000, 0)))
		);
		const edited = expectOk(
			await costService.updateCostLine(
				s.shared.actor,
				s.first.id,
				s.first.version,
				{ systemId: s.payroll.id },
				costLine(101)
			)
		).line;
		let mine = (await sharesOf(s.shared.org.id)).filter((r) => r.costLineId === s.first.id);
		expect(mine.map((r) => r.amountPence)).toEqual([51, 50]);
		// A year with no key: the line is overhead there.
		const moved = expectOk(
			await costService.updateCostLine(
				s.shared.actor,
				s.first.id,
				edited.version,
				{ systemId: s.payroll.id },
				costLine(101, { financialYear: '2027/28' })
			)
		).line;
		mine = (await sharesOf(s.shared.org.id)).filter((r) => r.costLineId === s.first.id);
		expect(mine.map((r) => [r.partnerOrganisationId, r.financialYear, r.amountPence])).toEqual([
			[null, '2027/28', 101]
		]);
		expectOk(await costService.archiveCostLine(s.shared.actor, s.first.id, moved.version));
		expect((await sharesOf(s.shared.org.id)).some((r) => r.costLineId === s.first.id)).toBe(false);
		expect(await costService.rebuildCostTotals(s.shared.actor)).toEqual([]);
	});

	it('leaves keys and recharges untouched when a key change fails after re-deriving them', async () => {
		const s = await service();
		const key = expectOk(
			await keyService.saveKey(s.shared.actor, null, null, defaultKey(s.fixed(3333, 3333, 3334)))
		).key;
		const before = await sharesOf(s.shared.org.id);
		failKeyAudit.on = true;
		await expect(
			keyService.saveKey(s.shared.actor, key.id, key.version, defaultKey(s.fixed(10000, 0, 0)))
		).rejects.toThrow('audit write failed');
		expect(await sharesOf(s.shared.org.id)).toEqual(before);
		expect((await keys.getKey(db(), s.shared.org.id, key.id))?.shares.map((x) => x.weight)).toEqual(
			[3333, 3333, 3334]
		);
		// And a stale version is a conflict that writes nothing.
		const saved = expectOk(
			await keyService.saveKey(
				s.shared.actor,
				key.id,
				key.version,
				defaultKey(s.fixed(10000, 0, 0))
			)
		).key;
		expect(
			await keyService.saveKey(
				s.shared.actor,
				key.id,
				key.version,
				defaultKey(s.fixed(0, 10000, 0))
			)
		).toMatchObject({ ok: false, reason: 'conflict' });
		expect((await keys.getKey(db(), s.shared.org.id, key.id))?.version).toBe(saved.version);
	});

	it('refuses another partner’s cost centre by name, in the service and in the database', async () => {
		const s = await service();
		const hillside = expectOk(
			await centreService.addCostCentre(s.shared.actor, s.ids[0]!, {
				code: 'EDU-114',
				name: 'Hillside Primary',
				kind: 'school'
			})
		).centre;
		expect(
			await centreService.addCostCentre(s.shared.actor, s.ids[0]!, {
				code: 'edu-114',
				name: 'Again',
				kind: 'school'
			})
		).toMatchObject({
			ok: false,
			errors: { code: 'Northbridge Council already has cost centre EDU-114' }
		});
		const shares = s.fixed(5000, 5000, 0);
		shares[1] = { ...shares[1]!, costCentreId: hillside.id };
		expect(await keyService.saveKey(s.shared.actor, null, null, defaultKey(shares))).toEqual({
			ok: false,
			reason: 'invalid',
			errors: {
				[`costCentre-${s.ids[1]}`]:
					'EDU-114 Hillside Primary belongs to Northbridge Council, not Eastshire Council'
			}
		});
		// The database refuses the same, whatever writes it.
		const key = expectOk(
			await keyService.saveKey(s.shared.actor, null, null, defaultKey(s.fixed(5000, 5000, 0)))
		).key;
		await expect(
			database().client.execute({
				sql: 'UPDATE allocation_key_share SET cost_centre_id = ? WHERE key_id = ? AND partner_organisation_id = ?',
				args: [hillside.id, key.id, s.ids[1]!]
			})
		).rejects.toThrow(/FOREIGN KEY/);
		await expect(
			database().client.execute({
				sql: 'UPDATE recharge SET cost_centre_id = ? WHERE partner_organisation_id = ?',
				args: [hillside.id, s.ids[1]!]
			})
		).rejects.toThrow(/FOREIGN KEY/);
		// Its own partner's key share may use it, and the recharge carries it.
		const own = s.fixed(5000, 5000, 0);
		own[0] = { ...own[0]!, costCentreId: hillside.id };
		expectOk(await keyService.saveKey(s.shared.actor, key.id, key.version, defaultKey(own)));
		const charged = (await sharesOf(s.shared.org.id)).filter(
			(r) => r.partnerOrganisationId === s.ids[0]
		);
		expect(charged.every((r) => r.costCentreId === hillside.id)).toBe(true);
	});

	it('refuses a partner that is not one, a scope that is not the service’s and a second key for the same', async () => {
		const s = await service();
		const outsider = await makeOrganisation('Faraway Council');
		const shares = [
			...s.fixed(5000, 5000),
			{ partnerOrganisationId: outsider.org.id, weight: 0, costCentreId: null }
		];
		const refused = await keyService.saveKey(s.shared.actor, null, null, defaultKey(shares));
		expect(refused).toMatchObject({
			ok: false,
			errors: { [`share-${outsider.org.id}`]: 'That organisation is not a partner in 2026/27' }
		});
		const otherSystem = await createSystem(outsider.actor, { name: 'Not theirs' });
		expect(
			await keyService.saveKey(s.shared.actor, null, null, {
				...defaultKey(s.fixed(10000)),
				scope: 'system',
				scopeId: otherSystem.id
			})
		).toMatchObject({ ok: false, errors: { scopeId: 'Choose the system this key is for' } });
		expectOk(await keyService.saveKey(s.shared.actor, null, null, defaultKey(s.fixed(10000))));
		expect(
			await keyService.saveKey(s.shared.actor, null, null, defaultKey(s.fixed(10000)))
		).toMatchObject({
			ok: false,
			errors: { scopeId: 'There is already a key for this in 2026/27: change that one' }
		});
	});

	it('shares lines written by a cost import in the import’s own transaction', async () => {
		const s = await service();
		expectOk(
			await keyService.saveKey(s.shared.actor, null, null, defaultKey(s.fixed(3333, 3333, 3334)))
		);
		const actor = { ...s.shared.actor, userId: 1 };
		const file =
			'Line reference,System external reference,System name,Workstream,Outcome,Financial year,Capital or revenue,Category,Amount (£),Confidence,Funding source,Description\n' +
			`${s.first.id},,Shared Payroll,,,2026/27,Revenue,Licence,2000,Committed,,Licence\n` +
			',,Shared Payroll,,,2026/27,Revenue,Hosting,10.00,Estimate,,Hosting\n';
		const upload = await costImport.uploadFile(actor, 'costs.csv', new TextEncoder().encode(file));
		if (!upload.ok) throw new Error(upload.reason);
		const preview = await costImport.previewCostUpload(actor, upload.uploadId);
		expect(preview?.counts).toMatchObject({ create: 1, update: 1, rejected: 0 });
		expectOk(await costImport.commitCostUpload(actor, upload.uploadId, {}, preview!.planHash));
		const shares = await sharesOf(s.shared.org.id);
		expect(shares.filter((r) => r.costLineId === s.first.id).map((r) => r.amountPence)).toEqual([
			666_60, 666_60, 666_80
		]);
		const created = shares.filter(
			(r) => r.costLineId !== s.first.id && r.costLineId !== s.second.id
		);
		expect(created.map((r) => r.amountPence)).toEqual([333, 333, 334]);
		expect(await costService.rebuildCostTotals(s.shared.actor)).toEqual([]);
	});

	it('has costs:rebuild find a kept share that drifted, and put it right', async () => {
		const s = await service();
		expectOk(
			await keyService.saveKey(s.shared.actor, null, null, defaultKey(s.fixed(3333, 3333, 3334)))
		);
		const right = await sharesOf(s.shared.org.id);
		await database().client.execute({
			sql: 'UPDATE recharge SET amount_pence = amount_pence + 1 WHERE cost_line_id = ? AND partner_key = ?',
			args: [s.first.id, s.ids[0]!]
		});
		const differences = await costService.rebuildCostTotals(s.shared.actor);
		expect(differences).toEqual([
			{
				table: 'recharge',
				key: `cost line ${s.first.id}, partner organisation ${s.ids[0]}`,
				keptPence: 333_31,
				rebuiltPence: 333_30,
				keptLines: 1,
				rebuiltLines: 1
			}
		]);
		expect(await sharesOf(s.shared.org.id)).toEqual(right);
	});
});
