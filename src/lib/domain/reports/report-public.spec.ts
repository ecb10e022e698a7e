import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WITHHELD, foldTerms, withholdTerms } from './report-public';

const withhold = (text: string, ...terms: string[]) => withholdTerms(text, foldTerms(terms));

describe('withholding a supplier name however it was typed or pasted', () => {
	it.each([
		['typed exactly', 'Paid to Acme Care Ltd in May.'],
		['non-breaking space', 'Paid to Acme\u00a0Care\u00a0Ltd in May.'],
		['narrow no-break and ideographic spaces', 'Paid to Acme\u202fCare\u3000Ltd in May.'],
		['double space and a tab', 'Paid to Acme  Care\tLtd in May.'],
		['a line break', 'Paid to Acme\nCare Ltd in May.'],
		['different case', 'Paid to ACME care LTD in May.'],
		['zero-width space inside a word', 'Paid to Ac\u200bme Care L\u200btd in May.'],
		[
			'zero-width joiner, word joiner and byte-order mark',
			'Paid to A\u200dcme\u2060 Care\ufeff Ltd in May.'
		],
		['soft hyphen from Word', 'Paid to Ac\u00adme Care Ltd in May.'],
		['full stop after Ltd', 'Paid to Acme Care Ltd. in May.'],
		['full-width letters (NFKC)', 'Paid to Ａｃｍｅ Ｃａｒｅ Ｌｔｄ in May.']
	])('withholds it with %s', (_how, text) => {
		expect(withhold(text, 'Acme Care Ltd')).toBe(
			`Paid to ${WITHHELD}${text.includes('Ltd.') ? '.' : ''} in May.`
		);
	});

	it.each([
		['hyphen', 'Hewlett-Packard'],
		['en dash', 'Hewlett–Packard'],
		['em dash', 'Hewlett—Packard'],
		['minus sign', 'Hewlett−Packard'],
		['non-breaking hyphen', 'Hewlett‑Packard'],
		['spaced dash', 'Hewlett - Packard'],
		['no dash', 'Hewlett Packard']
	])('unifies dashes: %s', (_how, written) => {
		expect(withhold(`Support from ${written} ends.`, 'Hewlett-Packard')).toBe(
			`Support from ${WITHHELD} ends.`
		);
	});

	it('ignores punctuation and accents on either side, and folds ß', () => {
		expect(withhold('O’Brien & Sons will migrate', "O'Brien and Sons", 'OBrien & Sons')).toBe(
			`${WITHHELD} will migrate`
		);
		expect(withhold('Café Systèmes (UK)', 'Cafe Systemes')).toBe(`${WITHHELD} (UK)`);
		expect(withhold('Straße IT, Strasse IT and STRASSE IT', 'Straße IT')).toBe(
			`${WITHHELD}, ${WITHHELD} and ${WITHHELD}`
		);
		// The supplier's name stored with odd spacing still matches text typed normally.
		expect(withhold('Acme Care Ltd', '  Acme\u00a0\u00a0Care  Ltd ')).toBe(WITHHELD);
	});

	it('matches whole words only, withholding the text as written and nothing around it', () => {
		expect(withhold('BTEC training; bt outage; SUBTLE; B.T. line', 'BT')).toBe(
			`BTEC training; ${WITHHELD} outage; SUBTLE; ${WITHHELD}. line`
		);
		expect(withhold('AcmeCare Ltd', 'Acme')).toBe('AcmeCare Ltd');
		expect(withhold('(Acme)', 'Acme')).toBe(`(${WITHHELD})`);
		expect(withhold('Acme Care Ltd and Acme', 'Acme', 'Acme Care Ltd')).toBe(
			`${WITHHELD} and ${WITHHELD}`
		);
		expect(withhold('Nothing to withhold', 'Acme', '—', '')).toBe('Nothing to withhold');
	});
});

// Supplier names are built from letters a-m (any case, accents, ligature-free) so the surrounding
// text, made only of letters n-z and digits, can never spell them by chance: any sequence of a
// supplier's letters left in the public text must come from the planted name.
const SUPPLIER_LETTERS = 'abcdefghijklmABCDEFGHIJKLMéÉàçĆ'.split('');
const SEPARATORS = [' ', '-', ' & ', '.', "'", ' (', ') '];
const SPACES = [' ', '  ', '\u00a0', '\u202f', '\u2009', '\t', '\n', '\u3000'];
const DASHES = ['-', '\u2010', '\u2011', '\u2013', '\u2014', '\u2212', ' - '];
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];

const word = fc
	.array(fc.constantFrom(...SUPPLIER_LETTERS), { minLength: 2, maxLength: 8 })
	.map((a) => a.join(''));
const supplier = fc
	.tuple(
		fc.array(word, { minLength: 1, maxLength: 4 }),
		fc.array(fc.constantFrom(...SEPARATORS), { minLength: 3, maxLength: 3 })
	)
	.map(([words, seps]) =>
		words.reduce((name, w, i) => (i === 0 ? w : name + seps[i % seps.length] + w), '')
	);
const filler = fc
	.array(fc.stringMatching(/^[n-zN-Z0-9]{1,8}$/), { maxLength: 6 })
	.map((a) => a.join(' '));

/** The name as Word might hand it back: spaces and dashes swapped for their variants, case changed, invisible characters slipped in. */
const variantOf = (name: string) =>
	fc
		.array(
			fc.tuple(
				fc.nat(),
				fc.constantFrom(...SPACES),
				fc.constantFrom(...DASHES),
				fc.constantFrom(...INVISIBLE),
				fc.constantFrom('upper', 'lower', 'keep', 'insert')
			),
			{ maxLength: 12 }
		)
		.map((edits) => {
			let out = name;
			for (const [n, space, dash, invisible, how] of edits) {
				out = out
					.replace(/ /g, () => (n % 2 ? space : ' '))
					.replace(/-/g, () => (n % 3 ? dash : '-'));
				if (how === 'upper') out = out.toUpperCase();
				else if (how === 'lower') out = out.toLowerCase();
				else if (how === 'insert') {
					const at = n % (out.length + 1);
					out = out.slice(0, at) + invisible + out.slice(at);
				}
			}
			return out;
		});

/** The planted name's letters, folded, as an independent check: what survives must not spell them. */
const lettersOf = (s: string) =>
	s
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]/gu, '');

describe('the public version never spells a withheld supplier (property)', () => {
	it('withholds any variant of the name, wherever it sits in the text', () => {
		fc.assert(
			fc.property(
				supplier,
				filler,
				filler,
				fc.constantFrom(' ', ', ', ' (', '\u00a0', '\n', ': '),
				fc.constantFrom(' ', '. ', ') ', '\u00a0', '; '),
				(name, before, after, open, close) =>
					fc.assert(
						fc.property(variantOf(name), (written) => {
							const text = `${before}${open}${written}${close}${after}`;
							const out = withhold(text, name);
							expect(lettersOf(out.split(WITHHELD).join(' '))).not.toContain(lettersOf(name));
							expect(out).toContain(WITHHELD);
							// Nothing but the name was withheld: the words around it survive as typed.
							expect(out.startsWith(before)).toBe(true);
							expect(out.endsWith(after)).toBe(true);
						}),
						{ numRuns: 5 }
					)
			),
			{ numRuns: 300 }
		);
	});
});
