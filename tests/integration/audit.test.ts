import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem, systemInput } from './helpers';
import { database } from '$lib/server/db/database';
import * as audit from '$lib/server/repos/audit';
import * as systemService from '$lib/server/services/systems';
import * as reviewService from '$lib/server/services/reviews';

beforeAll(async () => {
	await startDatabase();
});

describe('audit trail', () => {
	it('records create, update (only what changed) and archive of a system', async () => {
		const { actor, org } = await makeOrganisation();
		const s = await createSystem(actor, { name: 'Audited', supplier: 'Old Ltd' });
		await systemService.updateSystem(
			actor,
			s.id,
			s.version,
			systemInput({ name: 'Audited', supplier: 'New Ltd' })
		);
		await systemService.archiveSystem(actor, s.id, s.version + 1);
		const history = await audit.historyOf(db(), org.id, 'system', s.id);
		expect(history.map((h) => h.action)).toEqual(['archive', 'update', 'create']);
		const update = history[1]!;
		expect(JSON.parse(update.before!)).toMatchObject({ supplier: 'Old Ltd' });
		expect(JSON.parse(update.after!)).toMatchObject({ supplier: 'New Ltd' });
		expect(JSON.parse(update.after!)).not.toHaveProperty('name');
		expect(update.actor).toBe('Test officer');
		expect(update.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
	});

	it('writes no audit row when the change itself fails (same transaction)', async () => {
		const { actor, org } = await makeOrganisation();
		const s = await createSystem(actor);
		const before = (await audit.listAudit(db(), org.id, {})).total;
		await expect(
			reviewService.recordReview(actor, s.id, null, {
				reviewedOn: '2026-11-14',
				reviewer: 'Group',
				summary: '',
				outcomes: [
					{
						outcome: 'replace',
						rationale: 'x',
						status: 'agreed',
						targetDate: '2028-01-01',
						workstreamId: 987_654
					}
				]
			})
		).rejects.toThrow();
		expect((await audit.listAudit(db(), org.id, {})).total).toBe(before);
	});

	it("keeps one organisation's audit rows from another", async () => {
		const a = await makeOrganisation();
		const b = await makeOrganisation();
		await createSystem(a.actor, { name: 'Only in A' });
		const rowsB = await audit.listAudit(db(), b.org.id, {});
		expect(rowsB.rows.some((r) => (r.after ?? '').includes('Only in A'))).toBe(false);
	});

	it('refuses UPDATE and DELETE on audit rows at the database itself', async () => {
		const { actor, org } = await makeOrganisation();
		await createSystem(actor);
		const { client } = database();
		await expect(
			client.execute({
				sql: "UPDATE audit_event SET actor = 'someone else' WHERE organisation_id = ?",
				args: [org.id]
			})
		).rejects.toThrow(/append-only/);
		await expect(
			client.execute({ sql: 'DELETE FROM audit_event WHERE organisation_id = ?', args: [org.id] })
		).rejects.toThrow(/append-only/);
		const rows = await audit.listAudit(db(), org.id, {});
		expect(rows.total).toBeGreaterThan(0);
		expect(rows.rows.every((r) => r.actor === 'Test officer')).toBe(true);
	});

	it('filters by action and date range', async () => {
		const { actor, org } = await makeOrganisation();
		await createSystem(actor);
		const today = new Date().toISOString().slice(0, 10);
		expect(
			(await audit.listAudit(db(), org.id, { action: 'create', from: today, to: today })).total
		).toBe(1);
		expect((await audit.listAudit(db(), org.id, { action: 'archive' })).total).toBe(0);
		expect((await audit.listAudit(db(), org.id, { to: '2000-01-01' })).total).toBe(0);
	});
});

describe('personal data in the audit trail', () => {
	it('records that a named contact changed, never the details themselves', async () => {
		await startDatabase();
		const { actor, org } = await makeOrganisation();
		const s = await createSystem(actor, {
			contactName: 'Jo Bloggs',
			contactEmail: 'jo@example.org'
		});
		await systemService.updateSystem(
			actor,
			s.id,
			s.version,
			systemInput({ name: s.name, contactName: 'Jo Bloggs', contactEmail: 'jo.b@example.org' })
		);
		const rows = await audit.historyOf(db(), org.id, 'system', s.id);
		const text = JSON.stringify(rows);
		expect(text).not.toContain('Jo Bloggs');
		expect(text).not.toContain('example.org');
		expect(JSON.parse(rows[0]!.after!)).toMatchObject({
			contactEmail: '[personal data] (changed)'
		});
		expect(JSON.parse(rows[0]!.after!)).not.toHaveProperty('contactName');
	});
});
