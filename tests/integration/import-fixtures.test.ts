/** The fixture files in tests/fixtures/import: each encoding and delimiter reads the same, each bad file is refused clearly. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { db, startDatabase, makeOrganisation } from './helpers';
import * as importService from '$lib/server/services/imports';
import * as systems from '$lib/server/repos/systems';
import { DEFAULT_QUERY } from '$lib/domain/systems';

const fixture = (name: string) =>
	new Uint8Array(readFileSync(join(__dirname, '../fixtures/import', name)));
let actor: Awaited<ReturnType<typeof makeOrganisation>>['actor'] & { userId: number };

beforeAll(async () => {
	await startDatabase();
	actor = { ...(await makeOrganisation()).actor, userId: 1 };
});

async function preview(name: string) {
	const upload = await importService.uploadFile(actor, name, fixture(name));
	if (!upload.ok) return upload;
	return {
		ok: true as const,
		preview: (await importService.previewUpload(actor, upload.uploadId))!
	};
}

describe('encodings and delimiters', () => {
	it.each([
		['utf8.csv', 'utf-8', ','],
		['utf8-bom.csv', 'utf-8-bom', ','],
		['windows-1252.csv', 'windows-1252', ','],
		['semicolon.csv', 'utf-8', ';'],
		['tab.csv', 'utf-8', '\t']
	])(
		'%s reads as the same two systems, curly quotes, dashes and £ intact',
		async (name, encoding, delimiter) => {
			const result = await preview(name);
			if (!result.ok) throw new Error(result.reason);
			expect(result.preview).toMatchObject({ encoding, delimiter, fileProblem: null });
			expect(result.preview.plan.problems).toEqual([]);
			expect(result.preview.plan.counts.create).toBe(2);
		}
	);

	it('keeps € and curly apostrophes from a Windows-1252 file', async () => {
		const upload = await importService.uploadFile(actor, 'euro.csv', fixture('euro-cp1252.csv'));
		if (!upload.ok) throw new Error(upload.reason);
		const p = (await importService.previewUpload(actor, upload.uploadId))!;
		const result = await importService.commitUpload(actor, upload.uploadId, {}, p.planHash);
		expect(result.ok).toBe(true);
		const list = await systems.listSystems(db(), actor.organisationId, {
			...DEFAULT_QUERY,
			q: 'Euro'
		});
		expect(list.rows.map((r) => [r.name, r.supplier])).toEqual([
			['Euro € System', 'Smith’s Supplies – EU']
		]);
	});
});

describe('bad files', () => {
	it.each([
		['duplicate-headers.csv', /same heading/],
		['unterminated-quote.csv', /never closed/],
		['binary.csv', /binary/],
		['workbook.xlsx', /workbook/]
	])('%s is refused with a reason', async (name, reason) => {
		const result = await importService.uploadFile(actor, name, fixture(name));
		expect(result).toEqual({ ok: false, reason: expect.stringMatching(reason) });
	});

	it('reports ragged rows and bad values against their rows; blank rows are ignored', async () => {
		const ragged = await preview('ragged.csv');
		if (!ragged.ok) throw new Error(ragged.reason);
		expect(ragged.preview.plan.problems.map((p) => [p.row, p.reason])).toEqual([
			[3, 'The row has 5 cells but the heading row has 4'],
			[4, 'The row has 2 cells but the heading row has 4']
		]);
		const values = await preview('bad-values.csv');
		if (!values.ok) throw new Error(values.reason);
		expect(values.preview.plan.counts).toEqual({
			create: 0,
			update: 0,
			unchanged: 0,
			rejected: 3,
			reviews: 0,
			links: 0
		});
		expect(values.preview.plan.problems.map((p) => p.row)).toEqual([2, 3, 4]);
	});

	it('refuses a file over the configured size', async () => {
		process.env.IMPORT_MAX_BYTES = '10';
		try {
			expect(await importService.uploadFile(actor, 'big.csv', fixture('utf8.csv'))).toEqual({
				ok: false,
				reason: expect.stringMatching(/larger than/)
			});
		} finally {
			delete process.env.IMPORT_MAX_BYTES;
		}
	});
});

describe('never an exception, never a partial write (property-based)', () => {
	// Properties over many random files, each read (and the second committed) for real: explicit limits.
	it('random bytes are either read or refused with a reason', { timeout: 120_000 }, async () => {
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
				const result = await importService.uploadFile(actor, 'random.bin', bytes);
				expect(typeof result.ok).toBe('boolean');
				if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
				else expect(await importService.previewUpload(actor, result.uploadId)).not.toBeNull();
			}),
			{ numRuns: 60 }
		);
	});

	it(
		'random CSV-shaped text gives rows or row problems, and a commit writes all it planned or nothing',
		{ timeout: 120_000 },
		async () => {
			const cell = fc.oneof(
				fc.constantFrom(
					'SaaS',
					'High',
					'No',
					'£12,500.00',
					'12.5k',
					'31/03/2026',
					'31/02/2026',
					'',
					' ',
					'"',
					'a,b',
					'=1+1'
				),
				fc.string({ maxLength: 8 })
			);
			const table = fc.tuple(
				fc.constantFrom(',', ';', '\t'),
				fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 })
			);
			await fc.assert(
				fc.asyncProperty(table, async ([delimiter, rows]) => {
					const quote = (c: string) => (/[",;\t\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
					const text = [
						'Name,Hosting,Criticality,Personal data held'.replace(/,/g, delimiter),
						...rows.map((r) => r.map(quote).join(delimiter))
					].join('\r\n');
					const before = (
						await systems.listSystems(db(), actor.organisationId, { ...DEFAULT_QUERY, size: 100 })
					).total;
					const upload = await importService.uploadFile(
						actor,
						'shaped.csv',
						new TextEncoder().encode(text)
					);
					if (!upload.ok) return;
					const p = (await importService.previewUpload(actor, upload.uploadId))!;
					const result = await importService.commitUpload(actor, upload.uploadId, {}, p.planHash);
					const after = (
						await systems.listSystems(db(), actor.organisationId, { ...DEFAULT_QUERY, size: 100 })
					).total;
					expect(after - before).toBe(result.ok ? p.plan.counts.create : 0);
				}),
				{ numRuns: 40 }
			);
		}
	);
});
