import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, decodeWindows1252 } from './decode';
import { detectDelimiter } from './delimiter';

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeCsvBytes', () => {
	it('reads UTF-8 and notes a BOM, removing it', async () => {
		expect(await decodeCsvBytes(utf8('Name,Cost\nA,£5\n'))).toEqual({
			ok: true,
			text: 'Name,Cost\nA,£5\n',
			encoding: 'utf-8'
		});
		expect(await decodeCsvBytes(bytes(0xef, 0xbb, 0xbf, ...utf8('Name\n')))).toEqual({
			ok: true,
			text: 'Name\n',
			encoding: 'utf-8-bom'
		});
	});

	it("reads Windows-1252, including the 0x80-0x9F characters Node 20's TextDecoder gets wrong", async () => {
		// '£' 0xA3, '€' 0x80, ‘ ’ 0x91 0x92, “ ” 0x93 0x94, en dash 0x96, em dash 0x97
		const decoded = await decodeCsvBytes(
			bytes(0x41, 0x2c, 0xa3, 0x35, 0x20, 0x80, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x0a)
		);
		expect(decoded).toEqual({ ok: true, text: 'A,£5 €‘’“”–—\n', encoding: 'windows-1252' });
	});

	it.each([
		['empty', bytes(), /empty/],
		['an xlsx workbook', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00), /workbook/],
		['UTF-16', bytes(0xff, 0xfe, 0x41, 0x00), /UTF-16/],
		['binary with NUL', bytes(0x41, 0x00, 0x42), /binary/],
		['control bytes', bytes(0x41, 0x01, 0x02, 0x0a), /binary/],
		['an undefined Windows-1252 byte', bytes(0x41, 0x81, 0x0a), /binary/]
	])('refuses %s', async (_name, input, reason) => {
		const result = await decodeCsvBytes(input);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(reason);
	});

	it('maps every Windows-1252 byte to one character or refuses it', () => {
		for (let b = 0; b < 256; b++) {
			const text = decodeWindows1252(bytes(b));
			if (text !== null) expect([...text]).toHaveLength(1);
			else expect([0x81, 0x8d, 0x8f, 0x90, 0x9d]).toContain(b);
		}
	});
});

describe('detectDelimiter', () => {
	it.each([
		['Name,Supplier,Cost\nA,B,1\nC,D,2\n', ','],
		['Name;Supplier;Cost\nA;B;"1,5"\nC;D;2\n', ';'],
		['Name\tSupplier\tCost\nA\tB\t1\n', '\t'],
		['Name,"Supplier; Vendor"\nA,B\n', ','],
		['Name\nA\n', ','],
		// A title above the headings, saved with or without its empty cells.
		['ICT inventory (as at 14/11/2026)\r\n\r\nName;Supplier;Cost\r\nA;B;"1,5"\r\n', ';'],
		['ICT inventory, November\n\nName;Supplier;Cost\nA;B;1\n', ';'],
		['ICT inventory;;\n;;\nName;Supplier;Cost\nA;B;1\n', ';'],
		['Inventory\nName\tSupplier\tCost\nA\tB\t1\n', '\t']
	])('%j -> %j', (text, delimiter) => expect(detectDelimiter(text)).toBe(delimiter));
});
