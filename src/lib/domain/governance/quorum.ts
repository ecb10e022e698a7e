/**
 * Who was expected at a partnership meeting and whether it was quorate. A partner is expected when
 * its membership covers the meeting date (joined on or before it, not left on or before it). The
 * default rule, as the scrutiny committee asked, is every partner present; an agreement may say a
 * majority or a minimum number instead.
 */

export const QUORUM_RULES = ['all', 'majority', 'minimum'] as const;
export type QuorumRule = (typeof QUORUM_RULES)[number];

export const QUORUM_RULE_LABEL: Record<QuorumRule, string> = {
	all: 'Every partner present',
	majority: 'More than half of the partners present',
	minimum: 'At least a set number of partners present'
};

export interface Membership {
	partnerOrganisationId: number;
	joinedOn: string;
	leftOn: string | null;
}

/** Whether a membership covers `date` (ISO): joined on or before it and not yet left. */
export function isMemberOn(m: Membership, date: string): boolean {
	return m.joinedOn <= date && (m.leftOn == null || m.leftOn > date);
}

/** The partner organisations expected at a meeting on `date`, in id order, each once. */
export function expectedPartners(memberships: readonly Membership[], date: string): number[] {
	return [
		...new Set(memberships.filter((m) => isMemberOn(m, date)).map((m) => m.partnerOrganisationId))
	].sort((a, b) => a - b);
}

/** How many of `expected` partners must be present under the rule. */
export function partnersNeeded(rule: QuorumRule, minimum: number | null, expected: number): number {
	if (rule === 'all') return expected;
	if (rule === 'majority') return Math.floor(expected / 2) + 1;
	return Math.min(Math.max(1, minimum ?? expected), expected);
}

export interface QuorumResult {
	quorate: boolean;
	expected: number;
	present: number;
	needed: number;
	/** In words, for the page and the CSV: '2 of 3 partners present; every partner needed: not quorate'. */
	summary: string;
}

/** Whether the meeting was quorate. A meeting with no partner expected is never quorate. */
export function quorum(
	rule: QuorumRule,
	minimum: number | null,
	expected: readonly number[],
	present: readonly number[]
): QuorumResult {
	const expectedSet = new Set(expected);
	const presentCount = new Set(present.filter((p) => expectedSet.has(p))).size;
	const needed = partnersNeeded(rule, minimum, expectedSet.size);
	const quorate = expectedSet.size > 0 && presentCount >= needed;
	const summary = `${presentCount} of ${expectedSet.size} partners present; ${needed} needed: ${quorate ? 'quorate' : 'not quorate'}`;
	return { quorate, expected: expectedSet.size, present: presentCount, needed, summary };
}
