import { describe, expect, it } from 'vitest';
import {
	MAX_SEEN_LINES,
	changedLines,
	clip,
	lineBook,
	readSeen,
	tooLargeToFreeze
} from './fingerprint';

const form = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return f;
};

describe('readSeen', () => {
	const hash = 'a'.repeat(64);
	it.each([
		[
			'a hash and lines',
			{ fingerprint: hash, seenLines: '{"Cost in scope: total":"£1.00"}' },
			{ fingerprint: hash, lines: { 'Cost in scope: total': '£1.00' } }
		],
		['nothing', {}, { fingerprint: '', lines: null }],
		[
			'an upper-case or short hash',
			{ fingerprint: 'A'.repeat(64) },
			{ fingerprint: '', lines: null }
		],
		['a hash with a newline', { fingerprint: `${hash}\n` }, { fingerprint: '', lines: null }],
		[
			'truncated lines',
			{ fingerprint: hash, seenLines: '{"a":' },
			{ fingerprint: hash, lines: null }
		],
		[
			'lines that are an array',
			{ fingerprint: hash, seenLines: '["a"]' },
			{ fingerprint: hash, lines: null }
		],
		[
			'a line that is not text',
			{ fingerprint: hash, seenLines: '{"a":1}' },
			{ fingerprint: hash, lines: null }
		],
		[
			'too many lines',
			{
				fingerprint: hash,
				seenLines: JSON.stringify(
					Object.fromEntries(Array.from({ length: MAX_SEEN_LINES + 1 }, (_, i) => [`l${i}`, '']))
				)
			},
			{ fingerprint: hash, lines: null }
		]
	])('reads %s', (_what, fields, expected) => {
		expect(readSeen(form(fields))).toEqual(expected);
	});
});

describe('changedLines', () => {
	it('lists moved lines in the order now shown, then the lines gone, a missing side as (none)', () => {
		const before = { A: '£1.00', B: '£2.00', C: 'x' };
		const now = { New: '£5.00', A: '£1.00', B: '£3.00' };
		expect(changedLines(before, now)).toEqual([
			{ field: 'New', label: 'New', before: '(none)', saved: '£5.00', yours: null },
			{ field: 'B', label: 'B', before: '£2.00', saved: '£3.00', yours: null },
			{ field: 'C', label: 'C', before: 'x', saved: '(none)', yours: null }
		]);
		expect(changedLines(now, now)).toEqual([]);
		expect(changedLines(null, now)).toEqual([]);
	});

	it('never reads a label from the object prototype', () => {
		const before = JSON.parse('{"__proto__":"x","constructor":"y"}') as Record<string, string>;
		expect(
			changedLines(before, { toString: 'z' }).map((r) => [r.label, r.before, r.saved])
		).toEqual([
			['toString', '(none)', 'z'],
			['__proto__', 'x', '(none)'],
			['constructor', 'y', '(none)']
		]);
	});
});

describe('lineBook and clip', () => {
	it('numbers a repeated label rather than hiding a line', () => {
		const { lines, add } = lineBook();
		add('Milestone: Finance, go-live', 'a');
		add('Milestone: Finance, go-live', 'b');
		add('Milestone: Finance, go-live', 'c');
		expect(lines).toEqual({
			'Milestone: Finance, go-live': 'a',
			'Milestone: Finance, go-live (2)': 'b',
			'Milestone: Finance, go-live (3)': 'c'
		});
	});

	it('keeps short text, collapses whitespace, and cuts long text saying its length', () => {
		expect(clip('  two\n\nlines ')).toBe('two lines');
		const long = 'x'.repeat(1_000);
		expect(clip(long)).toBe(`${'x'.repeat(160)}… (1,000 characters)`);
	});
});

describe('figures too large to show', () => {
	it('notes each line of figures holding one, by its label as added, and no other line', () => {
		const { lines, tooLarge, add, addFigures } = lineBook();
		add('Summary', 'the cost is too large to show');
		addFigures('Cost', '£1.00', [100]);
		addFigures('Cost', 'too large to show', [100, Infinity]);
		addFigures('Remaining', 'too large to show', [Number.NaN]);
		addFigures('Exact at 2^53 - 1', '£90,071,992,547,409.91', [Number.MAX_SAFE_INTEGER]);
		expect(tooLarge).toEqual(['Cost (2)', 'Remaining']);
		expect(Object.keys(lines)).toEqual([
			'Summary',
			'Cost',
			'Cost (2)',
			'Remaining',
			'Exact at 2^53 - 1'
		]);
	});

	it('names at most five figures in the refusal', () => {
		const labels = Array.from({ length: 7 }, (_, i) => `Figure ${i + 1}`);
		const message = tooLargeToFreeze('An issued report', labels);
		expect(message).toMatch(
			/^An issued report cannot hold a figure that is too large to show \(a total past £90 trillion, where no single amount may be more than £1,000,000,000.00\): Figure 1; Figure 2; Figure 3; Figure 4; Figure 5; and 2 more\. /
		);
	});
});
