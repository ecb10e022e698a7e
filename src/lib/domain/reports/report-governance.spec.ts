import { describe, expect, it } from 'vitest';
import { scrutinyFigures, scrutinyRows } from '../governance/scrutiny';
import { governanceLines, reportGovernance, shareWords } from './report-governance';

const asAt = '2026-09-30';
const systems = [
	{ id: 2, name: 'Social care records', criticality: 'high', statutoryDuties: 'Children Act 1989' },
	{ id: 1, name: 'Payroll', criticality: 'critical', statutoryDuties: '' }
];
const plans = [{ systemIds: null, approved: { reviewBy: '2027-06-01', ratified: true } }];
const rows = scrutinyRows(
	systems,
	plans,
	[
		{ systemId: 1, testedOn: '2026-05-01', withinRto: true },
		{ systemId: 2, testedOn: '2026-05-01', withinRto: false }
	],
	asAt
);
const facts = {
	rows,
	figures: scrutinyFigures(rows, { overdueReviews: 0, overdueActions: 1, inquorateMeetings: 2 }),
	overdueActions: [
		{ description: 'Speed up restore', owner: 'Sam', dueOn: '2026-08-01' },
		{ description: 'Buy tapes', owner: 'Ann', dueOn: '2026-07-01' }
	],
	overdueReviews: []
};

describe('the committee report’s governance section', () => {
	it('keeps the scrutiny figures and each system’s answers in words, in a stable order', () => {
		const g = reportGovernance(facts);
		expect(g.figures).toEqual({
			systems: 2,
			meetingAllFour: 1,
			sharePercent: 50,
			overdueReviews: 0,
			overdueActions: 1,
			inquorateMeetings: 2
		});
		expect(g.systems.map((s) => [s.name, s.allFour, s.withinRto])).toEqual([
			['Payroll', true, 'Yes'],
			['Social care records', false, 'No: RTO breached at the last test']
		]);
		expect(g.overdueActions.map((a) => a.description)).toEqual(['Buy tapes', 'Speed up restore']);
	});

	it('says so in words when no system is covered, and its lines name every figure and system', () => {
		const none = reportGovernance({
			...facts,
			rows: [],
			figures: scrutinyFigures([], { overdueReviews: 0, overdueActions: 0, inquorateMeetings: 0 })
		});
		expect(shareWords(none.figures)).toBe('no system is critical or supports a statutory duty');
		const lines = Object.fromEntries(governanceLines(reportGovernance(facts)));
		expect(lines['Governance: systems meeting all four']).toBe('1 of 2 (50%)');
		expect(lines['Governance: meetings not quorate']).toBe('2');
		expect(lines['Governance: Social care records']).toContain('RTO breached');
	});
});
