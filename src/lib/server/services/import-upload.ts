/**
 * Keeping an uploaded file for its preview, for both imports (systems and cost lines): the size limit
 * and the checks that need no mapping, run on the upload-check worker.
 */
import { transaction } from '../db/database';
import * as imports from '../repos/imports';
import { mayMove } from '../web/uploaded-file';
import { uploadChecker, type WorkbookInfo } from './upload-check';
import type { Encoding } from '$lib/domain/csv/decode';
import type { Delimiter } from '$lib/domain/csv/delimiter';
import type { Actor } from './actor';
import { isDatabaseServerUrl, SERVER_LARGEST_VALUE_BYTES } from '../db/server-check';

/** The largest file accepted, in bytes (IMPORT_MAX_BYTES, default 20 MB; at most 4 MB on a database server: db/server-check.ts). */
export function importMaxBytes(): number {
	const configured = Number(process.env.IMPORT_MAX_BYTES);
	const limit = Number.isFinite(configured) && configured > 0 ? configured : 20 * 1024 * 1024;
	return isDatabaseServerUrl() ? Math.min(limit, SERVER_LARGEST_VALUE_BYTES) : limit;
}

/** What both imports' previews say of the kept file, whatever they plan from it. */
export interface UploadPreview {
	uploadId: number;
	fileName: string;
	sha256: string;
	encoding: Encoding;
	delimiter: Delimiter;
	headings: string[];
	/** A problem with the whole file: nothing can be imported until it is mended. */
	fileProblem: string | null;
	/** An Excel workbook's sheets and the one read. */
	workbook?: WorkbookInfo;
	/** The heading row's number in the file when a title is above it (1 otherwise), and the title's rows. */
	headingRow?: number;
	aboveHeadings?: string[];
}

/** Where the heading row was found, for the preview to say (parse.ts headingRecordIndex). */
export const headingPlace = (head: { headingRow: number; above: string[] }) => ({
	headingRow: head.headingRow,
	aboveHeadings: head.above
});

export type UploadResult = { ok: true; uploadId: number } | { ok: false; reason: string };

/**
 * Keeps the file for preview, after the checks that need no mapping: size, encoding, the limits on
 * columns, rows and cells (src/lib/domain/csv/limits.ts), CSV shape. A file refused is not kept.
 * Used by both import routes (systems and cost lines). The file's text and rows are made and
 * dropped on the worker, not in this heap: no collection is needed after (a full one holds the
 * event loop for a tenth of a second).
 */
export async function uploadFile(
	actor: Actor & { userId: number },
	fileName: string,
	bytes: Uint8Array
): Promise<UploadResult> {
	if (bytes.length > importMaxBytes())
		return {
			ok: false,
			reason: `The file is larger than ${Math.round(importMaxBytes() / 1024 / 1024)} MB`
		};
	// A file read from the form is moved to the worker and back; the caller's own bytes are copied.
	const checked = await uploadChecker().check(bytes, mayMove(bytes), {
		maxBytes: importMaxBytes()
	});
	if (!checked.ok) return checked;
	const kept = checked.bytes;
	const uploadId = await transaction(async (tx) => {
		await imports.deleteStaleUploads(tx, new Date(Date.now() - 24 * 3_600_000).toISOString());
		return imports.saveUpload(tx, {
			organisationId: actor.organisationId,
			userId: actor.userId,
			fileName: fileName.slice(0, 255),
			sha256: checked.sha256,
			bytes: Buffer.from(kept.buffer, kept.byteOffset, kept.byteLength)
		});
	});
	return { ok: true, uploadId };
}
