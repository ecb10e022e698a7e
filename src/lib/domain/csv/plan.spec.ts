import { describe, expect, it } from 'vitest';
import { planImport, type ExistingSystem } from './plan';
import type { ImportRow, ImportedReview } from './rows';
import type { SystemInput, SystemFormField } from '../systems/system-form';

const base: SystemInput = {
	name: 'CareFlow',
	description: '',
	supplier: 'Caseworks',
	product: '',
	hosting: 'saas',
	businessOwner: '',
	technicalOwner: '',
	contactName: '',
	contactEmail: '',
	contactPhone: '',
	userCount: null,
	annualRunCostPence: 100,
	contractStart: null,
	contractEnd: null,
	contractNotice: null,
	criticality: 'high',
	statutoryDuties: '',
	personalData: 'personal',
	lifecycle: 'live',
	directorateId: null,
	serviceAreaId: null,
	externalRef: 'CFA-1'
};
const existing: ExistingSystem[] = [
	{ id: 1, version: 3, input: base, workstreams: new Set(['integration']), review: null },
	{
		id: 2,
		version: 1,
		input: { ...base, name: 'Twin', externalRef: null },
		workstreams: new Set(),
		review: null
	},
	{
		id: 3,
		version: 1,
		input: { ...base, name: 'Twin', externalRef: 'T-2' },
		workstreams: new Set(),
		review: null
	}
];
const workstreams = new Map([
	['integration', 'Integration'],
	['case management', 'Case Management']
]);

function row(
	n: number,
	input: Partial<SystemInput>,
	given: SystemFormField[],
	ws: string[] | null = null
): ImportRow {
	return {
		row: n,
		input: { ...base, externalRef: null, ...input },
		given: new Set(given),
		workstreams: ws,
		review: null
	};
}

describe('planImport', () => {
	it('creates, updates only the given fields, and leaves identical rows unchanged', () => {
		const plan = planImport(
			[
				row(2, { name: 'New one', hosting: 'hosted' }, [
					'name',
					'hosting',
					'criticality',
					'personalData'
				]),
				row(
					3,
					{ externalRef: 'CFA-1', name: 'CareFlow', annualRunCostPence: 200, supplier: 'ignored' },
					['externalRef', 'name', 'annualRunCost']
				),
				row(4, { name: 'Twin', externalRef: 'T-2' }, ['externalRef', 'name'])
			],
			existing,
			workstreams
		);
		expect(plan.counts).toEqual({
			create: 1,
			update: 1,
			unchanged: 1,
			rejected: 0,
			reviews: 0,
			links: 0
		});
		const update = plan.changes.find((c) => c.row === 3)!;
		expect(update).toMatchObject({ kind: 'update', systemId: 1, version: 3 });
		expect(update.input).toEqual({ ...base, annualRunCostPence: 200 });
	});

	it('matches by exact name when there is no reference, and refuses an ambiguous name', () => {
		const plan = planImport(
			[
				row(2, { name: 'CareFlow', annualRunCostPence: 100 }, ['name', 'annualRunCost']),
				row(3, { name: 'Twin' }, ['name'])
			],
			existing,
			workstreams
		);
		expect(plan.changes).toEqual([
			expect.objectContaining({ row: 2, kind: 'unchanged', systemId: 1 })
		]);
		// Only the ambiguity: it may be an update, so what a new system would need is not asked.
		expect(plan.problems).toEqual([
			{
				row: 3,
				column: 'Name',
				reason: expect.stringMatching(/2 systems are called 'Twin'/),
				name: 'Twin'
			}
		]);
	});

	it('links new workstreams, refuses unknown ones and a system twice', () => {
		const plan = planImport(
			[
				row(
					2,
					{ externalRef: 'CFA-1' },
					['externalRef', 'name'],
					['integration', 'Case Management']
				),
				row(3, { externalRef: 'CFA-1' }, ['externalRef', 'name']),
				row(
					4,
					{ name: 'Brand new' },
					['name', 'hosting', 'criticality', 'personalData'],
					['Finance']
				)
			],
			existing,
			workstreams
		);
		expect(plan.changes).toEqual([
			expect.objectContaining({ row: 2, kind: 'update', link: ['Case Management'] })
		]);
		expect(plan.problems.map((p) => [p.row, p.reason])).toEqual([
			[3, 'Row 2 is the same system: each system may appear once'],
			[4, "There is no workstream called 'Finance'"]
		]);
		expect(plan.counts.rejected).toBe(2);
	});

	it('reports a repeated name even when its first row is refused, so the officer learns both in one round', () => {
		// Found by the messy-import browser test: the duplicate was reported only once the first row's answers were given.
		const plan = planImport(
			[
				row(2, { name: 'Twice' }, ['name']),
				row(3, { name: 'Twice' }, ['name', 'hosting', 'criticality', 'personalData'])
			],
			existing,
			workstreams
		);
		expect(plan.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
			[
				2,
				'Hosting, Criticality, Personal data held',
				'A new system needs Hosting, Criticality, Personal data held'
			],
			[3, 'Name', 'Row 2 is the same system: each system may appear once']
		]);
		expect(plan.counts).toMatchObject({ create: 0, rejected: 2 });
	});

	it('will not invent hosting, criticality or personal data for a new system', () => {
		const plan = planImport([row(2, { name: 'Sparse' }, ['name'])], existing, workstreams);
		expect(plan.problems).toEqual([
			{
				row: 2,
				column: 'Hosting, Criticality, Personal data held',
				reason: 'A new system needs Hosting, Criticality, Personal data held',
				name: 'Sparse'
			}
		]);
	});
});

describe('planImport: every problem of a row at once', () => {
	const withReview = (r: ImportRow, review: Partial<ImportedReview>): ImportRow => ({
		...r,
		review: {
			outcomes: ['decommission', 'replace'],
			reviewedOn: null,
			reviewer: null,
			rationale: null,
			status: null,
			targetDate: null,
			replacingWorkstream: null,
			...review
		}
	});
	it.each([
		[
			'a second appearance with an unknown workstream',
			[
				row(2, { externalRef: 'CFA-1' }, ['externalRef', 'name']),
				row(3, { externalRef: 'CFA-1' }, ['externalRef', 'name'], ['Finance'])
			],
			[
				['External reference', /Row 2 is the same system/],
				['Workstreams', /no workstream called 'Finance'/]
			]
		],
		[
			'a new system lacking fields, with an unknown workstream',
			[row(2, { name: 'Fresh' }, ['name'], ['Finance', 'Parks'])],
			[
				['Workstreams', /'Finance' or 'Parks'/],
				['Hosting, Criticality, Personal data held', /A new system needs/]
			]
		],
		[
			'a review without a known replacing workstream, on a new system lacking fields (a missing date is no problem)',
			[withReview(row(2, { name: 'Fresh' }, ['name']), { replacingWorkstream: 'Nowhere' })],
			[
				['Hosting, Criticality, Personal data held', /A new system needs/],
				['Workstream delivering the replacement', /no workstream called 'Nowhere'/]
			]
		]
	] as [string, ImportRow[], [string, RegExp][]][])('%s', (_what, rows, expected) => {
		const plan = planImport(rows, existing, workstreams);
		const last = rows.at(-1)!;
		const problems = plan.problems.filter((p) => p.row === last.row);
		expect(problems.map((p) => p.column)).toEqual(expected.map(([column]) => column));
		problems.forEach((p, i) => expect(p.reason).toMatch(expected[i]![1]));
		for (const p of problems) expect(p.name).toBe(last.input.name);
		expect(plan.changes.some((c) => c.row === last.row)).toBe(false);
	});
});

describe('planImport: review outcomes', () => {
	const defaults = { today: '2026-12-02', source: 'minutes.csv' };
	const review = (
		outcomes: ImportedReview['outcomes'],
		details: Partial<ImportedReview> = {}
	): ImportedReview => ({
		outcomes,
		reviewedOn: null,
		reviewer: null,
		rationale: null,
		status: null,
		targetDate: null,
		replacingWorkstream: null,
		...details
	});
	const reviewed: ExistingSystem = {
		id: 9,
		version: 2,
		input: { ...base, name: 'Reviewed', externalRef: 'R-9' },
		workstreams: new Set(['case management']),
		review: {
			reviewedOn: '2026-06-01',
			reviewer: 'Strategy group',
			outcomes: [
				{
					outcome: 'replace',
					rationale: 'Old',
					status: 'proposed',
					targetDate: '2028-03-31',
					workstream: 'Case Management'
				}
			]
		}
	};
	const withReview = (
		n: number,
		r: ImportedReview,
		ws: string[] | null = null,
		input: Partial<SystemInput> = {}
	): ImportRow => ({
		...row(n, { name: 'Reviewed', externalRef: 'R-9', ...input }, ['externalRef', 'name'], ws),
		review: r
	});

	it('leaves the review alone when the outcomes and every given detail match the current review', () => {
		const plan = planImport(
			[withReview(2, review(['replace'], { status: 'proposed' }))],
			[reviewed],
			workstreams,
			[],
			defaults
		);
		expect(plan.changes).toEqual([expect.objectContaining({ kind: 'unchanged', review: null })]);
		expect(plan.counts.reviews).toBe(0);
	});

	it('records a new review that keeps the current details the file does not give', () => {
		const plan = planImport(
			[
				withReview(
					2,
					review(['replace', 'develop'].sort() as ImportedReview['outcomes'], { status: 'agreed' })
				)
			],
			[reviewed],
			workstreams,
			[],
			defaults
		);
		const change = plan.changes[0]!;
		expect(change.kind).toBe('update');
		expect(change.review).toEqual({
			reviewedOn: '2026-12-02',
			reviewer: 'Spreadsheet import (minutes.csv)',
			outcomes: [
				{
					outcome: 'develop',
					rationale: 'Recorded by the spreadsheet import of minutes.csv',
					status: 'agreed',
					targetDate: null,
					workstream: null
				},
				{
					outcome: 'replace',
					rationale: 'Old',
					status: 'agreed',
					targetDate: '2028-03-31',
					workstream: 'Case Management'
				}
			]
		});
		expect(change.previousReview).toBe(reviewed.review);
		expect(plan.counts).toMatchObject({ update: 1, reviews: 1, links: 0 });
	});

	it('takes the replacing workstream from its column, else the only workstream named, and links it', () => {
		const fresh = (n: number, name: string, r: ImportedReview, ws: string[] | null): ImportRow => ({
			...row(n, { name }, ['name', 'hosting', 'criticality', 'personalData'], ws),
			review: r
		});
		const plan = planImport(
			[
				fresh(
					2,
					'A',
					review(['replace'], { targetDate: '2028-03-31', replacingWorkstream: 'integration' }),
					null
				),
				fresh(3, 'B', review(['replace'], { targetDate: '2028-03-31' }), ['Case Management']),
				fresh(4, 'C', review(['replace'], { targetDate: '2028-03-31' }), [
					'Integration',
					'Case Management'
				]),
				fresh(5, 'D', review(['decommission']), null),
				fresh(
					6,
					'E',
					review(['replace'], { targetDate: '2028-03-31', replacingWorkstream: 'Finance' }),
					null
				)
			],
			[],
			workstreams,
			[],
			defaults
		);
		expect(plan.changes.map((c) => [c.row, c.link, c.review?.outcomes[0]?.workstream])).toEqual([
			[2, ['Integration'], 'Integration'],
			[3, ['Case Management'], 'Case Management'],
			[4, ['Integration', 'Case Management'], null],
			[5, [], null]
		]);
		// Two workstreams and no column to say which delivers it: imported, proposed, with the workstream not set.
		expect(plan.changes.find((c) => c.row === 4)!.review!.outcomes[0]).toMatchObject({
			status: 'proposed',
			workstream: null
		});
		expect(plan.warnings.shown).toContainEqual({
			row: 4,
			column: 'Workstream delivering the replacement',
			reason: "'Replace with the new main system' recorded as proposed, workstream not set",
			name: 'C'
		});
		expect(plan.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
			[6, 'Workstream delivering the replacement', "There is no workstream called 'Finance'"]
		]);
		expect(plan.counts).toMatchObject({ create: 4, rejected: 1, reviews: 4, links: 4 });
	});

	it('records an agreed replace with no workstream as proposed, workstream not set, and says it was marked agreed', () => {
		const plan = planImport(
			[
				{
					...row(2, { name: 'Undelivered' }, ['name', 'hosting', 'criticality', 'personalData']),
					review: review(['replace'], { targetDate: '2028-03-31', status: 'agreed' })
				}
			],
			[],
			workstreams,
			[],
			defaults
		);
		expect(plan.problems).toEqual([]);
		expect(plan.changes[0]!.review!.outcomes).toEqual([
			expect.objectContaining({
				outcome: 'replace',
				status: 'proposed',
				targetDate: '2028-03-31',
				workstream: null
			})
		]);
		expect(plan.warnings.shown).toEqual([
			{
				row: 2,
				column: 'Workstream delivering the replacement',
				reason:
					"'Replace with the new main system' is marked agreed but has no workstream: recorded as proposed, workstream not set",
				name: 'Undelivered'
			}
		]);
	});

	it('records a review when the file gives a different review date for the same outcomes', () => {
		const plan = planImport(
			[
				withReview(2, review(['replace'], { reviewedOn: '2026-11-30', reviewer: 'Strategy group' }))
			],
			[reviewed],
			workstreams,
			[],
			defaults
		);
		expect(plan.changes[0]!.review).toMatchObject({
			reviewedOn: '2026-11-30',
			reviewer: 'Strategy group'
		});
	});
});
