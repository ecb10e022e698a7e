import { describe, expect, it } from 'vitest';
import { planImport, type ExistingSystem } from './plan';
import type { ImportRow } from './rows';
import type { SystemInput, SystemFormField } from '../system-form';

const base: SystemInput = {
	name: 'CareFlow', description: '', supplier: 'Caseworks', product: '', hosting: 'saas', businessOwner: '', technicalOwner: '', contactName: '', contactEmail: '',
	contactPhone: '', userCount: null, annualRunCostPence: 100, contractStart: null, contractEnd: null, contractNotice: null, criticality: 'high',
	statutoryDuties: '', personalData: 'personal', lifecycle: 'live', directorateId: null, serviceAreaId: null, externalRef: 'CFA-1'
};
const existing: ExistingSystem[] = [
	{ id: 1, version: 3, input: base, workstreams: new Set(['integration']) },
	{ id: 2, version: 1, input: { ...base, name: 'Twin', externalRef: null }, workstreams: new Set() },
	{ id: 3, version: 1, input: { ...base, name: 'Twin', externalRef: 'T-2' }, workstreams: new Set() }
];
const workstreams = new Map([['integration', 'Integration'], ['case management', 'Case Management']]);

function row(n: number, input: Partial<SystemInput>, given: SystemFormField[], ws: string[] | null = null): ImportRow {
	return { row: n, input: { ...base, externalRef: null, ...input }, given: new Set(given), workstreams: ws };
}

describe('planImport', () => {
	it('creates, updates only the given fields, and leaves identical rows unchanged', () => {
		const plan = planImport(
			[
				row(2, { name: 'New one', hosting: 'hosted' }, ['name', 'hosting', 'criticality', 'personalData']),
				row(3, { externalRef: 'CFA-1', name: 'CareFlow', annualRunCostPence: 200, supplier: 'ignored' }, ['externalRef', 'name', 'annualRunCost']),
				row(4, { name: 'Twin', externalRef: 'T-2' }, ['externalRef', 'name'])
			],
			existing,
			workstreams
		);
		expect(plan.counts).toEqual({ create: 1, update: 1, unchanged: 1, rejected: 0 });
		const update = plan.changes.find((c) => c.row === 3)!;
		expect(update).toMatchObject({ kind: 'update', systemId: 1, version: 3 });
		expect(update.input).toEqual({ ...base, annualRunCostPence: 200 });
	});

	it('matches by exact name when there is no reference, and refuses an ambiguous name', () => {
		const plan = planImport([row(2, { name: 'CareFlow', annualRunCostPence: 100 }, ['name', 'annualRunCost']), row(3, { name: 'Twin' }, ['name'])], existing, workstreams);
		expect(plan.changes).toEqual([expect.objectContaining({ row: 2, kind: 'unchanged', systemId: 1 })]);
		expect(plan.problems).toEqual([{ row: 3, column: 'Name', reason: expect.stringMatching(/2 systems are called 'Twin'/) }]);
	});

	it('links new workstreams, refuses unknown ones and a system twice', () => {
		const plan = planImport(
			[
				row(2, { externalRef: 'CFA-1' }, ['externalRef', 'name'], ['integration', 'Case Management']),
				row(3, { externalRef: 'CFA-1' }, ['externalRef', 'name']),
				row(4, { name: 'Brand new' }, ['name', 'hosting', 'criticality', 'personalData'], ['Finance'])
			],
			existing,
			workstreams
		);
		expect(plan.changes).toEqual([expect.objectContaining({ row: 2, kind: 'update', link: ['Case Management'] })]);
		expect(plan.problems.map((p) => [p.row, p.reason])).toEqual([
			[3, 'Row 2 is the same system: each system may appear once'],
			[4, "There is no workstream called 'Finance'"]
		]);
		expect(plan.counts.rejected).toBe(2);
	});

	it('will not invent hosting, criticality or personal data for a new system', () => {
		const plan = planImport([row(2, { name: 'Sparse' }, ['name'])], existing, workstreams);
		expect(plan.problems).toEqual([{ row: 2, column: 'Hosting, Criticality, Personal data held', reason: 'A new system needs Hosting, Criticality, Personal data held' }]);
	});
});
