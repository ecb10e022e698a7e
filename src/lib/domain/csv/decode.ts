/**
 * Turning an uploaded file's bytes into text. Councils' spreadsheets arrive as UTF-8 (with or
 * without a BOM) or as Windows-1252, Excel's default on UK Windows. Decoding happens here, on the
 * server, because papaparse's `encoding` option works only in browsers.
 */

export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

export type Decoded = { ok: true; text: string; encoding: Encoding } | { ok: false; reason: string };

/**
 * Windows-1252's bytes 0x80-0x9F. Node 20's TextDecoder('windows-1252') maps these to C1 control
 * characters (nodejs/node #60888), losing '€', curly quotes and dashes, so they come from this table.
 * Undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) have no character.
 */
const CP1252_HIGH: readonly (string | null)[] = [
	'€', null, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', null, 'Ž', null,
	null, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', null, 'ž', 'Ÿ'
];

const LATIN1 = new TextDecoder('windows-1252');

/**
 * Decodes Windows-1252: the platform decoder for everything (native, fast), then the table for the
 * 0x80-0x9F characters it may have turned into C1 controls. Null when the bytes include an undefined one.
 */
export function decodeWindows1252(bytes: Uint8Array): string | null {
	let undefinedByte = false;
	const text = LATIN1.decode(bytes).replace(/[\u0080-\u009f]/g, (c) => {
		const mapped = CP1252_HIGH[c.charCodeAt(0) - 0x80];
		if (mapped == null) undefinedByte = true;
		return mapped ?? '';
	});
	return undefinedByte ? null : text;
}

/** Bytes decoded per turn of the event loop: a few milliseconds even when every byte needs the table. */
const DECODE_CHUNK = 1 << 18;

async function decodeWindows1252InChunks(bytes: Uint8Array, between: () => Promise<void> | void): Promise<string | null> {
	const parts: string[] = [];
	for (let i = 0; i < bytes.length; i += DECODE_CHUNK) {
		const part = decodeWindows1252(bytes.subarray(i, i + DECODE_CHUNK));
		if (part === null) return null;
		parts.push(part);
		await between();
	}
	return parts.join('');
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Control characters that never appear in a spreadsheet's text (tab, CR and LF are fine). */
function looksBinary(text: string): boolean {
	if (text.includes('\0')) return true;
	let control = 0;
	for (let i = 0; i < Math.min(text.length, 65_536); i++) {
		const c = text.charCodeAt(i);
		if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) control++;
	}
	return control > 0;
}

/**
 * Decodes a CSV upload: UTF-8 when the bytes are valid UTF-8 (a BOM is noted and removed), otherwise
 * Windows-1252, a chunk at a time so that `between` can let other work run. A file with NUL or other control bytes is refused as not a CSV file (a spreadsheet
 * saved as .xlsx, a PDF, an image).
 */
export async function decodeCsvBytes(bytes: Uint8Array, between: () => Promise<void> | void = () => {}): Promise<Decoded> {
	if (bytes.length === 0) return { ok: false, reason: 'The file is empty' };
	const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
	if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
		return { ok: false, reason: 'The file is a spreadsheet workbook (.xlsx), not CSV. In Excel, choose Save As, then CSV UTF-8' };
	}
	if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
		return { ok: false, reason: 'The file is UTF-16 text. In Excel, choose Save As, then CSV UTF-8' };
	}
	let text: string | null;
	let encoding: Encoding;
	try {
		text = UTF8.decode(bom ? bytes.subarray(3) : bytes);
		encoding = bom ? 'utf-8-bom' : 'utf-8';
	} catch {
		text = await decodeWindows1252InChunks(bytes, between);
		encoding = 'windows-1252';
	}
	if (text == null || looksBinary(text)) return { ok: false, reason: 'The file is not a CSV file: it contains binary data' };
	return { ok: true, text, encoding };
}

export const ENCODING_LABEL: Record<Encoding, string> = {
	'utf-8': 'UTF-8',
	'utf-8-bom': 'UTF-8 (with byte order mark)',
	'windows-1252': 'Windows-1252 (Excel on Windows)'
};
