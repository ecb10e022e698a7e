import { db, startDatabase, transaction } from '$lib/server/db/database';
import * as users from '$lib/server/repos/users';
import type { Role } from '$lib/domain/permissions';
import * as organisations from '$lib/server/repos/organisations';
import * as workstreams from '$lib/server/repos/workstreams';
import * as systemService from '$lib/server/services/systems';
import type { Actor } from '$lib/server/services/actor';
import type { SystemInput } from '$lib/domain/systems';

export { db, startDatabase };

let counter = 0;

/** A fresh organisation with one directorate, one service area and two workstreams. */
export async function makeOrganisation(name = `Org ${++counter}`) {
	return transaction(async (tx) => {
		const org = await organisations.createOrganisation(tx, {
			slug: `org-${counter}-${Math.random().toString(36).slice(2, 8)}`,
			name
		});
		const directorate = await organisations.createDirectorate(
			tx,
			org.id,
			'Children, Families and Adults'
		);
		const area = await organisations.createServiceArea(
			tx,
			org.id,
			directorate.id,
			'Children and Families'
		);
		const integration = await workstreams.createWorkstream(tx, org.id, { name: 'Integration' });
		const caseManagement = await workstreams.createWorkstream(tx, org.id, {
			name: 'Case Management'
		});
		const actor: Actor = { organisationId: org.id, userId: null, displayName: 'Test officer' };
		return { org, directorate, area, integration, caseManagement, actor };
	});
}

export function systemInput(overrides: Partial<SystemInput> = {}): SystemInput {
	return {
		name: `System ${++counter}`,
		description: '',
		supplier: 'Acme Care Ltd',
		product: 'CareFlow',
		hosting: 'saas',
		businessOwner: 'Head of Early Help',
		technicalOwner: 'Applications Support',
		contactName: '',
		contactEmail: '',
		contactPhone: '',
		userCount: 100,
		annualRunCostPence: 1250000,
		contractStart: null,
		contractEnd: null,
		contractNotice: null,
		criticality: 'medium',
		statutoryDuties: '',
		personalData: 'personal',
		lifecycle: 'live',
		directorateId: null,
		serviceAreaId: null,
		externalRef: null,
		...overrides
	};
}

export function createSystem(actor: Actor, overrides: Partial<SystemInput> = {}) {
	return systemService.createSystem(actor, systemInput(overrides));
}

let people = 0;

/** A signed-in person of the organisation with `role` (no usable password: services take the actor). */
export async function person(organisationId: number, role: Role): Promise<Actor> {
	const email = `${role}-${++people}@example.gov.uk`;
	const user = await transaction((tx) =>
		users.insertUser(tx, {
			organisationId,
			email,
			displayName: `Councillor ${role} ${people}`,
			role,
			passwordHash: 'not-used-here'
		})
	);
	return { organisationId, userId: user.id, displayName: email };
}

/** The result, which must be a success (else the test fails with what it was). */
export function expectOk<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
	if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
	return result as Extract<T, { ok: true }>;
}
