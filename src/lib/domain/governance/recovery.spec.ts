import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	authorsAmongTesters,
	objectiveProblems,
	rtoOutageCost,
	testProblems,
	type TestFacts
} from './recovery';

const ann = { personId: 1, name: 'Ann Author' };
const bob = { personId: 2, name: 'Bob Builder' };
const tess = { personId: 3, name: 'Tess Tester' };
const base: TestFacts = {
	testedOn: '2026-11-14',
	result: 'passed',
	evidence: 'Failover log and screenshots',
	testers: [tess],
	authors: [ann, bob],
	versionNumber: 2,
	outcomes: [
		{
			systemId: 10,
			systemName: 'Payroll',
			rtoMinutes: 240,
			achievedMinutes: 200,
			dataLossMinutes: 0
		}
	],
	today: '2026-12-06'
};

describe('the author-not-tester rule', () => {
	it('accepts testers who did not write the version', () => {
		expect(testProblems(base)).toEqual({});
	});
	it('refuses an author as tester, and names them', () => {
		const errors = testProblems({ ...base, testers: [tess, bob] });
		expect(errors.testerIds).toBe(
			'Bob Builder is an author of version 2 of this plan, so cannot test it: choose testers who did not write it'
		);
	});
	it('names every author among the testers', () => {
		expect(testProblems({ ...base, testers: [ann, bob] }).testerIds).toContain(
			'Ann Author, Bob Builder are authors'
		);
	});
	it('finds every clash and nothing else, for any authors and testers (property)', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.integer({ min: 1, max: 30 })),
				fc.uniqueArray(fc.integer({ min: 1, max: 30 })),
				(a, t) => {
					const people = (ids: number[]) =>
						ids.map((personId) => ({ personId, name: `P${personId}` }));
					const clashes = authorsAmongTesters(people(t), people(a)).map((p) => p.personId);
					expect(clashes.sort()).toEqual(t.filter((id) => a.includes(id)).sort());
				}
			)
		);
	});
});

describe('recovery test rules', () => {
	it('refuses a pass when a system took longer than its RTO, saying which', () => {
		const errors = testProblems({
			...base,
			outcomes: [
				{
					systemId: 10,
					systemName: 'Payroll',
					rtoMinutes: 240,
					achievedMinutes: 300,
					dataLossMinutes: null
				}
			]
		});
		expect(errors.result).toBe(
			'The test cannot be recorded as passed: Payroll took 5 hours against an RTO of 4 hours. Record it as passed with issues or failed'
		);
		expect(
			testProblems({
				...base,
				result: 'passed_with_issues',
				outcomes: [
					{
						systemId: 10,
						systemName: 'Payroll',
						rtoMinutes: 240,
						achievedMinutes: 300,
						dataLossMinutes: null
					}
				]
			})
		).toEqual({});
	});
	it('a failover needs at least one system restored; an exercise does not', () => {
		expect(testProblems({ ...base, testType: 'full_failover', outcomes: [] }).systems).toMatch(
			/at least one system/
		);
		expect(testProblems({ ...base, testType: 'tabletop', outcomes: [] })).toEqual({});
	});
	it('refuses a pass without evidence, and a test in the future', () => {
		expect(testProblems({ ...base, evidence: '  ' }).evidence).toMatch(/a pass needs evidence/);
		expect(testProblems({ ...base, result: 'failed', evidence: '' })).toEqual({});
		expect(testProblems({ ...base, testedOn: '2026-12-07' }).testedOn).toMatch(
			/today or in the past/
		);
		expect(testProblems({ ...base, testedOn: '2026-12-06' })).toEqual({});
	});
});

describe('objectives', () => {
	it('refuses an RTO above the MTPD', () => {
		expect(objectiveProblems({ rtoMinutes: 480, rpoMinutes: 60, mtpdMinutes: 240 }).rto).toBe(
			'Recovery time objective (8 hours) must not be longer than the maximum tolerable period of disruption (4 hours)'
		);
		expect(objectiveProblems({ rtoMinutes: 240, rpoMinutes: 60, mtpdMinutes: 240 })).toEqual({});
	});
	it('costs an outage lasting the RTO with the cost per user-hour', () => {
		// The county's figure: 2,000 users at £13 an hour is £26,000 an hour; 4 hours is £104,000.
		expect(
			rtoOutageCost(
				240,
				{ concurrentUsers: 2000, userCount: 5000, costPerUserHourPence: null },
				1300
			)?.pence
		).toBe(10_400_000);
		expect(
			rtoOutageCost(90, { concurrentUsers: null, userCount: 10, costPerUserHourPence: 2000 }, 1300)
				?.pence
		).toBe(30_000);
		expect(
			rtoOutageCost(
				90,
				{ concurrentUsers: null, userCount: null, costPerUserHourPence: null },
				1300
			)
		).toBeNull();
	});
});
