// An upload's checks run on a worker thread (src/lib/server/services/upload-check): the file read from the
// upload form is moved there and back, not copied, and is stored exactly as sent; a stored upload
// read for its preview and its rejected rows gives what it always gave.
import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { db, startDatabase, makeOrganisation } from './helpers';
import * as importService from '$lib/server/services/imports';
import * as costImport from '$lib/server/services/cost-import';
import * as imports from '$lib/server/repos/imports';
import { mayMove, readUploadedFile } from '$lib/server/web/uploaded-file';

beforeAll(async () => {
	await startDatabase();
});

/** The file as the upload route has it: read from a multipart body. */
async function fromForm(name: string, text: string): Promise<Uint8Array> {
	const form = new FormData();
	form.append('file', new File([text], name));
	const read = await readUploadedFile(
		new Request('http://app.test/import', { method: 'POST', body: form }),
		'file',
		1 << 24
	);
	if (!read.ok) throw new Error(read.reason);
	return read.bytes;
}

describe('checking uploads on the worker', () => {
	it('stores a file moved to the worker and back exactly as it was sent, with its SHA-256', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		const text = `System name,Supplier,Hosting,Criticality,Personal data held,Notes\n${Array.from({ length: 3_000 }, (_, i) => `System ${i},Acme £,SaaS,Low,No,"a note, with ""quotes"" €"`).join('\n')}\n`;
		const bytes = await fromForm('big.csv', text);
		expect(mayMove(bytes)).toBe(true);
		const result = await importService.uploadFile(actor, 'big.csv', bytes);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(bytes.byteLength).toBe(0); // moved, not copied
		const stored = (await imports.getUpload(db(), o.org.id, result.uploadId))!;
		expect(Buffer.from(stored.bytes).toString('utf8')).toBe(text);
		expect(stored.sha256).toBe(createHash('sha256').update(text).digest('hex'));
		const preview = (await importService.previewUpload(actor, result.uploadId))!;
		expect(preview).toMatchObject({
			fileProblem: null,
			encoding: 'utf-8',
			delimiter: ',',
			headings: ['System name', 'Supplier', 'Hosting', 'Criticality', 'Personal data held', 'Notes']
		});
		expect(preview.plan.counts.create).toBe(3_000);
	});

	it('gives the rejected rows of a stored upload from one read of it, on both routes', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		const text =
			'System name,Hosting,Criticality,Personal data held,Annual cost (£)\nGood,SaaS,Low,No,100\nBad,SaaS,Low,No,12.5k\n';
		const result = await costImport.uploadFile(actor, 'rows.csv', await fromForm('rows.csv', text));
		if (!result.ok) throw new Error(result.reason);
		const rejected = await importService.rejectedRows(actor, result.uploadId);
		const headings = [
			'System name',
			'Hosting',
			'Criticality',
			'Personal data held',
			'Annual cost (£)'
		];
		expect(rejected).toEqual({
			headings,
			rows: [
				{
					row: 3,
					name: 'Bad',
					reasons: expect.stringMatching(/shorthand/),
					cells: ['Bad', 'SaaS', 'Low', 'No', '12.5k']
				}
			]
		});
		const costRows = await costImport.rejectedCostRows(actor, result.uploadId);
		expect(costRows?.headings).toEqual(headings);
	});
});
