/**
 * The checks of an uploaded file whose cost grows with the file: decoding its bytes, parsing it
 * against the limits (src/lib/domain/csv/limits.ts) and hashing it; and, for a preview, decoding
 * it again and reading its structure and heading row. Plain functions of the bytes, with no
 * database or request: the same code runs on the upload-check worker thread (worker.ts), where
 * nothing else waits for it, and in the server's own thread when there is no worker (then
 * `between` lets other requests run between its pieces).
 */
import { createHash } from 'node:crypto';
import { decodeCsvBytes, type Encoding } from '../../domain/csv/decode';
import { detectDelimiter, type Delimiter } from '../../domain/csv/delimiter';
import { parseCsvInSlices, readCsvHead, type CsvHead } from '../../domain/csv/parse';

type Between = () => Promise<void> | void;
const noPause: Between = () => {};

export type UploadCheck = { ok: true; sha256: string } | { ok: false; reason: string };

/** Bytes hashed per piece: hashing 20 MB at once takes tens of milliseconds. */
const HASH_CHUNK = 1 << 20;

async function sha256Of(bytes: Uint8Array, between: Between): Promise<string> {
	const hash = createHash('sha256');
	for (let i = 0; i < bytes.length; i += HASH_CHUNK) {
		hash.update(bytes.subarray(i, i + HASH_CHUNK));
		await between();
	}
	return hash.digest('hex');
}

/**
 * What an upload must pass to be kept: it decodes (UTF-8 or Windows-1252, not binary), it is within
 * every limit, and it parses as CSV with a heading row, distinct headings and a data row. Gives the
 * SHA-256 of the bytes when it passes, else the first reason it fails.
 */
export async function checkUploadBytes(bytes: Uint8Array, between: Between = noPause): Promise<UploadCheck> {
	const decoded = await decodeCsvBytes(bytes, between);
	if (!decoded.ok) return decoded;
	const parsed = await parseCsvInSlices(decoded.text, detectDelimiter(decoded.text), between, { between });
	if (!parsed.ok) return parsed;
	return { ok: true, sha256: await sha256Of(bytes, between) };
}

type Read = { decoded: true; encoding: Encoding; delimiter: Delimiter };
/**
 * A stored upload read for a preview: undecodable (with why); or its encoding, delimiter and head,
 * which is the limit it breaks (and then no text: nothing reads such a file further), or its
 * structure and headings with its text.
 */
export type UploadText = { decoded: false; reason: string } | (Read & { head: Extract<CsvHead, { ok: false }> }) | (Read & { head: Extract<CsvHead, { ok: true }>; text: string });

export interface ReadTextOptions {
	/** The officer's choice; else the one detected. */
	delimiter?: Delimiter;
	/** Characters per slice of the structure (readCsvHead's `size`). */
	size?: number;
}

/** Decodes a stored upload and reads its structure and heading row (readCsvHead): what a preview needs before it maps columns. */
export async function readUploadText(bytes: Uint8Array, options: ReadTextOptions = {}, between: Between = noPause): Promise<UploadText> {
	const decoded = await decodeCsvBytes(bytes, between);
	if (!decoded.ok) return { decoded: false, reason: decoded.reason };
	const delimiter = options.delimiter ?? detectDelimiter(decoded.text);
	const head = await readCsvHead(decoded.text, delimiter, { size: options.size, between });
	const read: Read = { decoded: true, encoding: decoded.encoding, delimiter };
	return head.ok ? { ...read, head, text: decoded.text } : { ...read, head };
}
