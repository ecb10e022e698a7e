import { describe, expect, it } from 'vitest';
import { isRatified, scrutinyFigures, scrutinyRows, untestedStatutory } from './scrutiny';

const today = '2026-12-06';
const systems = [
	{ id: 1, name: 'Payroll', criticality: 'critical', statutoryDuties: '' },
	{ id: 2, name: 'Social care records', criticality: 'high', statutoryDuties: 'Children Act 1989' },
	{ id: 3, name: 'Intranet', criticality: 'low', statutoryDuties: '' }
];

describe('ratification', () => {
	it('a decision at a quorate meeting stands; one at an inquorate meeting stands only once a quorate one ratifies it', () => {
		const decisions = [
			{ id: 1, meetingQuorate: true, ratifiesDecisionId: null },
			{ id: 2, meetingQuorate: false, ratifiesDecisionId: null },
			{ id: 3, meetingQuorate: false, ratifiesDecisionId: 2 }
		];
		expect(isRatified(1, decisions)).toBe(true);
		expect(isRatified(2, decisions)).toBe(false);
		expect(
			isRatified(2, [...decisions, { id: 4, meetingQuorate: true, ratifiesDecisionId: 2 }])
		).toBe(true);
	});
});

describe('the scrutiny view', () => {
	const plans = [{ systemIds: [1, 2], approved: { reviewBy: '2027-06-01', ratified: true } }];
	it('covers critical and statutory systems only, answering the four questions', () => {
		const rows = scrutinyRows(
			systems,
			plans,
			[
				{ systemId: 1, testedOn: '2026-05-01', withinRto: true },
				{ systemId: 2, testedOn: '2026-05-01', withinRto: false }
			],
			today
		);
		expect(rows.map((r) => r.name)).toEqual(['Payroll', 'Social care records']);
		expect(rows[0]).toMatchObject({
			approvedPlan: true,
			inDate: true,
			testedWithin12Months: true,
			withinRto: true,
			allFour: true
		});
		expect(rows[1]).toMatchObject({ allFour: false, withinRto: false });
		expect(rows[1]!.words.withinRto).toBe('No: RTO breached at the last test');
		expect(
			scrutinyFigures(rows, { overdueReviews: 0, overdueActions: 1, inquorateMeetings: 1 })
		).toMatchObject({ systems: 2, meetingAllFour: 1, sharePercent: 50 });
	});
	it('an unratified approval, an overdue review or an old test fails its question, in words', () => {
		const rows = scrutinyRows(
			systems,
			[{ systemIds: null, approved: { reviewBy: '2027-01-01', ratified: false } }],
			[{ systemId: 1, testedOn: '2025-11-01', withinRto: true }],
			today
		);
		expect(rows[0]!.words.approvedPlan).toBe('No: approved at an inquorate meeting, not ratified');
		expect(rows[0]!.words.tested).toBe('No: last tested more than 12 months ago');
		const stale = scrutinyRows(
			systems,
			[{ systemIds: null, approved: { reviewBy: '2026-12-01', ratified: true } }],
			[],
			today
		);
		expect(stale[0]!.words.inDate).toBe('No: review overdue');
		expect(stale[0]!.words.tested).toBe('Never tested');
	});
	it('lists statutory systems never tested or that failed their last test for the continuity guard', () => {
		const rows = scrutinyRows(
			systems,
			plans,
			[{ systemId: 2, testedOn: '2026-05-01', withinRto: false }],
			today
		);
		expect(untestedStatutory(rows)).toEqual([
			{ systemId: 2, name: 'Social care records', why: 'failed its last recovery test' }
		]);
		expect(untestedStatutory(scrutinyRows(systems, plans, [], today))[0]!.why).toBe(
			'recovery never tested'
		);
	});
	it('a last test recorded as failed, or with no RTO to meet, does not prove recovery; a later pass the same day does', () => {
		const guard = (tests: Parameters<typeof scrutinyRows>[2]) =>
			untestedStatutory(scrutinyRows(systems, plans, tests, today)).map((r) => r.why);
		expect(guard([{ systemId: 2, testedOn: '2026-05-01', withinRto: true, failed: true }])).toEqual(
			['failed its last recovery test']
		);
		expect(guard([{ systemId: 2, testedOn: '2026-05-01', withinRto: null }])).toEqual([
			'failed its last recovery test'
		]);
		expect(
			guard([
				{ systemId: 2, testedOn: '2026-05-01', withinRto: false, testId: 7 },
				{ systemId: 2, testedOn: '2026-05-01', withinRto: true, testId: 8 }
			])
		).toEqual([]);
	});
});
