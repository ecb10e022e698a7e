import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { writeWorkbook, xlsxResponse, XLSX_TYPE, type SheetBatches } from './xlsx-response';
import { sheetName, xlsxHref, type SheetTable } from '$lib/domain/xlsx/sheet';
import { rollupTableSheet } from '$lib/domain/xlsx/tables';

async function written(tables: (SheetTable | SheetBatches)[]): Promise<ExcelJS.Workbook> {
	const stream = new PassThrough();
	const chunks: Buffer[] = [];
	stream.on('data', (c: Buffer) => chunks.push(c));
	await writeWorkbook(tables, stream);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
	return wb;
}

const TABLE: SheetTable = {
	name: 'Systems: all [2026]',
	columns: [
		{ heading: 'Name', kind: 'text' },
		{ heading: 'Annual run cost (£)', kind: 'money' },
		{ heading: 'Contract end', kind: 'date' },
		{ heading: 'Users', kind: 'count' }
	],
	rows: [
		[{ text: 'CareFlow' }, { money: 1_250_050 }, { date: '2027-03-31' }, { count: 1_200 }],
		[{ text: '=HYPERLINK("http://evil.example","x")' }, { money: -123_456 }, { date: null }, null],
		[{ text: 'note\n=1+1' }, { money: 1 }, { date: '1900-03-01' }, { count: 0 }]
	]
};

describe('an Excel download', () => {
	it('has real number and date cells with £ and UK date formats, words as text (formulas too), a frozen bold heading row and sensible widths', async () => {
		const wb = await written([TABLE]);
		const ws = wb.worksheets[0]!;
		expect(ws.name).toBe('Systems  all  2026');
		expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(ws.getRow(1).values).toEqual([
			undefined,
			'Name',
			'Annual run cost (£)',
			'Contract end',
			'Users'
		]);
		expect(ws.getCell('A1').font).toMatchObject({ bold: true });
		expect(ws.getCell('B2').value).toBe(12_500.5);
		expect(ws.getCell('B2').numFmt).toBe('"£"#,##0.00;-"£"#,##0.00');
		expect(ws.getCell('B3').value).toBe(-1_234.56);
		expect(ws.getCell('B4').value).toBe(0.01);
		expect(ws.getCell('C2').value).toEqual(new Date('2027-03-31T00:00:00Z'));
		expect(ws.getCell('C2').numFmt).toBe('dd/mm/yyyy');
		expect(ws.getCell('C3').value).toBeNull();
		expect(ws.getCell('D2').value).toBe(1_200);
		expect(ws.getCell('D2').numFmt).toBe('#,##0');
		// Text that looks like a formula is a string cell, never a formula.
		for (const ref of ['A3', 'A4']) {
			expect(ws.getCell(ref).type).toBe(ExcelJS.ValueType.String);
			expect(ws.getCell(ref).formula).toBeUndefined();
		}
		expect(ws.getCell('A3').value).toBe('=HYPERLINK("http://evil.example","x")');
		const widths = ws.columns.map((c) => c.width);
		expect(widths[0]).toBe('=HYPERLINK("http://evil.example","x")'.length + 2);
		expect(widths.slice(1)).toEqual([21, 14, 12]);
	});

	it('gives each table a sheet of its own with a name Excel accepts', async () => {
		const wb = await written([TABLE, { ...TABLE, rows: [] }, { ...TABLE, name: '' }]);
		expect(wb.worksheets.map((w) => w.name)).toEqual([
			'Systems  all  2026',
			'Systems  all  2026 (2)',
			'Sheet1'
		]);
		expect(sheetName("'".repeat(3) + 'x'.repeat(40))).toBe('x'.repeat(31));
	});

	it('streams as an attachment of the Excel type, and the links sit beside the CSV ones', async () => {
		const response = xlsxResponse([TABLE], 'systems-2026-12-06.xlsx');
		expect(response.headers.get('content-type')).toBe(XLSX_TYPE);
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="systems-2026-12-06.xlsx"'
		);
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
		expect(xlsxHref('/systems.csv?q=a.csv&sort=name')).toBe('/systems.xlsx?q=a.csv&sort=name');
		expect(xlsxHref('/business-cases/3/versions/2/financial.csv')).toBe(
			'/business-cases/3/versions/2/financial.xlsx'
		);
	});

	it('writes a roll-up table with its totals row, each cell in its own format', async () => {
		const sheet = rollupTableSheet({
			id: 'cost-by-workstream',
			caption: 'Cost by workstream',
			columns: [
				{ label: 'Workstream', numeric: false },
				{ label: 'Capital', group: '2026/27', numeric: true },
				{ label: 'Systems', numeric: true }
			],
			rows: [[{ text: 'Integration', href: '/workstreams/1' }, { money: 10_000 }, { count: 3 }]],
			totals: [{ text: 'Total' }, { money: 10_000 }, { count: 3 }],
			empty: 'None'
		});
		const ws = (await written([sheet])).worksheets[0]!;
		expect(ws.getRow(1).values).toEqual([undefined, 'Workstream', '2026/27 Capital', 'Systems']);
		expect(ws.getRow(3).values).toEqual([undefined, 'Total', 100, 3]);
		expect(ws.getCell('B3').numFmt).toContain('£');
		expect(ws.getCell('C3').numFmt).toBe('#,##0');
	});

	it('writes a sheet whose rows come a batch at a time in order, as the same table whole would be', async () => {
		async function* batches() {
			for (let b = 0; b < 3; b++) {
				await new Promise((r) => setImmediate(r));
				yield TABLE.rows.map((row, i) => [{ count: b * 10 + i }, ...row.slice(1)]);
			}
		}
		const whole = await written([
			{
				...TABLE,
				rows: [0, 1, 2].flatMap((b) =>
					TABLE.rows.map((row, i) => [{ count: b * 10 + i }, ...row.slice(1)])
				)
			}
		]);
		const streamed = await written([
			{ name: TABLE.name, columns: TABLE.columns, batches: batches() }
		]);
		const values = (wb: ExcelJS.Workbook) => {
			const out: unknown[] = [];
			wb.worksheets[0]!.eachRow((row) => out.push(row.values));
			return out;
		};
		expect(values(streamed)).toEqual(values(whole));
		expect(values(streamed)).toHaveLength(10);
		expect(streamed.worksheets[0]!.getRow(10).getCell(1).value).toBe(22);
		// An empty source still gives the sheet with its heading row.
		const empty = await written([{ name: 'Empty', columns: TABLE.columns, batches: [] }]);
		expect(empty.worksheets[0]!.getRow(1).getCell(1).value).toBe('Name');
	});
});
