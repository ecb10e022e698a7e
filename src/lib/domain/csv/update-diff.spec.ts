import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readRow, type ImportContext } from './rows';
import type { ImportField, Mapping } from './mapping';
import { planImport, type ExistingSystem, type PlannedChange } from './plan';
import { CLEAR_MARKER, isClearMarker } from './clear-marker';
import { describeUpdate, namesForUpdates, outcomesWords, updateCsvRows } from './update-diff';
import { mergeUpdate } from './merge';
import type { SystemInput } from '../systems/system-form';

const context: ImportContext = {
	directorates: new Map([
		['children, families and adults', 1],
		['place', 2]
	]),
	serviceAreas: new Map([
		['children and families', 10],
		['highways', 20]
	]),
	directorateIds: new Set([1, 2]),
	serviceAreaDirectorate: new Map([
		[10, 1],
		[20, 2]
	])
};
const names = namesForUpdates(
	[
		{ id: 1, name: 'Children, Families and Adults' },
		{ id: 2, name: 'Place' }
	],
	[
		{ id: 10, name: 'Children and Families' },
		{ id: 20, name: 'Highways' }
	]
);

const current: SystemInput = {
	name: 'CareFlow',
	description: 'The case record for social workers',
	supplier: 'Caseworks Ltd',
	product: 'CareFlow 7',
	hosting: 'saas',
	businessOwner: 'Head of Service',
	technicalOwner: 'ICT',
	contactName: 'A Person',
	contactEmail: 'a@example.gov.uk',
	contactPhone: '01632 960 001',
	userCount: 850,
	annualRunCostPence: 52_800_000,
	contractStart: '2022-04-01',
	contractEnd: '2027-03-31',
	contractNotice: '2026-09-30',
	criticality: 'critical',
	statutoryDuties: 'Children Act 1989',
	personalData: 'special_category',
	lifecycle: 'live',
	directorateId: 1,
	serviceAreaId: 10,
	externalRef: 'CFA-1'
};
const existing: ExistingSystem = {
	id: 7,
	version: 4,
	input: current,
	workstreams: new Set(),
	review: null
};

/** Reads one row under these columns and plans it against the existing system. */
function plan(fields: ImportField[], cells: string[], system: ExistingSystem = existing) {
	const read = readRow(cells, 2, fields as Mapping, context);
	if (!read.ok) return { problems: read.problems, change: undefined };
	const result = planImport([read.row], [system], new Map());
	return { problems: result.problems, change: result.changes[0] };
}

describe('a blank cell never erases a value', () => {
	it('keeps every value whose cell is blank, and updates only the filled ones', () => {
		const { change, problems } = plan(
			[
				'externalRef',
				'name',
				'description',
				'supplier',
				'annualRunCost',
				'directorate',
				'serviceArea',
				'contractEnd'
			],
			['CFA-1', 'CareFlow', '', '', '412000', '', '', '']
		);
		expect(problems).toEqual([]);
		expect(change).toMatchObject({ kind: 'update', changed: ['annualRunCostPence'] });
		expect(change!.input).toEqual({ ...current, annualRunCostPence: 41_200_000 });
	});

	it('clears a value only where the cell holds the clear marker, in any letter case', () => {
		expect(isClearMarker(' (CLEAR) ')).toBe(true);
		expect(isClearMarker('clear')).toBe(false);
		const { change } = plan(
			['externalRef', 'name', 'description', 'supplier', 'contractEnd', 'serviceArea'],
			['CFA-1', 'CareFlow', '(Clear)', CLEAR_MARKER, '(clear)', '(CLEAR)']
		);
		expect(change!.changed.sort()).toEqual([
			'contractEnd',
			'description',
			'serviceAreaId',
			'supplier'
		]);
		expect(change!.input).toMatchObject({
			description: '',
			supplier: '',
			contractEnd: null,
			serviceAreaId: null,
			directorateId: 1
		});
	});

	it.each([['name'], ['hosting'], ['criticality'], ['personalData'], ['lifecycle']] as [
		ImportField
	][])('refuses to clear the required %s, saying why', (field) => {
		const fields: ImportField[] =
			field === 'name' ? ['externalRef', 'name'] : ['externalRef', 'name', field];
		const cells = field === 'name' ? ['CFA-1', CLEAR_MARKER] : ['CFA-1', 'CareFlow', CLEAR_MARKER];
		const { problems, change } = plan(fields, cells);
		expect(change).toBeUndefined();
		expect(
			problems.some((p) => /cannot be cleared: every system must have one/.test(p.reason))
		).toBe(true);
	});

	it('refuses a move of directorate that would keep a service area of the old one', () => {
		const { problems } = plan(
			['externalRef', 'name', 'directorate', 'serviceArea'],
			['CFA-1', 'CareFlow', 'Place', '']
		);
		expect(problems).toEqual([
			expect.objectContaining({
				column: 'Service area',
				reason: expect.stringMatching(/service area is in its current directorate.*\(clear\)/)
			})
		]);
		const moved = plan(
			['externalRef', 'name', 'directorate', 'serviceArea'],
			['CFA-1', 'CareFlow', 'Place', 'Highways']
		);
		expect(moved.change!.input).toMatchObject({ directorateId: 2, serviceAreaId: 20 });
	});

	it('checks a contract end given against the start and notice date kept', () => {
		const merged = mergeUpdate(current, new Set(['contractEnd']), {
			...current,
			contractStart: null,
			contractEnd: '2021-01-01'
		});
		expect(merged.problems).toEqual([
			['Contract end', expect.stringMatching(/on or after the contract start/)],
			['Contract notice date', expect.stringMatching(/on or before the contract end/)]
		]);
		expect(
			mergeUpdate(current, new Set(['contractEnd']), { ...current, contractEnd: '2027-06-30' })
				.problems
		).toEqual([]);
	});

	// For any row, a field whose cell is blank keeps the system's value, and a filled one takes the row's.
	it('never changes a field whose cell was blank (property)', () => {
		const textFields = [
			'description',
			'supplier',
			'product',
			'businessOwner',
			'technicalOwner',
			'statutoryDuties'
		] as const;
		fc.assert(
			fc.property(
				fc.array(fc.option(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}$/), { nil: '' }), {
					minLength: textFields.length,
					maxLength: textFields.length
				}),
				(cells) => {
					const { change } = plan(
						['externalRef', 'name', ...textFields],
						['CFA-1', 'CareFlow', ...cells]
					);
					textFields.forEach((f, i) => {
						const cell = cells[i]!.trim();
						expect(change!.input[f]).toBe(cell === '' ? current[f] : cell);
					});
				}
			)
		);
	});
});

describe('describeUpdate: each change in words', () => {
	const change = (over: Partial<PlannedChange>): PlannedChange => ({
		row: 5,
		kind: 'update',
		systemId: 7,
		version: 4,
		input: current,
		changed: [],
		previous: current,
		link: [],
		review: null,
		previousReview: null,
		matchedBy: 'name',
		leftOut: false,
		...over
	});

	it('gives labels, pounds and pence, UK dates and names, not keys and ids', () => {
		const input: SystemInput = {
			...current,
			annualRunCostPence: 41_200_000,
			contractEnd: null,
			directorateId: 2,
			serviceAreaId: 20,
			userCount: 1200,
			hosting: 'on_premises'
		};
		const u = describeUpdate(
			change({
				input,
				changed: [
					'annualRunCostPence',
					'contractEnd',
					'directorateId',
					'serviceAreaId',
					'userCount',
					'hosting'
				]
			}),
			names
		);
		expect(u).toMatchObject({ row: 5, systemId: 7, name: 'CareFlow', matchedBy: 'name' });
		expect(u.fields.map((f) => [f.label, f.before, f.after])).toEqual([
			['Annual run cost', '£528,000.00', '£412,000.00'],
			['Contract end', '31 March 2027', 'not set'],
			['Directorate', 'Children, Families and Adults', 'Place'],
			['Service area', 'Children and Families', 'Highways'],
			['Number of users', '850', '1,200'],
			['Hosting', 'Software as a service', expect.stringMatching(/^On/)]
		]);
		expect(u.fields.filter((f) => f.figure).map((f) => f.label)).toEqual([
			'Annual run cost',
			'Contract end',
			'Number of users'
		]);
	});

	it("never shows a named contact's details, only that they change", () => {
		const u = describeUpdate(
			change({
				input: { ...current, contactEmail: 'new@example.gov.uk', contactName: '' },
				changed: ['contactName', 'contactEmail']
			}),
			names,
			true
		);
		expect(u.fields.map((f) => [f.label, f.before, f.after])).toEqual([
			['Contact name', 'recorded (personal data, not shown)', 'not set'],
			[
				'Contact email',
				'recorded (personal data, not shown)',
				'recorded (personal data, not shown)'
			]
		]);
		expect(JSON.stringify(u)).not.toMatch(/example\.gov\.uk|A Person/);
	});

	it('cuts long text to a line on the page and keeps it whole in the download', () => {
		const long = `${'word '.repeat(60)}end`;
		const c = change({
			input: { ...current, description: long },
			changed: ['description'],
			matchedBy: 'reference'
		});
		expect(describeUpdate(c, names).fields[0]!.after).toMatch(/… \(303 characters\)$/);
		const rows = updateCsvRows(describeUpdate(c, names, true));
		expect(rows).toEqual([
			[
				5,
				'CareFlow',
				'matched by external reference',
				'Description',
				'The case record for social workers',
				long
			]
		]);
	});

	it('says which workstreams are linked and the outcomes before and after', () => {
		const c = change({
			link: ['Integration'],
			review: {
				reviewedOn: '2026-12-01',
				reviewer: 'x',
				outcomes: [
					{
						outcome: 'decommission',
						rationale: '',
						status: 'proposed',
						targetDate: null,
						workstream: null
					}
				]
			},
			previousReview: {
				reviewedOn: '2026-06-01',
				reviewer: 'y',
				outcomes: [
					{
						outcome: 'develop',
						rationale: '',
						status: 'agreed',
						targetDate: null,
						workstream: null
					}
				]
			}
		});
		expect(describeUpdate(c, names).fields.map((f) => [f.label, f.before, f.after])).toEqual([
			['Workstreams', 'not linked', 'linked to Integration'],
			[
				'Review outcomes',
				'Development required (agreed)',
				'Decommission (proposed, target date not set)'
			]
		]);
		expect(
			outcomesWords([{ outcome: 'replace', status: 'agreed', targetDate: '2028-03-31' }])
		).toBe('Replace with the new main system (agreed, target date 31 March 2028)');
		expect(outcomesWords(null)).toBe('not reviewed');
	});
});
