import { describe, expect, it } from 'vitest';
import { readReplaceAgreed, replacesAgreed } from './agreed-reviews';
import { planImport, type CurrentOutcome, type ExistingSystem } from './plan';
import type { ImportRow, ImportedReview } from './rows';
import type { SystemInput } from '../systems/system-form';

const o = (
	outcome: CurrentOutcome['outcome'],
	status: CurrentOutcome['status'],
	more: Partial<CurrentOutcome> = {}
): CurrentOutcome => ({
	outcome,
	status,
	rationale: 'Why',
	targetDate: null,
	workstream: null,
	...more
});
const review = (...outcomes: CurrentOutcome[]) => ({ outcomes });

describe('replacesAgreed', () => {
	it.each([
		['no current review', null, review(o('maintain', 'proposed')), false],
		[
			'a proposed review replaced',
			review(o('develop', 'proposed')),
			review(o('maintain', 'proposed')),
			false
		],
		[
			'an agreed outcome replaced by another',
			review(o('develop', 'agreed')),
			review(o('maintain', 'proposed')),
			true
		],
		[
			'an agreed outcome made proposed',
			review(o('develop', 'agreed')),
			review(o('develop', 'proposed')),
			true
		],
		[
			'an agreed outcome with its reason changed',
			review(o('develop', 'agreed')),
			review(o('develop', 'agreed', { rationale: 'Other' })),
			true
		],
		[
			'an agreed outcome with its date changed',
			review(o('decommission', 'agreed', { targetDate: '2027-03-31' })),
			review(o('decommission', 'agreed', { targetDate: '2028-03-31' })),
			true
		],
		[
			'every agreed outcome kept as it was, a proposed one added',
			review(o('develop', 'agreed')),
			review(
				o('develop', 'agreed'),
				o('replace', 'proposed', { targetDate: '2028-01-01', workstream: 'X' })
			),
			false
		],
		[
			'one of two agreed outcomes dropped',
			review(o('develop', 'agreed'), o('replace', 'agreed')),
			review(o('develop', 'agreed')),
			true
		],
		['no new review', review(o('develop', 'agreed')), null, false]
	])('%s: %s', (_what, current, next, expected) => {
		expect(replacesAgreed(current, next)).toBe(expected);
	});

	it('reads the tick only as the commit form sends it', () => {
		expect(readReplaceAgreed(new Map([['replaceAgreed', 'yes']]))).toBe(true);
		expect(readReplaceAgreed(new Map([['replaceAgreed', 'on']]))).toBe(false);
		expect(readReplaceAgreed(new Map())).toBe(false);
	});
});

const base: SystemInput = {
	name: 'Agreed',
	description: '',
	supplier: 'Old',
	product: '',
	hosting: 'saas',
	businessOwner: '',
	technicalOwner: '',
	contactName: '',
	contactEmail: '',
	contactPhone: '',
	userCount: null,
	annualRunCostPence: null,
	contractStart: null,
	contractEnd: null,
	contractNotice: null,
	criticality: 'high',
	statutoryDuties: '',
	personalData: 'personal',
	lifecycle: 'live',
	directorateId: null,
	serviceAreaId: null,
	externalRef: 'AG-1'
};
const agreedSystem: ExistingSystem = {
	id: 3,
	version: 2,
	input: base,
	workstreams: new Set(),
	review: { reviewedOn: '2026-06-01', reviewer: 'Group', outcomes: [o('develop', 'agreed')] }
};
const plainSystem: ExistingSystem = {
	id: 4,
	version: 1,
	input: { ...base, name: 'Plain', externalRef: 'PL-1' },
	workstreams: new Set(),
	review: null
};
const imported = (
	outcomes: ImportedReview['outcomes'],
	more: Partial<ImportedReview> = {}
): ImportedReview => ({
	outcomes,
	reviewedOn: null,
	reviewer: null,
	rationale: null,
	status: null,
	targetDate: null,
	replacingWorkstream: null,
	...more
});
const row = (
	n: number,
	ref: string,
	name: string,
	r: ImportedReview | null,
	supplier = 'Old'
): ImportRow => ({
	row: n,
	input: { ...base, name, externalRef: ref, supplier },
	given: new Set(['externalRef', 'name', 'supplier']),
	workstreams: null,
	review: r
});
const defaults = { today: '2026-12-05', source: 'minutes.csv' };

describe('planImport: an agreed review is replaced only with the tick', () => {
	const rows = [
		row(2, 'AG-1', 'Agreed', imported(['maintain']), 'New'),
		row(3, 'PL-1', 'Plain', imported(['maintain']))
	];

	it('leaves the row out without the tick: listed, counted, not planned', () => {
		const plan = planImport(rows, [agreedSystem, plainSystem], new Map(), [], defaults);
		expect(plan.changes.map((c) => c.row)).toEqual([3]);
		expect(plan.counts).toMatchObject({ update: 1, reviews: 1, rejected: 0 });
		expect(plan.agreed).toEqual({
			total: 1,
			replace: false,
			shown: [
				{
					row: 2,
					systemId: 3,
					name: 'Agreed',
					before: [o('develop', 'agreed')],
					after: [expect.objectContaining({ outcome: 'maintain', status: 'proposed' })]
				}
			]
		});
	});

	it('plans it, supplier and review, with the tick', () => {
		const plan = planImport(rows, [agreedSystem, plainSystem], new Map(), [], {
			...defaults,
			replaceAgreed: true
		});
		expect(
			plan.changes.map((c) => [c.row, c.changed, c.review?.outcomes.map((x) => x.outcome)])
		).toEqual([
			[2, ['supplier'], ['maintain']],
			[3, [], ['maintain']]
		]);
		expect(plan.counts).toMatchObject({ update: 2, reviews: 2 });
		expect(plan.agreed).toMatchObject({ total: 1, replace: true });
	});

	it('still counts a second row for the same system as a duplicate when the first was left out', () => {
		const plan = planImport(
			[rows[0]!, row(4, 'AG-1', 'Agreed', null)],
			[agreedSystem],
			new Map(),
			[],
			defaults
		);
		expect(plan.problems).toEqual([
			expect.objectContaining({
				row: 4,
				reason: 'Row 2 is the same system: each system may appear once'
			})
		]);
	});
});

describe('planImport: decisions before dates', () => {
	it('records an undated decommission or replace as proposed, with a note, even when the file says agreed', () => {
		const plan = planImport(
			[
				row(2, 'PL-1', 'Plain', imported(['decommission'], { status: 'agreed' })),
				row(3, 'N-1', 'New', imported(['decommission']))
			].map((r) => ({
				...r,
				given: new Set([...r.given, 'hosting', 'criticality', 'personalData'] as const)
			})),
			[plainSystem],
			new Map(),
			[],
			defaults
		);
		expect(plan.problems).toEqual([]);
		expect(
			plan.changes.map((c) => c.review?.outcomes.map((x) => [x.outcome, x.status, x.targetDate]))
		).toEqual([[['decommission', 'proposed', null]], [['decommission', 'proposed', null]]]);
		expect(plan.warnings).toEqual({
			total: 2,
			shown: [
				{
					row: 2,
					column: 'Target date (decommission or replace)',
					reason:
						"'Decommission' is marked agreed but has no target date: recorded as proposed, target date not set",
					name: 'Plain'
				},
				{
					row: 3,
					column: 'Target date (decommission or replace)',
					reason: "'Decommission' recorded as proposed, target date not set",
					name: 'New'
				}
			]
		});
	});

	it('keeps an agreed status when the date comes from the file', () => {
		const plan = planImport(
			[
				row(
					2,
					'PL-1',
					'Plain',
					imported(['decommission'], { status: 'agreed', targetDate: '2027-03-31' })
				)
			],
			[plainSystem],
			new Map(),
			[],
			defaults
		);
		expect(plan.changes[0]!.review!.outcomes[0]).toMatchObject({
			status: 'agreed',
			targetDate: '2027-03-31'
		});
		expect(plan.warnings.total).toBe(0);
	});
});
