import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mayMove, readUploadedFile } from './uploaded-file';

/** A request as a browser sends the upload form, built by the platform's own FormData encoder. */
async function formRequest(fields: [string, string | File][]): Promise<Request> {
	const form = new FormData();
	for (const [name, value] of fields) form.append(name, value);
	const built = new Request('http://app.test/import?/upload', { method: 'POST', body: form });
	// Sent in pieces, as a socket delivers it.
	const bytes = new Uint8Array(await built.arrayBuffer());
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			for (let i = 0; i < bytes.length; i += 7_001)
				controller.enqueue(bytes.subarray(i, i + 7_001));
			controller.close();
		}
	});
	return new Request(built.url, {
		method: 'POST',
		body,
		headers: built.headers,
		duplex: 'half'
	} as RequestInit);
}

describe('readUploadedFile', () => {
	it('gives back any file exactly, whatever its bytes, with its name, among other fields', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uint8Array({ minLength: 1, maxLength: 3_000 }),
				fc.constantFrom('a.csv', 'Inventory 2026 £.csv', 'x'),
				async (bytes, name) => {
					// Bytes that look like a boundary or the end of the headers must not cut the file short.
					const tricky = Uint8Array.from([
						...new TextEncoder().encode('\r\n\r\n--'),
						...bytes,
						...new TextEncoder().encode('\r\n--')
					]);
					const request = await formRequest([
						['note', 'before'],
						['file', new File([tricky], name)],
						['after', 'x']
					]);
					const read = await readUploadedFile(request, 'file', 1 << 20);
					expect(read).toEqual({ ok: true, name, bytes: expect.anything() });
					if (read.ok) expect(Buffer.from(read.bytes).equals(Buffer.from(tricky))).toBe(true);
				}
			),
			{ numRuns: 200 }
		);
	});

	it.each([
		['no file chosen', [['file', new File([], '')]]],
		['a text field, not a file', [['file', 'just text']]],
		['another field only', [['other', new File(['a'], 'a.csv')]]]
	] as [string, [string, string | File][]][])('refuses %s', async (_name, fields) => {
		expect(await readUploadedFile(await formRequest(fields), 'file', 1 << 20)).toEqual({
			ok: false,
			reason: 'Select a CSV file or an Excel workbook (.xlsx)'
		});
	});

	it('refuses a body larger than the largest upload as it arrives, and a request that is not a form', async () => {
		const big = await formRequest([['file', new File([new Uint8Array(3 << 20)], 'big.csv')]]);
		expect(await readUploadedFile(big, 'file', 2 << 20)).toEqual({
			ok: false,
			reason: 'The file is larger than 2 MB'
		});
		const json = new Request('http://app.test/import', {
			method: 'POST',
			body: '{}',
			headers: { 'content-type': 'application/json' }
		});
		expect(await readUploadedFile(json, 'file', 1 << 20)).toEqual({
			ok: false,
			reason: 'Select a CSV file or an Excel workbook (.xlsx)'
		});
	});
});

describe('mayMove', () => {
	it('is true of the bytes of a file read from a form (nothing else holds them), false of anyone else bytes', async () => {
		const read = await readUploadedFile(
			await formRequest([['file', new File(['Name\nA\n'], 'a.csv')]]),
			'file',
			1 << 20
		);
		expect(read.ok && mayMove(read.bytes)).toBe(true);
		expect(mayMove(new TextEncoder().encode('Name\nA\n'))).toBe(false);
	});
});
