/**
 * Turning an uploaded file's bytes into text. Councils' spreadsheets arrive as UTF-8 (with or
 * without a BOM) or as Windows-1252, Excel's default on UK Windows. Decoding happens here, on the
 * server, because papaparse's `encoding` option works only in browsers.
 */

/** How the file's text was read: 'xlsx' is an Excel workbook, read cell by cell (src/lib/server/services/upload-check/xlsx-read.ts). */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'xlsx';

export type Decoded =
	{ ok: true; text: string; encoding: Encoding } | { ok: false; reason: string };

/**
 * Windows-1252's bytes 0x80-0x9F. Node 20's TextDecoder('windows-1252') maps these to C1 control
 * characters (nodejs/node #60888), losing '€', curly quotes and dashes, so they come from this table.
 * Undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) have no character.
 */
const CP1252_HIGH: readonly (string | null)[] = [
	'€',
	null,
	'‚',
	'ƒ',
	'„',
	'…',
	'†',
	'‡',
	'ˆ',
	'‰',
	'Š',
	'‹',
	'Œ',
	null,
	'Ž',
	null,
	null,
	'‘',
	'’',
	'“',
	'”',
	'•',
	'–',
	'—',
	'˜',
	'™',
	'š',
	'›',
	'œ',
	null,
	'ž',
	'Ÿ'
];

/** Each byte's UTF-16 code unit in Windows-1252; 0xFFFF for the five undefined bytes. */
const CP1252_UNITS = Uint16Array.from({ length: 256 }, (_, b) =>
	b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80]?.charCodeAt(0) ?? 0xffff) : b
);
const UTF16 = new TextDecoder('utf-16le');

/**
 * Decodes Windows-1252: ASCII and 0xA0-0xFF are Latin-1; 0x80-0x9F come from the table. Each byte
 * becomes its code unit in a typed array, turned into a string by the platform's UTF-16 decoder:
 * no per-character string building. Null when the bytes include an undefined one.
 */
export function decodeWindows1252(bytes: Uint8Array): string | null {
	const units = new Uint16Array(bytes.length);
	for (let i = 0; i < bytes.length; i++) {
		const unit = CP1252_UNITS[bytes[i]!]!;
		if (unit === 0xffff) return null;
		units[i] = unit;
	}
	return UTF16.decode(units);
}

/** Bytes decoded per turn of the event loop: a few milliseconds of work. */
const DECODE_CHUNK = 1 << 20;

/** Decodes a chunk at a time with `decode`, letting other work run between chunks; null when `decode` refuses a chunk. */
async function decodeInChunks(
	bytes: Uint8Array,
	decode: (chunk: Uint8Array, last: boolean) => string | null,
	between: () => Promise<void> | void
): Promise<string | null> {
	const parts: string[] = [];
	for (let i = 0; i < bytes.length; i += DECODE_CHUNK) {
		const part = decode(bytes.subarray(i, i + DECODE_CHUNK), i + DECODE_CHUNK >= bytes.length);
		if (part === null) return null;
		parts.push(part);
		await between();
	}
	return parts.join('');
}

/** UTF-8, strictly, in chunks (a character split between chunks is carried over); null when the bytes are not UTF-8. */
function utf8Decoder(): (chunk: Uint8Array, last: boolean) => string | null {
	const decoder = new TextDecoder('utf-8', { fatal: true });
	return (chunk, last) => {
		try {
			return decoder.decode(chunk, { stream: !last });
		} catch {
			return null;
		}
	};
}

/** Control characters that never appear in a spreadsheet's text (tab, CR and LF are fine), looked for at the start. */
function startsLikeBinary(text: string): boolean {
	for (let i = 0; i < Math.min(text.length, 65_536); i++) {
		const c = text.charCodeAt(i);
		if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
	}
	return false;
}

/**
 * Decodes a CSV upload: UTF-8 when the bytes are valid UTF-8 (a BOM is noted and removed), otherwise
 * Windows-1252, a chunk at a time so that `between` can let other work run. A file with NUL or
 * other control bytes is refused as not a CSV file (a spreadsheet saved as .xlsx, a PDF, an image).
 */
const NOT_CSV: Decoded = {
	ok: false,
	reason: 'The file is not a CSV file: it contains binary data'
};

export async function decodeCsvBytes(
	bytes: Uint8Array,
	between: () => Promise<void> | void = () => {}
): Promise<Decoded> {
	if (bytes.length === 0) return { ok: false, reason: 'The file is empty' };
	const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
	if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
		return {
			ok: false,
			reason:
				'The file is a spreadsheet workbook (.xlsx), not CSV. In Excel, choose Save As, then CSV UTF-8'
		};
	}
	if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
		return {
			ok: false,
			reason: 'The file is UTF-16 text. In Excel, choose Save As, then CSV UTF-8'
		};
	}
	// A NUL byte anywhere: looked for in the bytes (natively), before any decoding.
	if (bytes.indexOf(0) !== -1) return NOT_CSV;
	let encoding: Encoding = bom ? 'utf-8-bom' : 'utf-8';
	let text = await decodeInChunks(bom ? bytes.subarray(3) : bytes, utf8Decoder(), between);
	if (text === null) {
		text = await decodeInChunks(bytes, decodeWindows1252, between);
		encoding = 'windows-1252';
	}
	if (text === null || startsLikeBinary(text)) return NOT_CSV;
	return { ok: true, text, encoding };
}

export const ENCODING_LABEL: Record<Encoding, string> = {
	'utf-8': 'UTF-8',
	'utf-8-bom': 'UTF-8 (with byte order mark)',
	'windows-1252': 'Windows-1252 (Excel on Windows)',
	xlsx: 'Excel workbook (.xlsx): cells read as stored'
};
