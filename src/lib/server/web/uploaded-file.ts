/**
 * Reading the one file of an upload form (multipart/form-data) without `request.formData()`: in
 * Node 20, undici parses the whole body in one synchronous step, 100-300 ms for 20 MB, during which
 * no other request is served. Here the body is read a chunk at a time as it arrives, refused as soon
 * as it passes the largest upload, then split at its boundary with Buffer.indexOf (native code), so
 * no step in JavaScript grows with the file.
 */

export type UploadedFile =
	{ ok: true; name: string; bytes: Uint8Array } | { ok: false; reason: string };

/** The bodies read here: no one else holds them, so the checks may move them to a worker instead of copying 20 MB. */
const ownBodies = new WeakSet<ArrayBufferLike>();

/** True when `bytes` are an uploaded file read by readUploadedFile, whose buffer its caller may give up. */
export function mayMove(bytes: Uint8Array): boolean {
	return ownBodies.has(bytes.buffer);
}

const NO_FILE: UploadedFile = {
	ok: false,
	reason: 'Select a CSV file or an Excel workbook (.xlsx)'
};
/** Room for the part headers and any other fields of the form, beyond the file itself. */
const FORM_OVERHEAD = 64 * 1024;
/** A part's headers are a few hundred bytes; more is not a browser's form. */
const MAX_PART_HEADERS = 8 * 1024;

/** A quoted parameter of a Content-Disposition header (`name="file"`); null when absent. Browsers percent-encode '"', CR and LF in file names. */
function parameter(disposition: string, key: string): string | null {
	return new RegExp(`;\\s*${key}="([^"]*)"`, 'i').exec(disposition)?.[1] ?? null;
}

/**
 * The file sent in form field `field`, with its name, read from the request's body. Refused when
 * the body is larger than `maxBytes` (and the form's own few kilobytes), when it is not a form, or
 * when no file (or an empty one) was chosen.
 */
export async function readUploadedFile(
	request: Request,
	field: string,
	maxBytes: number
): Promise<UploadedFile> {
	const boundary =
		/^multipart\/form-data\s*;(?:.*;)?\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(
			request.headers.get('content-type') ?? ''
		);
	if (!boundary || !request.body) return NO_FILE;
	const chunks: Uint8Array[] = [];
	let total = 0;
	const reader = request.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.length;
		if (total > maxBytes + FORM_OVERHEAD) {
			await reader.cancel();
			return {
				ok: false,
				reason: `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`
			};
		}
		chunks.push(value);
	}
	const body = Buffer.concat(chunks, total);
	ownBodies.add(body.buffer);
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	const nextPart = Buffer.concat([Buffer.from('\r\n'), delimiter]);
	for (let at = body.indexOf(delimiter); at !== -1;) {
		const start = at + delimiter.length;
		if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // the closing delimiter
		const headersEnd = body.indexOf('\r\n\r\n', start);
		if (headersEnd === -1 || headersEnd - start > MAX_PART_HEADERS) break;
		const end = body.indexOf(nextPart, headersEnd + 4);
		if (end === -1) break;
		const disposition =
			/content-disposition:\s*form-data([^\r\n]*)/i.exec(
				body.toString('utf8', start, headersEnd)
			)?.[1] ?? '';
		if (parameter(disposition, 'name') === field) {
			const name = parameter(disposition, 'filename');
			const bytes = body.subarray(headersEnd + 4, end);
			return name === null || bytes.length === 0 ? NO_FILE : { ok: true, name, bytes };
		}
		at = end + 2;
	}
	return NO_FILE;
}
