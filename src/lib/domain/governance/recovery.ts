/**
 * Recovery objectives and recovery tests: the rules the scrutiny committee set. The people who write
 * a plan may not test it; a system that took longer than its recovery time objective did not pass;
 * a pass needs evidence; a test is recorded after it happens, never before.
 */
import { describeDuration } from './duration';
import { annualOutageRiskPence } from '../systems/outage';
import { formatCount, formatPence } from '../money';
import type { FieldErrors } from '../systems/review';

export const TEST_TYPES = ['full_failover', 'partial', 'tabletop', 'walkthrough'] as const;
export type TestType = (typeof TEST_TYPES)[number];
export const TEST_TYPE_LABEL: Record<TestType, string> = {
	full_failover: 'Full failover',
	partial: 'Partial failover',
	tabletop: 'Tabletop exercise',
	walkthrough: 'Walkthrough'
};

export const TEST_RESULTS = ['passed', 'passed_with_issues', 'failed'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];
export const TEST_RESULT_LABEL: Record<TestResult, string> = {
	passed: 'Passed',
	passed_with_issues: 'Passed with issues',
	failed: 'Failed'
};

export interface Objectives {
	rtoMinutes: number;
	rpoMinutes: number;
	mtpdMinutes: number;
}

/** RTO above MTPD is refused: a system restored after its maximum tolerable disruption has already failed the service. */
export function objectiveProblems(o: Objectives): FieldErrors {
	const errors: FieldErrors = {};
	if (o.rtoMinutes > o.mtpdMinutes) {
		errors.rto = `Recovery time objective (${describeDuration(o.rtoMinutes)}) must not be longer than the maximum tolerable period of disruption (${describeDuration(o.mtpdMinutes)})`;
	}
	return errors;
}

export interface Person {
	personId: number;
	name: string;
}

/** The testers who are also authors of the version tested, by name: the committee's rule is that none may be. */
export function authorsAmongTesters(
	testers: readonly Person[],
	authors: readonly Person[]
): Person[] {
	const authorIds = new Set(authors.map((a) => a.personId));
	return testers.filter((t) => authorIds.has(t.personId));
}

export function authorTesterMessage(clashes: readonly Person[], versionNumber: number): string {
	const names = clashes.map((c) => c.name).join(', ');
	const verb = clashes.length === 1 ? 'is an author' : 'are authors';
	return `${names} ${verb} of version ${versionNumber} of this plan, so cannot test it: choose testers who did not write it`;
}

export interface SystemOutcome {
	systemId: number;
	systemName: string;
	/** The system's RTO when the test was recorded; null when it has none. */
	rtoMinutes: number | null;
	achievedMinutes: number;
	dataLossMinutes: number | null;
}

/** Systems whose achieved recovery time exceeded their RTO. */
export function rtoBreaches(outcomes: readonly SystemOutcome[]): SystemOutcome[] {
	return outcomes.filter((o) => o.rtoMinutes != null && o.achievedMinutes > o.rtoMinutes);
}

export interface TestFacts {
	/** A failover restores systems, so it needs at least one system's recovery time; an exercise may have none. */
	testType?: TestType;
	testedOn: string;
	result: TestResult;
	evidence: string;
	testers: readonly Person[];
	authors: readonly Person[];
	versionNumber: number;
	outcomes: readonly SystemOutcome[];
	today: string;
}

/** Every reason a recovery test cannot be recorded as given, by field. */
export function testProblems(t: TestFacts): FieldErrors {
	const errors: FieldErrors = {};
	if (t.testedOn > t.today)
		errors.testedOn =
			'Date of the test must be today or in the past: record a test after it has happened';
	if ((t.testType === 'full_failover' || t.testType === 'partial') && t.outcomes.length === 0)
		errors.systems =
			'Enter the recovery time achieved for at least one system: a failover test restores systems';
	const clashes = authorsAmongTesters(t.testers, t.authors);
	if (clashes.length > 0) errors.testerIds = authorTesterMessage(clashes, t.versionNumber);
	if (t.result === 'passed') {
		if (t.evidence.trim() === '')
			errors.evidence =
				'Enter the evidence of the pass (a log, a report or a link): a pass needs evidence';
		const breaches = rtoBreaches(t.outcomes);
		if (breaches.length > 0) {
			const list = breaches
				.map(
					(b) =>
						`${b.systemName} took ${describeDuration(b.achievedMinutes)} against an RTO of ${describeDuration(b.rtoMinutes!)}`
				)
				.join('; ');
			errors.result = `The test cannot be recorded as passed: ${list}. Record it as passed with issues or failed`;
		}
	}
	return errors;
}

/**
 * The productivity cost of an outage lasting the RTO: the people using the system at once (else
 * its user count) x the RTO x the cost per user-hour (the system's own, else the organisation's
 * default), as the cost-of-outage figures work it (outage.ts). Null when the users are not known.
 */
export function rtoOutageCost(
	rtoMinutes: number,
	s: {
		concurrentUsers: number | null;
		userCount: number | null;
		costPerUserHourPence: number | null;
	},
	defaultPence: number
) {
	const users = s.concurrentUsers ?? s.userCount;
	if (users == null || users <= 0) return null;
	const rate = s.costPerUserHourPence ?? defaultPence;
	const input = {
		concurrentUsers: users,
		outageMinutesPerYear: rtoMinutes,
		costPerUserHourPence: rate
	};
	return {
		pence: annualOutageRiskPence(input),
		words: `${formatCount(users)} ${users === 1 ? 'user' : 'users'} x ${describeDuration(rtoMinutes)} x ${formatPence(rate)} per user-hour`,
		usersFrom: s.concurrentUsers != null ? 'concurrent users' : 'all users'
	};
}
