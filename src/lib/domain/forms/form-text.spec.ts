import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { refuseUnsafeText, textProblem, textProblemMessage } from './form-text';
import { parseSystemForm, EMPTY_SYSTEM_FORM } from '../systems/system-form';
import { readRow } from '../csv/rows';
import type { Mapping } from '../csv/mapping';

/** The rule, written out code point by code point as an independent oracle. */
function oracle(value: string, kind: 'line' | 'multiline'): 'control' | 'bidi' | null {
	let bidi = false;
	for (const ch of value) {
		const c = ch.codePointAt(0)!;
		const lineBreak = c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
		if (
			(c <= 0x1f || (c >= 0x7f && c <= 0x9f) || lineBreak) &&
			!(kind === 'multiline' && lineBreak)
		)
			return 'control';
		if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) bidi = true;
	}
	return bidi && kind === 'line' ? 'bidi' : null;
}

const CONTROLS = [
	...Array.from({ length: 32 }, (_, i) => i).filter((c) => c !== 9 && c !== 10 && c !== 13),
	...Array.from({ length: 33 }, (_, i) => 0x7f + i)
].map((c) => String.fromCharCode(c));
const BIDI = [
	'\u202A',
	'\u202B',
	'\u202C',
	'\u202D',
	'\u202E',
	'\u2066',
	'\u2067',
	'\u2068',
	'\u2069'
];
/** Strings weighted towards the characters that matter, among ordinary and astral text. */
const text = fc
	.array(
		fc.oneof(
			fc.string({ unit: 'grapheme' }),
			fc.constantFrom(...CONTROLS, ...BIDI, '\t', '\n', '\r', '\u2028', 'é', '£', 'عربى', '😀')
		),
		{ maxLength: 12 }
	)
	.map((parts) => parts.join(''));
const kind = fc.constantFrom('line' as const, 'multiline' as const);

describe('textProblem: the one rule for stored text', () => {
	it('agrees with the code-point oracle on any string, in both kinds of field', () => {
		fc.assert(
			fc.property(text, kind, (value, k) => {
				expect(textProblem(value, k)).toBe(oracle(value, k));
			}),
			{ numRuns: 2000 }
		);
	});

	it('refuses any control character wherever it is put, in both kinds of field', () => {
		fc.assert(
			fc.property(
				fc.string(),
				fc.string(),
				fc.constantFrom(...CONTROLS),
				kind,
				(before, after, control, k) => {
					expect(textProblem(`${before}${control}${after}`, k)).toBe('control');
				}
			)
		);
	});

	it('refuses a bidirectional override or isolate in a single-line field, and keeps it in a multi-line one', () => {
		const clean = fc.string().filter((s) => oracle(s, 'line') === null);
		fc.assert(
			fc.property(clean, clean, fc.constantFrom(...BIDI), (before, after, mark) => {
				expect(textProblem(`${before}${mark}${after}`, 'line')).toBe('bidi');
				expect(textProblem(`${before}${mark}${after}`, 'multiline')).toBeNull();
			})
		);
	});

	it('accepts tabs and line breaks only in multi-line fields', () => {
		for (const c of ['\t', '\n', '\r\n', '\u2028']) {
			expect(textProblem(`a${c}b`, 'multiline')).toBeNull();
			expect(textProblem(`a${c}b`, 'line')).toBe('control');
		}
	});

	it('accepts ordinary text of any script, accents, currency and emoji', () => {
		for (const value of [
			"Children's Social Care Record",
			'Café Órla – £4,250',
			'نظام الرعاية',
			'מערכת',
			'系统',
			'😀 Fine'
		])
			expect(textProblem(value)).toBeNull();
	});

	it('words the error with the field, never the text', () => {
		fc.assert(
			fc.property(text, (value) => {
				const errors: Record<string, string> = {};
				refuseUnsafeText(errors, { name: `x${value}\u0000` }, { name: 'Name' });
				expect(errors.name).toBe(textProblemMessage('Name', 'control'));
				expect(errors.name).not.toContain('\u0000');
			})
		);
	});
});

describe('the rule on the system form and the import row', () => {
	const context = {
		directorateIds: new Set<number>(),
		serviceAreaDirectorate: new Map<number, number>()
	};
	const valid = {
		...EMPTY_SYSTEM_FORM,
		hosting: 'saas',
		criticality: 'high',
		personalData: 'none'
	};

	it.each([
		['a NUL', 'Care\u0000Record', /hidden control character/],
		['a right-to-left override', 'Care\u202EdroceR', /right-to-left formatting character/]
	])('refuses a name with %s, keeping what was typed', (_, name, message) => {
		const parsed = parseSystemForm({ ...valid, name }, context);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors.name).toMatch(message);
		expect(parsed.values.name).toBe(name);
	});

	it('keeps line breaks in the description and refuses them in the name', () => {
		expect(
			parseSystemForm(
				{ ...valid, name: 'Fine', description: 'Line one\r\nLine two\tindented' },
				context
			).ok
		).toBe(true);
		expect(parseSystemForm({ ...valid, name: 'Two\nlines' }, context).ok).toBe(false);
	});

	const importContext = {
		directorates: new Map(),
		serviceAreas: new Map(),
		directorateIds: new Set<number>(),
		serviceAreaDirectorate: new Map<number, number>()
	};
	const mapping: Mapping = ['name', 'hosting', 'criticality', 'personalData', 'reviewer'];

	it.each([['Care\u0000Record'], ['Care\u202EdroceR'], ['Care\u0085Record']])(
		'refuses an import row whose name is %j, naming the row and column',
		(name) => {
			const read = readRow([name, 'SaaS', 'High', 'No', ''], 7, mapping, importContext);
			expect(read.ok).toBe(false);
			if (read.ok) return;
			// The name is not shown beside the row either: it would carry the hidden character to the page and the CSV.
			expect(read.problems).toEqual([
				{
					row: 7,
					column: expect.any(String),
					reason: expect.stringMatching(/^Name contains a hidden/)
				}
			]);
		}
	);

	it('refuses a hidden character in a review column of an import row too', () => {
		const read = readRow(
			['Fine', 'SaaS', 'High', 'No', 'Strategy\u202Egroup'],
			8,
			mapping,
			importContext
		);
		expect(read.ok).toBe(false);
	});
});
