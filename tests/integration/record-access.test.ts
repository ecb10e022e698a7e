/**
 * 'This id is a record of my organisation, else an audited 404' (web/record.ts), backed by the one
 * access query (repos/access.ts): the caller's own record is returned; another organisation's is a
 * 404 written to the audit trail as a denial; a missing one is the same 404, not audited.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { RequestEvent } from '@sveltejs/kit';
import { db, startDatabase, makeOrganisation, createSystem, person, expectOk } from './helpers';
import { auditEvent } from '$lib/server/db/schema';
import { organisationOfRecord, type RecordKind } from '$lib/server/repos/access';
import { ownRecord, recordNotFound, recordOf } from '$lib/server/web/record';
import * as systems from '$lib/server/repos/systems';
import * as costService from '$lib/server/services/cost-lines';
import * as fundingService from '$lib/server/services/funding';
import * as milestoneService from '$lib/server/services/milestones';
import * as caseService from '$lib/server/services/business-cases';

beforeAll(async () => {
	await startDatabase();
});

function requestAs(organisationId: number, userId: number, path: string) {
	const url = new URL(`http://localhost${path}`);
	return {
		locals: {
			user: { id: userId, email: 'reader@example.gov.uk', role: 'editor' },
			organisation: { id: organisationId },
			requestId: 'req-record'
		},
		url,
		params: { id: path.split('/')[2] },
		request: new Request(url, { method: 'GET' }),
		getClientAddress: () => '192.0.2.9'
	} as unknown as RequestEvent;
}

const denials = (userId: number, entity: string, id: number) =>
	db()
		.select()
		.from(auditEvent)
		.where(
			and(
				eq(auditEvent.userId, userId),
				eq(auditEvent.entity, entity),
				eq(auditEvent.entityId, String(id)),
				eq(auditEvent.action, 'access-denied')
			)
		);

describe('the record-or-404 lookup', () => {
	it("returns the caller's own record, 404s another organisation's with an audit row, and 404s a missing one without", async () => {
		const home = await makeOrganisation();
		const other = await makeOrganisation();
		const reader = await person(other.org.id, 'editor');
		const system = await createSystem(home.actor);

		const own = await recordOf(
			requestAs(home.org.id, reader.userId!, `/systems/${system.id}`),
			home.org.id,
			'system',
			systems.getSystem
		);
		expect(own.id).toBe(system.id);

		const theirs = requestAs(other.org.id, reader.userId!, `/systems/${system.id}`);
		await expect(recordOf(theirs, other.org.id, 'system', systems.getSystem)).rejects.toMatchObject(
			{ status: 404 }
		);
		const [row] = await denials(reader.userId!, 'system', system.id);
		expect(row).toMatchObject({
			organisationId: other.org.id,
			detail: `GET /systems/${system.id}: record of another organisation`
		});

		await expect(
			ownRecord(
				requestAs(other.org.id, reader.userId!, '/systems/987654321'),
				'system',
				987_654_321,
				undefined
			)
		).rejects.toMatchObject({ status: 404 });
		expect(await denials(reader.userId!, 'system', 987_654_321)).toEqual([]);
	});

	it('a signed-out caller gets the 404 and writes nothing', async () => {
		const home = await makeOrganisation();
		const system = await createSystem(home.actor);
		const event = {
			...requestAs(home.org.id, 1, `/systems/${system.id}`),
			locals: {}
		} as unknown as RequestEvent;
		await expect(recordNotFound(event, 'system', system.id)).rejects.toMatchObject({ status: 404 });
	});

	it('knows the organisation of every kind of record a URL or form names', async () => {
		const home = await makeOrganisation();
		const editor = await person(home.org.id, 'editor');
		const system = await createSystem(home.actor);
		const line = expectOk(
			await costService.createCostLine(
				home.actor,
				{ systemId: system.id, workstreamId: null },
				{
					financialYear: '2026/27',
					spendType: 'revenue',
					category: 'licence',
					amountPence: 1,
					confidence: 'estimate',
					fundingSourceId: null,
					description: ''
				}
			)
		).line;
		const source = expectOk(
			await fundingService.createFundingSource(home.actor, {
				name: 'Grant',
				kind: 'grant',
				spendType: 'capital',
				allocations: []
			})
		).source;
		const milestone = expectOk(
			await milestoneService.createMilestone(
				home.actor,
				{ workstreamId: home.integration.id },
				{
					kind: 'go_live',
					plannedDate: '2027-01-01',
					forecastDate: null,
					actualDate: null,
					note: ''
				}
			)
		).milestone;
		const businessCase = expectOk(
			await caseService.createBusinessCase(editor, { title: 'A case', stage: 'outline' })
		).businessCase;
		const records: [RecordKind, number][] = [
			['system', system.id],
			['workstream', home.integration.id],
			['cost_line', line.id],
			['funding_source', source.id],
			['milestone', milestone.id],
			['business_case', businessCase.id],
			['user', editor.userId!]
		];
		for (const [kind, id] of records) {
			expect([kind, await organisationOfRecord(db(), kind, id)]).toEqual([kind, home.org.id]);
			expect([kind, await organisationOfRecord(db(), kind, 2_000_000_000)]).toEqual([kind, null]);
		}
	});
});
