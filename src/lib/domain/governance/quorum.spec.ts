import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectedPartners, isMemberOn, partnersNeeded, quorum } from './quorum';

const members = [
	{ partnerOrganisationId: 1, joinedOn: '2020-04-01', leftOn: null },
	{ partnerOrganisationId: 2, joinedOn: '2020-04-01', leftOn: '2025-03-31' },
	{ partnerOrganisationId: 3, joinedOn: '2024-10-01', leftOn: null }
];

describe('expected partners', () => {
	it('expects the partners who were members on the day, not those who had left or not yet joined', () => {
		expect(expectedPartners(members, '2024-06-01')).toEqual([1, 2]);
		expect(expectedPartners(members, '2025-01-01')).toEqual([1, 2, 3]);
		expect(expectedPartners(members, '2025-03-31')).toEqual([1, 3]);
	});
	it('counts the joining day as a member and the leaving day as not', () => {
		expect(isMemberOn(members[2]!, '2024-10-01')).toBe(true);
		expect(isMemberOn(members[1]!, '2025-03-31')).toBe(false);
	});
});

describe('quorum', () => {
	it('by default needs every partner present', () => {
		expect(quorum('all', null, [1, 2, 3], [1, 2, 3]).quorate).toBe(true);
		const two = quorum('all', null, [1, 2, 3], [1, 3]);
		expect(two.quorate).toBe(false);
		expect(two.summary).toBe('2 of 3 partners present; 3 needed: not quorate');
	});
	it('a majority rule needs more than half', () => {
		expect(quorum('majority', null, [1, 2, 3], [1, 3]).quorate).toBe(true);
		expect(quorum('majority', null, [1, 2, 3, 4], [1, 3]).quorate).toBe(false);
	});
	it('a minimum rule needs that many, never more than are expected', () => {
		expect(quorum('minimum', 2, [1, 2, 3], [2, 3]).quorate).toBe(true);
		expect(quorum('minimum', 5, [1, 2], [1, 2]).quorate).toBe(true);
		expect(quorum('minimum', 2, [1, 2, 3], [3]).quorate).toBe(false);
	});
	it('counts only expected partners as present, and a meeting no partner was expected at is never quorate', () => {
		expect(quorum('all', null, [1, 2], [1, 9]).quorate).toBe(false);
		expect(quorum('all', null, [], []).quorate).toBe(false);
	});
	it('is quorate exactly when the present expected partners reach the number needed (property)', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 8 }),
				fc.array(fc.integer({ min: 1, max: 20 })),
				fc.constantFrom('all', 'majority', 'minimum' as const),
				fc.integer({ min: 1, max: 10 }),
				(expected, present, rule, min) => {
					const q = quorum(rule, rule === 'minimum' ? min : null, expected, present);
					const count = new Set(present.filter((p) => expected.includes(p))).size;
					expect(q.present).toBe(count);
					expect(q.quorate).toBe(
						count >= partnersNeeded(rule, rule === 'minimum' ? min : null, expected.length)
					);
					if (rule === 'all') expect(q.quorate).toBe(count === expected.length);
				}
			)
		);
	});
});
