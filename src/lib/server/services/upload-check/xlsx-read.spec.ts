import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { createRequire } from 'node:module';
import { crc32, deflateRawSync } from 'node:zlib';
import { readWorkbookText, uploadKind, XLSX_MAX_PARTS } from './xlsx-read';
import { readZipDirectory, rezip, type ZipEntry } from './zip';
import { checkUploadBytes, readUploadText } from './checks';
import { UploadChecker } from './index';

const excelJsPath = createRequire(import.meta.url).resolve('exceljs');
const MB = 1024 * 1024;
const read = (bytes: Uint8Array, sheet?: string, maxBytes = 20 * MB) =>
	readWorkbookText(bytes, { excelJsPath, maxBytes, sheet });

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	build(wb);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A workbook of one sheet holding these rows. */
const sheetOf = (
	rows: ExcelJS.CellValue[][],
	setup?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void
) =>
	workbook((wb) => {
		const ws = wb.addWorksheet('Systems');
		for (const row of rows) ws.addRow(row);
		setup?.(ws, wb);
	});

// A worker loads exceljs (half a second, more on a busy machine) before it reads.
describe('a sheet read as CSV text', { timeout: 60_000 }, () => {
	it('reads dates as ISO dates, numbers as stored, booleans, rich text and formulas by their saved result', async () => {
		const bytes = await sheetOf(
			[
				['Name', 'Cost', 'End', 'Live', 'Note', 'Twice'],
				[
					'Payroll, HR',
					0.1 + 0.2,
					new Date(Date.UTC(2027, 2, 31)),
					true,
					{ richText: [{ text: 'Hello ' }, { font: { bold: true }, text: 'world' }] },
					{ formula: 'B2*2', result: 0.6 }
				],
				[
					'Case "A"',
					1234567.891,
					new Date(Date.UTC(1999, 11, 31, 13, 30)),
					false,
					'two\nlines',
					{ formula: 'C2+1', result: 46113 }
				]
			],
			(ws) => {
				ws.getColumn(2).numFmt = '"£"#,##0.00';
				ws.getColumn(3).numFmt = 'dd/mm/yyyy';
				ws.getCell('F3').numFmt = 'dd/mm/yyyy';
			}
		);
		const result = await read(bytes);
		expect(result).toEqual({
			ok: true,
			workbook: { sheets: [{ name: 'Systems', hidden: false }], sheet: 'Systems' },
			text: 'Name,Cost,End,Live,Note,Twice\n"Payroll, HR",0.3,2027-03-31,TRUE,Hello world,0.6\n"Case ""A""",1234567.891,1999-12-31,FALSE,"two\nlines",2026-04-01'
		});
	});

	it('follows the 1904 date system and the 1900 leap-year mistake', async () => {
		const in1904 = await sheetOf([['End'], [new Date(Date.UTC(2026, 2, 31))]], (ws, wb) => {
			wb.properties.date1904 = true;
			ws.getColumn(1).numFmt = 'dd/mm/yyyy';
		});
		expect(await read(in1904)).toMatchObject({ ok: true, text: 'End\n2026-03-31' });
		// Serials typed as numbers with a date format: 59 is 28 February 1900, 61 is 1 March, 60 never was.
		const early = await sheetOf(
			[['End'], [59], [61]],
			(ws) => (ws.getColumn(1).numFmt = 'dd/mm/yyyy')
		);
		expect(await read(early)).toMatchObject({ ok: true, text: 'End\n1900-02-28\n1900-03-01' });
		const missing = await sheetOf([['End'], [60]], (ws) => (ws.getColumn(1).numFmt = 'dd/mm/yyyy'));
		expect(await read(missing)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('A2 is 29 February 1900')
		});
	});

	it('keeps blank rows so row numbers match the sheet, pads short rows, and puts a merged value in its first cell only', async () => {
		const bytes = await sheetOf(
			[
				['Name', 'Supplier', 'Cost'],
				['Merged', null, 5]
			],
			(ws) => {
				ws.getCell('A5').value = 'Later';
				ws.mergeCells('A2:B2');
			}
		);
		expect(await read(bytes)).toMatchObject({
			ok: true,
			text: 'Name,Supplier,Cost\nMerged,,5\n\n\nLater,,'
		});
	});

	it('pads rows to the heading row under a merged title, so a short totals row is not ragged', async () => {
		const bytes = await sheetOf(
			[
				['Adults ICT inventory, November 2026'],
				[],
				['Name', 'Supplier', 'Cost', 'Hosting'],
				['Care', 'OLM', 5, 'Cloud'],
				['Total', null, 5]
			],
			(ws) => ws.mergeCells('A1:D1')
		);
		expect(await read(bytes)).toMatchObject({
			ok: true,
			text: '"Adults ICT inventory, November 2026",,,\n\nName,Supplier,Cost,Hosting\nCare,OLM,5,Cloud\nTotal,,5,'
		});
	});

	it('refuses a formula with no saved result and an error value, naming each cell', async () => {
		const bytes = await sheetOf([
			['Name', 'Cost'],
			['A', { formula: 'SUM(C1:C9)' }],
			['B', { error: '#N/A' }]
		]);
		const result = await read(bytes);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.reason).toContain('B2 has a formula (=SUM(C1:C9)) with no saved result');
		expect(result.reason).toContain('B3 holds the error #N/A');
		expect(result.workbook).toEqual({
			sheets: [{ name: 'Systems', hidden: false }],
			sheet: 'Systems'
		});
	});

	it('reads a visible sheet with data unless another is chosen, and refuses a sheet it does not have', async () => {
		const bytes = await workbook((wb) => {
			wb.addWorksheet('Cover');
			wb.addWorksheet('Hidden', { state: 'hidden' }).addRow(['Secret']);
			wb.addWorksheet('Systems').addRows([['Name'], ['Payroll']]);
			wb.addWorksheet('Costs').addRows([['Cost'], [12]]);
		});
		const sheets = [
			{ name: 'Cover', hidden: false },
			{ name: 'Hidden', hidden: true },
			{ name: 'Systems', hidden: false },
			{ name: 'Costs', hidden: false }
		];
		expect(await read(bytes)).toEqual({
			ok: true,
			text: 'Name\nPayroll',
			workbook: { sheets, sheet: 'Systems' }
		});
		expect(await read(bytes, 'Costs')).toEqual({
			ok: true,
			text: 'Cost\n12',
			workbook: { sheets, sheet: 'Costs' }
		});
		expect(await read(bytes, 'Hidden')).toMatchObject({ ok: true, text: 'Secret' });
		expect(await read(bytes, 'Nope')).toMatchObject({
			ok: false,
			reason: expect.stringContaining('no sheet called ‘Nope’'),
			workbook: { sheets, sheet: null }
		});
	});

	it('reads the visible sheet with the most cells when a notes sheet comes first, the first of equals on a tie', async () => {
		const bytes = await workbook((wb) => {
			wb.addWorksheet('Read me').addRow(['This workbook lists our systems.']);
			wb.addWorksheet('Hidden list', { state: 'hidden' }).addRows(
				Array.from({ length: 9 }, (_, i) => [`Secret ${i}`, 'x', 'y'])
			);
			wb.addWorksheet('Systems').addRows([
				['Name', 'Supplier'],
				['Payroll', 'Acme'],
				['Care', 'OLM']
			]);
			wb.addWorksheet('Archive').addRows([
				['Name', 'Supplier'],
				['Old', 'Gone'],
				['Older', 'Gone']
			]);
		});
		expect(await read(bytes)).toMatchObject({
			ok: true,
			text: 'Name,Supplier\nPayroll,Acme\nCare,OLM',
			workbook: { sheet: 'Systems' }
		});
	});

	it('goes through the upload checks and the preview read as CSV would, comma-separated whatever the officer chose', async () => {
		const bytes = await sheetOf([
			['Name', 'Cost'],
			['Payroll', 12]
		]);
		expect(await checkUploadBytes(bytes, undefined, { excelJsPath })).toMatchObject({
			ok: true,
			sha256: expect.stringMatching(/^[0-9a-f]{64}$/)
		});
		const text = await readUploadText(bytes, { excelJsPath, delimiter: ';' });
		expect(text).toMatchObject({
			decoded: true,
			encoding: 'xlsx',
			delimiter: ',',
			text: 'Name,Cost\nPayroll,12',
			head: { ok: true, headings: ['Name', 'Cost'] }
		});
		// On the worker thread too, which is given exceljs's path by the server.
		const checker = new UploadChecker({
			workers: 1,
			maxWaiting: 2,
			timeoutMs: 60_000,
			heapMb: 256,
			nice: 0
		});
		expect(await checker.readText(bytes, { sheet: 'Systems' })).toMatchObject({
			decoded: true,
			encoding: 'xlsx',
			text: 'Name,Cost\nPayroll,12',
			workbook: { sheet: 'Systems' }
		});
		expect(await checker.check(bytes)).toMatchObject({ ok: true });
	});
});

/** A zip of these named parts, each deflated, with its directory; `declare` overrides what the directory says of a part. */
function zipOf(
	parts: Record<string, string | Buffer>,
	declare: Record<string, Partial<ZipEntry>> = {}
): Buffer {
	const bytes = rezip(
		Object.entries(parts).map(([name, content]) => {
			const data = deflateRawSync(typeof content === 'string' ? Buffer.from(content) : content);
			const plain = typeof content === 'string' ? Buffer.from(content) : content;
			const entry: ZipEntry = {
				name,
				method: 8,
				crc: crc32(plain),
				compressedSize: data.length,
				uncompressedSize: plain.length,
				dataStart: 0,
				...declare[name]
			};
			const holder = new Uint8Array(data);
			return {
				name,
				from: { bytes: holder, entry: { ...entry, dataStart: 0, compressedSize: data.length } }
			};
		})
	);
	return bytes;
}

/** Text made of XML's own pieces, in any order. */
const xmlish = fc
	.array(
		fc.constantFrom(
			'<row r="1">',
			'<row r="x">',
			'</row>',
			'<c r="A1" t="s">',
			'<c r="ZZZZ9">',
			'<c t="e">',
			'</c>',
			'<v>',
			'</v>',
			'<v>1e999</v>',
			'<f>A1</f>',
			'<is><t>a',
			'</t></is>',
			'&amp;',
			'&bogus;',
			'<',
			'>',
			'"',
			'text',
			'<![CDATA[x]]>',
			'<!DOCTYPE x [<!ENTITY e "e">]>'
		),
		{ maxLength: 30 }
	)
	.map((parts) => parts.join(''));

const MINIMAL = {
	'[Content_Types].xml': '<Types/>',
	'xl/workbook.xml':
		'<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
	'xl/_rels/workbook.xml.rels':
		'<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
};

describe('hostile and mistaken files', { timeout: 60_000 }, () => {
	it('tells an .xls, a password-protected workbook and a CSV file apart by their first bytes', async () => {
		const ole = Buffer.alloc(1024);
		Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
		expect(uploadKind(ole)).toBe('ole');
		expect(await read(ole)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('old-format Excel file (.xls)')
		});
		Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 600);
		expect(await read(ole)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('protected with a password')
		});
		expect(uploadKind(Buffer.from('Name,Cost\n'))).toBe('text');
		expect(uploadKind(await sheetOf([['a']]))).toBe('zip');
	});

	it('refuses a zip bomb from its declared sizes, before inflating anything', async () => {
		const bomb = zipOf({ ...MINIMAL, 'xl/worksheets/sheet1.xml': '<worksheet/>' });
		// Declared 4 GB - 2 in the directory: the sheet says it unpacks to more than twelve uploads.
		const directory = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
		bomb.writeUInt32LE(0xfffffffe, directory + 24);
		expect(await read(bomb)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('more than 240 MB once unpacked')
		});
	});

	it('refuses a part that inflates to more than it declares, and one whose CRC does not match', async () => {
		const huge = Buffer.alloc(8 * MB, 'a');
		const sheet = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${huge.toString()}</t></is></c></row></sheetData></worksheet>`;
		const lying = zipOf(
			{ ...MINIMAL, 'xl/worksheets/sheet1.xml': sheet },
			{ 'xl/worksheets/sheet1.xml': { uncompressedSize: 1000 } }
		);
		expect(await read(lying)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('does not unpack to the size it declares')
		});
		const badCrc = zipOf(
			{ ...MINIMAL, 'xl/worksheets/sheet1.xml': '<worksheet/>' },
			{ 'xl/worksheets/sheet1.xml': { crc: 12345 } }
		);
		expect(await read(badCrc)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('does not unpack to the size it declares')
		});
	});

	it('refuses too many parts, encrypted parts, a zip that is not a workbook and a sheet that declares too many rows or columns', async () => {
		const many = zipOf(
			Object.fromEntries(Array.from({ length: XLSX_MAX_PARTS + 1 }, (_, i) => [`p${i}.xml`, 'x']))
		);
		expect(await read(many)).toMatchObject({
			ok: false,
			reason: expect.stringContaining(`at most ${XLSX_MAX_PARTS}`)
		});
		const encrypted = zipOf(MINIMAL);
		encrypted.writeUInt16LE(1, encrypted.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
		expect(await read(encrypted)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('protected with a password')
		});
		expect(
			await read(zipOf({ 'word/document.xml': '<w/>', '[Content_Types].xml': '<Types/>' }))
		).toMatchObject({ ok: false, reason: expect.stringContaining('not an Excel workbook') });
		const wide = zipOf({
			...MINIMAL,
			'xl/worksheets/sheet1.xml': '<worksheet><dimension ref="A1:HZ10"/><sheetData/></worksheet>'
		});
		expect(await read(wide)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('234 columns')
		});
		const tall = zipOf({
			...MINIMAL,
			'xl/worksheets/sheet1.xml':
				'<worksheet><dimension ref="A1:C1048576"/><sheetData/></worksheet>'
		});
		expect(await read(tall)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('more than 200,000 rows')
		});
		// A sheet without a dimension that has a row past the limit is refused at that row, without reading further.
		const far = zipOf({
			...MINIMAL,
			'xl/worksheets/sheet1.xml':
				'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="900000"><c r="A900000"><v>1</v></c></row></sheetData></worksheet>'
		});
		expect(await read(far)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('more than 200,000 rows')
		});
	});

	it('refuses a sheet whose text would be larger than an upload may be', async () => {
		const bytes = await sheetOf([
			['Name'],
			...Array.from({ length: 200 }, (_, i) => [`System number ${i} with a long name`])
		]);
		expect(await read(bytes, undefined, 4000)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('more than 0 MB of text')
		});
	});

	it(
		'answers any damaged or random file with a reason, never a crash, and never reads past its limits',
		{ timeout: 120_000 },
		async () => {
			const good = Buffer.from(
				await sheetOf([
					['Name', 'Cost', 'End'],
					['Payroll', 12, new Date(Date.UTC(2027, 0, 1))]
				])
			);
			const damaged = fc.oneof(
				// Bytes changed anywhere in a real workbook.
				fc
					.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), {
						minLength: 1,
						maxLength: 8
					})
					.map((flips) => {
						const copy = Buffer.from(good);
						for (const [at, value] of flips) copy[at] = value;
						return copy;
					}),
				// A real workbook cut short.
				fc.nat(good.length - 1).map((end) => good.subarray(0, end)),
				// Anything that starts like a zip.
				fc
					.uint8Array({ maxLength: 2000 })
					.map((tail) => Buffer.concat([Buffer.from('PK\x03\x04'), tail])),
				// A sound zip whose sheet and workbook hold XML-ish nonsense (every size and CRC right).
				fc.tuple(xmlish, xmlish).map(([sheet, book]) =>
					zipOf({
						...MINIMAL,
						'xl/workbook.xml': `<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/>${book}</sheets></workbook>`,
						'xl/worksheets/sheet1.xml': `<worksheet><sheetData>${sheet}</sheetData></worksheet>`
					})
				)
			);
			await fc.assert(
				fc.asyncProperty(damaged, async (bytes) => {
					const result = await read(bytes);
					if (result.ok) expect(typeof result.text).toBe('string');
					else expect(result.reason.length).toBeGreaterThan(10);
					const dir = readZipDirectory(bytes, { entries: 100, totalBytes: 1 * MB });
					if (dir.ok) expect(dir.declaredBytes).toBeLessThanOrEqual(1 * MB);
				}),
				{ numRuns: 150 }
			);
		}
	);
});
