import { describe, expect, it } from 'vitest';
import {
	NEEDS_TARGET_DATE,
	OUTCOMES,
	OUTCOME_STATUS,
	TARGET_DATE_NOT_SET_BIT,
	WORKSTREAM_NOT_SET_BIT,
	agreeingNeedsWorkstream,
	workstreamNotSet,
	outcomeFlags,
	outcomesOfFlags,
	parseReview,
	reviewStatusOf,
	reviewToFormValues,
	targetDateNotSet,
	type Outcome,
	type ReviewFormValues
} from '.';

function form(
	outcomes: Partial<Record<Outcome, Partial<ReviewFormValues['outcomes'][Outcome]>>>,
	extra: Partial<ReviewFormValues> = {}
): ReviewFormValues {
	const all = {} as ReviewFormValues['outcomes'];
	for (const o of OUTCOMES) {
		const given = outcomes[o];
		all[o] = {
			selected: Boolean(given),
			rationale: 'Because',
			status: 'proposed',
			targetDate: '',
			workstreamId: '',
			...given
		};
	}
	return {
		reviewedOn: '14/11/2026',
		reviewer: 'CFA ICT Strategy Group',
		summary: '',
		outcomes: all,
		...extra
	};
}

const WORKSTREAMS = new Set([7, 8]);

describe('parseReview', () => {
	it('accepts two compatible outcomes, each with its own details', () => {
		const result = parseReview(
			form({
				replace: { targetDate: '31/03/2028', workstreamId: '7', status: 'agreed' },
				develop: {}
			}),
			WORKSTREAMS
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.reviewedOn).toBe('2026-11-14');
		expect(result.value.outcomes).toEqual([
			{
				outcome: 'develop',
				rationale: 'Because',
				status: 'proposed',
				targetDate: null,
				workstreamId: null
			},
			{
				outcome: 'replace',
				rationale: 'Because',
				status: 'agreed',
				targetDate: '2028-03-31',
				workstreamId: 7
			}
		]);
	});

	it.each<[string, ReviewFormValues, Record<string, RegExp>]>([
		['no outcome', form({}), { outcome: /at least one/ }],
		[
			'an agreed decommission without a date',
			form({ decommission: { status: 'agreed' } }),
			{ 'decommission.targetDate': /^Agreeing 'Decommission' needs a target date/ }
		],
		[
			'an agreed replace without date or workstream',
			form({ replace: { status: 'agreed' } }),
			{
				'replace.targetDate': /^Agreeing 'Replace with the new main system' needs a target date/,
				'replace.workstreamId': /workstream delivering/
			}
		],
		[
			'a workstream of another organisation',
			form({ replace: { targetDate: '31/03/2028', workstreamId: '99' } }),
			{ 'replace.workstreamId': /from the list/ }
		],
		[
			'maintain with decommission',
			form({ maintain: {}, decommission: { targetDate: '31/03/2028' } }),
			{ outcome: /switches it off/ }
		],
		[
			'maintain with development',
			form({ maintain: {}, develop: {} }),
			{ outcome: /no further development/ }
		],
		[
			'an outcome without a reason',
			form({ develop: { rationale: '' } }),
			{ 'develop.rationale': /Enter the reason/ }
		],
		[
			'an impossible target date',
			form({ decommission: { targetDate: '30/02/2028' } }),
			{ 'decommission.targetDate': /not a real date/ }
		],
		[
			'no review date or reviewer',
			form({ develop: {} }, { reviewedOn: '', reviewer: '' }),
			{ reviewedOn: /Enter the date/, reviewer: /Enter who/ }
		],
		[
			'a status that is neither',
			form({ develop: { status: 'maybe' } }),
			{ 'develop.status': /proposed or agreed/ }
		]
	])('refuses %s, explaining why, and keeps what was typed', (_name, values, expected) => {
		const result = parseReview(values, WORKSTREAMS);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		for (const [field, message] of Object.entries(expected))
			expect(result.errors[field]).toMatch(message);
		expect(result.values).toBe(values);
	});

	it('accepts a decommission or replace proposed before its date is set, and records no date', () => {
		const result = parseReview(
			form({ decommission: {}, replace: { workstreamId: '7' } }),
			WORKSTREAMS
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.outcomes.map((o) => [o.outcome, o.status, o.targetDate])).toEqual([
			['decommission', 'proposed', null],
			['replace', 'proposed', null]
		]);
		expect(result.value.outcomes.every(targetDateNotSet)).toBe(true);
	});

	it('accepts a replace proposed before its workstream is set, and refuses agreeing it without one', () => {
		const proposed = parseReview(form({ replace: { targetDate: '31/03/2028' } }), WORKSTREAMS);
		expect(
			proposed.ok &&
				proposed.value.outcomes.map((o) => [
					o.outcome,
					o.status,
					o.workstreamId,
					workstreamNotSet(o)
				])
		).toEqual([['replace', 'proposed', null, true]]);
		const agreed = parseReview(
			form({ replace: { targetDate: '31/03/2028', status: 'agreed' } }),
			WORKSTREAMS
		);
		expect(!agreed.ok && agreed.errors).toEqual({
			'replace.workstreamId': agreeingNeedsWorkstream('replace')
		});
	});

	it('needs the date only for agreeing: every status and date combination of the two dated outcomes', () => {
		for (const outcome of NEEDS_TARGET_DATE) {
			for (const status of OUTCOME_STATUS) {
				for (const targetDate of ['', '31/03/2028']) {
					const result = parseReview(
						form({ [outcome]: { status, targetDate, workstreamId: '7' } }),
						WORKSTREAMS
					);
					expect(result.ok, `${outcome} ${status} '${targetDate}'`).toBe(
						status === 'proposed' || targetDate !== ''
					);
				}
			}
		}
	});

	it('ignores the details of outcomes that are not selected', () => {
		const values = form({ develop: {} });
		values.outcomes.decommission = {
			selected: false,
			rationale: '',
			status: 'nonsense',
			targetDate: 'not a date',
			workstreamId: 'x'
		};
		expect(parseReview(values, WORKSTREAMS).ok).toBe(true);
	});
});

describe('reviewStatusOf', () => {
	it('is agreed only when every outcome is agreed', () => {
		expect(reviewStatusOf([{ status: 'agreed' }, { status: 'agreed' }])).toBe('agreed');
		expect(reviewStatusOf([{ status: 'agreed' }, { status: 'proposed' }])).toBe('proposed');
		expect(reviewStatusOf([])).toBe('proposed');
	});
});

describe('reviewToFormValues', () => {
	it('starts a re-review from the current outcomes', () => {
		const values = reviewToFormValues(
			{
				outcomes: [
					{
						outcome: 'replace',
						rationale: 'Old',
						status: 'agreed',
						targetDate: '2028-03-31',
						workstreamId: 3
					}
				]
			},
			'2026-11-21'
		);
		expect(values.reviewedOn).toBe('21/11/2026');
		expect(values.outcomes.replace).toEqual({
			selected: true,
			rationale: 'Old',
			status: 'agreed',
			targetDate: '31/03/2028',
			workstreamId: '3'
		});
		expect(values.outcomes.maintain.selected).toBe(false);
	});

	it('carries the previous reviewer and summary into a re-review; a first review starts empty', () => {
		const values = reviewToFormValues(
			{ reviewer: 'CFA ICT Strategy Group', summary: 'Agreed at the March meeting', outcomes: [] },
			'2026-11-21'
		);
		expect([values.reviewer, values.summary]).toEqual([
			'CFA ICT Strategy Group',
			'Agreed at the March meeting'
		]);
		const first = reviewToFormValues(undefined, '2026-11-21');
		expect([first.reviewer, first.summary]).toEqual(['', '']);
	});
});

describe('outcome flags', () => {
	it('round-trips every combination of outcomes', () => {
		for (let flags = 0; flags < 16; flags++) {
			const outcomes = outcomesOfFlags(flags);
			expect(
				outcomeFlags(
					outcomes.map((outcome) => ({ outcome, targetDate: '2028-03-31', workstreamId: 7 }))
				)
			).toBe(flags);
		}
		expect(outcomesOfFlags(2 | 8)).toEqual(['develop', 'replace']);
	});

	it('marks a decommission or replace with no target date, and never reads the mark as an outcome', () => {
		expect(outcomeFlags([{ outcome: 'replace', targetDate: null, workstreamId: 7 }])).toBe(
			8 | TARGET_DATE_NOT_SET_BIT
		);
		expect(
			outcomeFlags([
				{ outcome: 'decommission', targetDate: '' },
				{ outcome: 'develop', targetDate: null }
			])
		).toBe(4 | 2 | TARGET_DATE_NOT_SET_BIT);
		expect(
			outcomeFlags([
				{ outcome: 'develop', targetDate: null },
				{ outcome: 'maintain', targetDate: null }
			])
		).toBe(2 | 1);
		expect(outcomeFlags([{ outcome: 'decommission', targetDate: '2028-03-31' }])).toBe(4);
		expect(outcomesOfFlags(8 | TARGET_DATE_NOT_SET_BIT)).toEqual(['replace']);
	});

	it('marks a replace with no workstream, by id once saved or by name in a plan, and never reads the mark as an outcome', () => {
		expect(
			outcomeFlags([{ outcome: 'replace', targetDate: '2028-03-31', workstreamId: null }])
		).toBe(8 | WORKSTREAM_NOT_SET_BIT);
		expect(outcomeFlags([{ outcome: 'replace', targetDate: '2028-03-31', workstream: null }])).toBe(
			8 | WORKSTREAM_NOT_SET_BIT
		);
		expect(
			outcomeFlags([{ outcome: 'replace', targetDate: null, workstream: 'Integration' }])
		).toBe(8 | TARGET_DATE_NOT_SET_BIT);
		expect(outcomeFlags([{ outcome: 'develop', targetDate: null, workstreamId: null }])).toBe(2);
		expect(outcomesOfFlags(8 | WORKSTREAM_NOT_SET_BIT | TARGET_DATE_NOT_SET_BIT)).toEqual([
			'replace'
		]);
	});
});
