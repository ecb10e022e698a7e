/** Which character separates the columns: comma, semicolon or tab, guessed from the first lines. */

export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export const DELIMITER_LABEL: Record<Delimiter, string> = {
	',': 'Comma',
	';': 'Semicolon',
	'\t': 'Tab'
};

const DETECT_CHARS = 1 << 16;

/** Counts a delimiter per line outside double quotes, over the first `lines` lines. */
function countsPerLine(text: string, delimiter: Delimiter, lines: number): number[] {
	const counts: number[] = [];
	let count = 0;
	let quoted = false;
	const code = delimiter.charCodeAt(0);
	for (let i = 0; i < text.length && counts.length < lines; i++) {
		const c = text.charCodeAt(i);
		if (c === 34) quoted = !quoted;
		else if (!quoted && c === code) count++;
		else if (!quoted && c === 10) {
			counts.push(count);
			count = 0;
		}
	}
	if (count > 0 && counts.length < lines) counts.push(count);
	return counts;
}

/**
 * The delimiter that splits most of the first lines into as many columns as the first line it
 * splits, preferring more columns; a comma when nothing splits any line. A line it does not split
 * (a blank line, or a title saved without its empty cells above the headings) is not counted, for
 * or against. The officer can change it on the preview.
 */
export function detectDelimiter(whole: string, lines = 20): Delimiter {
	// The first 64K characters only (200 headings of 200 characters fit): the guess needs a few lines, and a file of one endless line must not cost a scan of it all.
	const text = whole.slice(0, DETECT_CHARS);
	let best: Delimiter = ',';
	let bestScore = -1;
	for (const delimiter of DELIMITERS) {
		const counts = countsPerLine(text, delimiter, lines).filter((n) => n > 0);
		const header = counts[0] ?? 0;
		if (header === 0) continue;
		const score = counts.filter((n) => n === header).length * 1000 + header;
		if (score > bestScore) {
			best = delimiter;
			bestScore = score;
		}
	}
	return best;
}

export function isDelimiter(value: unknown): value is Delimiter {
	return typeof value === 'string' && (DELIMITERS as readonly string[]).includes(value);
}

/** Delimiters as they travel in a URL or form: 'comma', 'semicolon', 'tab'. */
export const DELIMITER_PARAM: Record<Delimiter, string> = {
	',': 'comma',
	';': 'semicolon',
	'\t': 'tab'
};

export function delimiterFromParam(value: unknown): Delimiter | undefined {
	return DELIMITERS.find((d) => DELIMITER_PARAM[d] === value);
}
