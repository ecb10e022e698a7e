/**
 * What an upload's bytes and a workbook's small parts say before any sheet is inflated: the kind of
 * file its first bytes make it, the worksheets workbook.xml lists (in its own order, with their
 * parts), whether a sheet's head holds cells, and the dimension it declares.
 */
import type { WorkbookSheet } from '../../../domain/csv/xlsx-values';
import type { ZipEntry } from './zip';

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
export type UploadKind = 'zip' | 'ole' | 'text';

/** What a file's first bytes say it is: a zip (an .xlsx, or something posing as one), an OLE container (.xls, or an encrypted workbook), or anything else (read as CSV). */
export function uploadKind(bytes: Uint8Array): UploadKind {
	if (
		bytes.length >= 4 &&
		bytes[0] === 0x50 &&
		bytes[1] === 0x4b &&
		bytes[2] === 0x03 &&
		bytes[3] === 0x04
	)
		return 'zip';
	if (bytes.length >= 8 && CFB.every((b, i) => bytes[i] === b)) return 'ole';
	return 'text';
}

const decodeXml = (text: string) =>
	text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
		e[0] === '#'
			? String.fromCodePoint(Number(e[1] === 'x' || e[1] === 'X' ? `0x${e.slice(2)}` : e.slice(1)))
			: ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[
					e.toLowerCase()
				]!
	);
const attributes = (tag: string) =>
	new Map([...tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)].map((m) => [m[1]!, decodeXml(m[2]!)]));

export interface SheetPart extends WorkbookSheet {
	relId: string;
	entry: ZipEntry;
}

/** The workbook's worksheets in its own order, each with its part, from workbook.xml and its relationships. */
export function worksheetsOf(
	workbookXml: string,
	relsXml: string,
	entries: Map<string, ZipEntry>
): SheetPart[] {
	const targets = new Map<string, string>();
	for (const [tag] of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
		const a = attributes(tag);
		if (!/\/worksheet$/.test(a.get('Type') ?? '')) continue;
		const target = a.get('Target') ?? '';
		targets.set(a.get('Id') ?? '', target.startsWith('/') ? target.slice(1) : `xl/${target}`);
	}
	const sheets: SheetPart[] = [];
	for (const [tag] of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
		const a = attributes(tag);
		const relId = [...a].find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1] ?? '';
		const entry = entries.get(targets.get(relId) ?? '');
		if (entry)
			sheets.push({
				name: a.get('name') ?? '',
				hidden: (a.get('state') ?? 'visible') !== 'visible',
				relId,
				entry
			});
	}
	return sheets;
}

export const hasCells = (head: string) => /<(?:\w+:)?c\b[^>]*>\s*<(?:\w+:)?(?:v|is|f)\b/.test(head);

/** The rows and columns a sheet declares (<dimension ref="A1:T500"/>), when its head says. */
export function declaredDimension(head: string): { rows: number; columns: number } | null {
	const ref =
		/<(?:\w+:)?dimension\s+ref="\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?"/.exec(
			head
		);
	if (!ref) return null;
	const letters = ref[3] ?? ref[1]!;
	const columns = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
	return { rows: Number(ref[4] ?? ref[2]), columns };
}
