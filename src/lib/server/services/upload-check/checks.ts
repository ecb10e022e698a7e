/**
 * The checks of an uploaded file whose cost grows with the file: decoding its bytes, parsing it
 * against the limits (src/lib/domain/csv/limits.ts) and hashing it; and, for a preview, decoding
 * it again and reading its structure and heading row. Plain functions of the bytes, with no
 * database or request: the same code runs on the upload-check worker thread (worker.ts), where
 * nothing else waits for it, and in the server's own thread when there is no worker (then
 * `between` lets other requests run between its pieces).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { decodeCsvBytes, type Encoding } from '../../../domain/csv/decode';
import { detectDelimiter, type Delimiter } from '../../../domain/csv/delimiter';
import { parseCsvInSlices, readCsvHead, type CsvHead } from '../../../domain/csv/parse';
import { readWorkbookText, uploadKind, type WorkbookInfo } from './xlsx-read';

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

/** What reading an upload needs beyond its bytes when it is an Excel workbook. */
export interface WorkbookOptions {
	/** The officer's choice of sheet; else the first visible sheet with data. */
	sheet?: string;
	/** The largest upload (IMPORT_MAX_BYTES): a workbook may unpack to a bounded multiple of it, its sheet's text to no more. */
	maxBytes?: number;
	/** exceljs's entry file, resolved by the server (this code also runs as an eval'd worker, which cannot resolve packages itself). */
	excelJsPath?: string;
}

type UploadTextRead =
	| { ok: true; text: string; encoding: Encoding; workbook?: WorkbookInfo }
	| { ok: false; reason: string; workbook?: WorkbookInfo };

/** The upload as text: a CSV file decoded, or an Excel workbook's sheet read cell by cell into the same CSV text (comma-separated). */
async function uploadText(
	bytes: Uint8Array,
	options: WorkbookOptions,
	between: Between
): Promise<UploadTextRead> {
	if (uploadKind(bytes) === 'text') return decodeCsvBytes(bytes, between);
	// On the server's own thread the package resolves from here; a worker is always given the path.
	const excelJsPath = options.excelJsPath ?? createRequire(import.meta.url).resolve('exceljs');
	const read = await readWorkbookText(bytes, {
		sheet: options.sheet,
		maxBytes: options.maxBytes ?? 20 * 1024 * 1024,
		excelJsPath
	});
	return read.ok ? { ok: true, text: read.text, encoding: 'xlsx', workbook: read.workbook } : read;
}

/**
 * What an upload must pass to be kept: it decodes (UTF-8 or Windows-1252, not binary) or is a
 * workbook whose first sheet with data reads, it is within every limit, and it parses as CSV with
 * a heading row, distinct headings and a data row. Gives the SHA-256 of the bytes when it passes,
 * else the first reason it fails. A workbook of several sheets is kept when the sheet read first
 * fails but the workbook itself is sound: the officer may choose another sheet on the preview.
 */
export async function checkUploadBytes(
	bytes: Uint8Array,
	between: Between = noPause,
	options: WorkbookOptions = {}
): Promise<UploadCheck> {
	const decoded = await uploadText(bytes, options, between);
	const otherSheets = (decoded.workbook?.sheets.length ?? 0) > 1 && decoded.workbook?.sheet != null;
	if (!decoded.ok && !otherSheets) return { ok: false, reason: decoded.reason };
	if (decoded.ok) {
		// The scan checks every row against the limits and quotes; rows are parsed only up to the first data row, as
		// nothing after it can refuse the file (a ragged row is the row's problem): no garbage of 100,000 parsed rows.
		const parsed = await parseCsvInSlices(
			decoded.text,
			decoded.workbook ? ',' : detectDelimiter(decoded.text),
			between,
			{ between, untilFirstDataRow: true }
		);
		if (!parsed.ok && !otherSheets) return parsed;
	}
	return { ok: true, sha256: await sha256Of(bytes, between) };
}

/** `workbook`: the sheets of an Excel workbook and the one read. */
type Read = { decoded: true; encoding: Encoding; delimiter: Delimiter; workbook?: WorkbookInfo };
/**
 * A stored upload read for a preview: undecodable (with why); or its encoding, delimiter and head,
 * which is the limit it breaks (and then no text: nothing reads such a file further), or its
 * structure and headings with its text.
 */
export type UploadText =
	| { decoded: false; reason: string; workbook?: WorkbookInfo }
	| (Read & { head: Extract<CsvHead, { ok: false }> })
	| (Read & { head: Extract<CsvHead, { ok: true }>; text: string });

export interface ReadTextOptions extends WorkbookOptions {
	/** The officer's choice; else the one detected. A workbook's sheet is always read comma-separated. */
	delimiter?: Delimiter;
	/** Characters per slice of the structure (readCsvHead's `size`). */
	size?: number;
}

/** Decodes a stored upload and reads its structure and heading row (readCsvHead): what a preview needs before it maps columns. */
export async function readUploadText(
	bytes: Uint8Array,
	options: ReadTextOptions = {},
	between: Between = noPause
): Promise<UploadText> {
	const decoded = await uploadText(bytes, options, between);
	if (!decoded.ok)
		return {
			decoded: false,
			reason: decoded.reason,
			...(decoded.workbook && { workbook: decoded.workbook })
		};
	const delimiter = decoded.workbook ? ',' : (options.delimiter ?? detectDelimiter(decoded.text));
	const head = await readCsvHead(decoded.text, delimiter, { size: options.size, between });
	const read: Read = {
		decoded: true,
		encoding: decoded.encoding,
		delimiter,
		...(decoded.workbook && { workbook: decoded.workbook })
	};
	return head.ok ? { ...read, head, text: decoded.text } : { ...read, head };
}
