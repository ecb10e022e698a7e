import { describe, expect, it } from 'vitest';
import {
	CASE_STATUSES,
	DO_MINIMUM_ID,
	DO_MINIMUM_TITLE,
	contentChanges,
	newCaseContent,
	nextId,
	nextStatus,
	removeOption,
	replacePulledFlows,
	saveOption,
	saveRisk,
	submissionProblems,
	type CaseStatus,
	type WorkflowStep,
	workflowProblemHref
} from '.';
import { canonicalJson, contentHash, shownHash } from '../hashing/canonical';
import { riskRating, riskScore } from '../risk/score';

const option = {
	title: 'Replace with one case management system',
	description: '',
	mitigatedBp: 4_000,
	costs: [],
	benefits: []
};

describe('the approval workflow', () => {
	const steps: [string, WorkflowStep][] = [
		['submit', { action: 'submit' }],
		['withdraw', { action: 'withdraw' }],
		['approve', { action: 'decide', outcome: 'approved' }],
		['approve with conditions', { action: 'decide', outcome: 'approved_with_conditions' }],
		['reject', { action: 'decide', outcome: 'rejected' }],
		['defer', { action: 'decide', outcome: 'deferred' }],
		['revise', { action: 'revise' }]
	];
	// Every status x every step, written out: '-' is refused, otherwise the status it leads to (+ = as a new version).
	const EXPECTED: Record<CaseStatus, string[]> = {
		draft: ['submitted', '-', '-', '-', '-', '-', '-'],
		submitted: ['-', 'draft', 'approved', 'approved_with_conditions', 'rejected', 'deferred', '-'],
		approved: ['-', '-', '-', '-', '-', '-', 'draft+'],
		approved_with_conditions: ['-', '-', '-', '-', '-', '-', 'draft+'],
		rejected: ['-', '-', '-', '-', '-', '-', 'draft+'],
		deferred: ['-', '-', '-', '-', '-', '-', 'draft+']
	};
	for (const from of CASE_STATUSES) {
		steps.forEach(([name, step], i) => {
			const expected = EXPECTED[from][i]!;
			it(`${from}: ${name} ${expected === '-' ? 'is refused' : `leads to ${expected}`}`, () => {
				const next = nextStatus(from, step);
				if (expected === '-') expect(next).toMatchObject({ ok: false, reason: expect.any(String) });
				else
					expect(next).toEqual({
						ok: true,
						status: expected.replace('+', ''),
						newVersion: expected.endsWith('+')
					});
			});
		});
	}
});

describe('risk scores', () => {
	it.each([
		[1, 1, 1, 'Low'],
		[2, 2, 4, 'Low'],
		[1, 5, 5, 'Medium'],
		[3, 3, 9, 'Medium'],
		[2, 5, 10, 'High'],
		[4, 4, 16, 'High'],
		[4, 5, 20, 'Very high'],
		[5, 5, 25, 'Very high']
	])('likelihood %i x impact %i = %i, %s', (likelihood, impact, score, rating) => {
		expect(riskScore({ likelihood, impact })).toBe(score);
		expect(riskRating(score)).toBe(rating);
	});
	it('refuses a likelihood or impact outside 1-5', () => {
		expect(() => riskScore({ likelihood: 0, impact: 3 })).toThrow(RangeError);
		expect(() => riskScore({ likelihood: 6, impact: 3 })).toThrow(RangeError);
		expect(() => riskScore({ likelihood: 2.5, impact: 3 })).toThrow(RangeError);
	});
});

describe('options', () => {
	it('starts every case with do minimum, which cannot be removed or renamed', () => {
		const content = newCaseContent('2026/27');
		expect(content.options).toEqual([
			{
				id: DO_MINIMUM_ID,
				title: DO_MINIMUM_TITLE,
				description: '',
				mitigatedBp: 0,
				costs: [],
				benefits: []
			}
		]);
		expect(removeOption(content, DO_MINIMUM_ID)).toMatchObject({ ok: false, reason: 'refused' });
		const renamed = saveOption(content, DO_MINIMUM_ID, { ...option, title: 'Something else' });
		expect(renamed.ok && renamed.content.options[0]!.title).toBe(DO_MINIMUM_TITLE);
	});

	it('adds options with fresh ids, and clears the preferred option when it is removed', () => {
		const one = saveOption(newCaseContent('2026/27'), null, option);
		if (!one.ok) throw new Error('not saved');
		expect(one.id).toBe('option-1');
		const two = saveOption(one.content, null, { ...option, title: 'Build' });
		if (!two.ok) throw new Error('not saved');
		expect(two.id).toBe('option-2');
		const preferred = { ...two.content, preferredOptionId: 'option-2' };
		const removed = removeOption(preferred, 'option-2');
		expect(removed.ok && removed.content.preferredOptionId).toBeNull();
		expect(removeOption(preferred, 'option-9')).toMatchObject({ ok: false, reason: 'missing' });
		expect(nextId('risk', [{ id: 'risk-3' }, { id: 'risk-1' }])).toBe('risk-4');
	});

	it('replaces pulled flows when pulled again and keeps the entered ones', () => {
		const saved = saveOption(newCaseContent('2026/27'), null, {
			...option,
			costs: [
				{
					financialYear: '2026/27',
					spendType: 'capital',
					amountPence: 100,
					description: 'Quote',
					source: 'entered'
				},
				{
					financialYear: '2026/27',
					spendType: 'revenue',
					amountPence: 999,
					description: 'Old pull',
					source: 'cost_model'
				}
			]
		});
		if (!saved.ok) throw new Error('not saved');
		const pulled = replacePulledFlows(saved.content, 'option-1', {
			costs: [
				{
					financialYear: '2027/28',
					spendType: 'revenue',
					amountPence: 50,
					description: 'New pull',
					source: 'cost_model'
				}
			],
			benefits: []
		});
		expect(pulled.ok && pulled.content.options[1]!.costs.map((c) => c.description)).toEqual([
			'Quote',
			'New pull'
		]);
	});
});

describe('what a draft needs before it is submitted', () => {
	it('lists every missing part, then nothing once complete', () => {
		const content = newCaseContent('2026/27');
		expect(submissionProblems(content)).toHaveLength(5 + 3);
		const added = saveOption(content, null, option);
		if (!added.ok) throw new Error('not saved');
		const complete = {
			...added.content,
			preferredOptionId: 'option-1',
			scope: { workstreamIds: [1], systemIds: [] },
			sections: { strategic: 'a', economic: 'b', commercial: 'c', financial: 'd', management: 'e' }
		};
		expect(submissionProblems(complete)).toEqual([]);
	});
});

describe('risks', () => {
	it('saves a risk under a new id and edits it in place', () => {
		const risk = {
			title: 'Data migration fails',
			description: '',
			owner: 'Head of ICT',
			mitigation: 'Trial migrations',
			inherent: { likelihood: 4, impact: 5 },
			residual: { likelihood: 2, impact: 5 }
		};
		const added = saveRisk(newCaseContent('2026/27'), null, risk);
		if (!added.ok) throw new Error('not saved');
		const edited = saveRisk(added.content, 'risk-1', { ...risk, owner: 'CIO' });
		expect(edited.ok && edited.content.risks).toEqual([{ ...risk, owner: 'CIO', id: 'risk-1' }]);
	});
});

describe('canonical JSON and the content hash', () => {
	it('gives the same text and hash whatever order the keys were built in', async () => {
		const a = { b: 1, a: { y: [3, { q: 1, p: 2 }], x: 'é' }, c: null };
		const b = { c: null, a: { x: 'é', y: [3, { p: 2, q: 1 }] }, b: 1 };
		expect(canonicalJson(a)).toBe('{"a":{"x":"é","y":[3,{"p":2,"q":1}]},"b":1,"c":null}');
		expect(canonicalJson(b)).toBe(canonicalJson(a));
		expect(await contentHash(b)).toBe(await contentHash(a));
	});

	it('changes the hash when any figure changes, and keeps array order', async () => {
		expect(await contentHash({ a: [1, 2] })).not.toBe(await contentHash({ a: [2, 1] }));
		expect(await contentHash({ pence: 84_197 })).not.toBe(await contentHash({ pence: 84_198 }));
	});

	it('is the SHA-256 of the canonical UTF-8 text', async () => {
		// sha256('{}') and sha256('{"a":1}'), worked out with sha256sum
		expect(await contentHash({})).toBe(
			'44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a'
		);
		expect(await contentHash({ a: 1 })).toBe(
			'015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862'
		);
	});

	it('hashes a figure too large to show as the words shown, and anything finite exactly as contentHash', async () => {
		const value = { a: [1, { b: 'x' }], c: null };
		expect(await shownHash(value)).toBe(await contentHash(value));
		expect(await shownHash({ p: Infinity })).toBe(await contentHash({ p: 'too large to show' }));
		expect(await shownHash({ p: [Number.NaN, -Infinity] })).toBe(
			await contentHash({ p: ['too large to show', 'too large to show'] })
		);
		expect(await shownHash({ p: Infinity })).not.toBe(await shownHash({ p: 0 }));
	});

	it('leaves out undefined members and refuses what JSON cannot carry exactly', () => {
		expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
		expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
		expect(() => canonicalJson({ a: new Date(0) })).toThrow(TypeError);
		expect(() => canonicalJson(new Map())).toThrow(TypeError);
	});

	it('records only the parts of the content that changed', () => {
		const before = newCaseContent('2026/27');
		const after = {
			...before,
			procurement: { systems: 'single' as const, sourcing: 'buy' as const, framework: 'G-Cloud 14' }
		};
		expect(contentChanges(before, after)).toEqual([
			{ procurement: before.procurement },
			{ procurement: after.procurement }
		]);
	});
});

describe('workflowProblemHref', () => {
	it.each([
		['options:1', '/business-cases/7/options'],
		['edit:3', '/business-cases/7/edit'],
		['case:1', '/business-cases/7'],
		['anything else', '/business-cases/7']
	])('sends a problem filed under %s to %s', (key, href) => {
		expect(workflowProblemHref(7, key)).toBe(href);
	});
});
