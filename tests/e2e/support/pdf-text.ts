/**
 * The text of a PDF as Chromium (Skia) writes it, without poppler's pdftotext (not installed here):
 * each page's content streams are inflated, the glyph codes shown by Tj/TJ are mapped back to
 * characters through each font's ToUnicode CMap, and runs are joined, a new line at each text
 * positioning operator. Deliberately small: enough to find printed figures, and it fails loudly
 * (empty text, or an error) on a PDF it cannot read rather than passing by accident.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
	dict: string;
	stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
	const text = pdf.toString('latin1');
	const objects = new Map<number, PdfObject>();
	const start = /(\d+) 0 obj\b/g;
	for (let m = start.exec(text); m; m = start.exec(text)) {
		const end = text.indexOf('endobj', m.index);
		if (end < 0) break;
		const body = text.slice(m.index + m[0].length, end);
		const at = body.search(/\bstream\r?\n/);
		let stream: Buffer | null = null;
		let dict = body;
		if (at >= 0) {
			dict = body.slice(0, at);
			const dataStart =
				m.index + m[0].length + at + body.slice(at).match(/^stream\r?\n/)![0].length;
			const length = /\/Length (\d+)(?! \d+ R)/.exec(dict);
			const dataEnd = length ? dataStart + Number(length[1]) : text.indexOf('endstream', dataStart);
			const raw = pdf.subarray(dataStart, dataEnd);
			stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
		}
		objects.set(Number(m[1]), { dict, stream });
		start.lastIndex = end;
	}
	return objects;
}

/** A ToUnicode CMap: glyph code (hex, as written) to text; `width` is the code's length in hex digits. */
function readCMap(cmap: string): { map: Map<string, string>; width: number } {
	const map = new Map<string, string>();
	const utf16 = (hex: string) =>
		String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
	let width = 4;
	for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
		for (const [, src, dst] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
			map.set(src!.toUpperCase(), utf16(dst!));
			width = src!.length;
		}
	}
	for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
		for (const [, lo, hi, dst, list] of block[1]!.matchAll(
			/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|\[([^\]]*)\])/g
		)) {
			width = lo!.length;
			const from = parseInt(lo!, 16);
			const items = list ? [...list.matchAll(/<([0-9A-Fa-f]+)>/g)].map((x) => x[1]!) : null;
			for (let code = from; code <= parseInt(hi!, 16); code++) {
				const key = code.toString(16).toUpperCase().padStart(lo!.length, '0');
				if (items) map.set(key, utf16(items[code - from] ?? ''));
				else
					map.set(
						key,
						utf16((parseInt(dst!, 16) + code - from).toString(16).padStart(dst!.length, '0'))
					);
			}
		}
	}
	return { map, width };
}

const ref = (dict: string, key: string) =>
	Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1] ?? NaN);

/** The fonts a page's resources name (/F0 -> its CMap). */
function pageFonts(
	objects: Map<number, PdfObject>,
	page: PdfObject
): Map<string, { map: Map<string, string>; width: number }> {
	let resources = page.dict;
	const resourcesRef = ref(page.dict, 'Resources');
	if (!Number.isNaN(resourcesRef)) resources = objects.get(resourcesRef)?.dict ?? '';
	let fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
	const fontRef = ref(resources, 'Font');
	if (!fontDict && !Number.isNaN(fontRef)) fontDict = objects.get(fontRef)?.dict ?? '';
	const fonts = new Map<string, { map: Map<string, string>; width: number }>();
	for (const [, name, num] of fontDict.matchAll(/\/([^\s/<>]+)\s+(\d+) 0 R/g)) {
		const cmapRef = ref(objects.get(Number(num))?.dict ?? '', 'ToUnicode');
		const cmap = objects.get(cmapRef)?.stream;
		if (cmap) fonts.set(name!, readCMap(cmap.toString('latin1')));
	}
	return fonts;
}

function showText(
	hex: string,
	font: { map: Map<string, string>; width: number } | undefined
): string {
	if (!font) return '';
	const clean = hex.replace(/\s+/g, '').toUpperCase();
	let out = '';
	for (let i = 0; i < clean.length; i += font.width)
		out += font.map.get(clean.slice(i, i + font.width)) ?? '';
	return out;
}

/** The text of every page, in order, pages separated by form feeds. */
export function pdfText(pdf: Buffer): string {
	if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
	const objects = readObjects(pdf);
	const pages = [...objects.values()].filter((o) => /\/Type\s*\/Page\b(?!s)/.test(o.dict));
	const texts = pages.map((page) => {
		const fonts = pageFonts(objects, page);
		const contents =
			/\/Contents\s*\[([^\]]*)\]/.exec(page.dict)?.[1] ??
			/\/Contents\s+(\d+ 0 R)/.exec(page.dict)?.[1] ??
			'';
		const streams = [...contents.matchAll(/(\d+) 0 R/g)].map(
			(m) => objects.get(Number(m[1]))?.stream?.toString('latin1') ?? ''
		);
		let font: { map: Map<string, string>; width: number } | undefined;
		let out = '';
		const token =
			/\/[^\s/[\]<>()]+|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\[|\]|-?\d*\.?\d+|[A-Za-z'"*]+/g;
		let last: string[] = [];
		for (const stream of streams) {
			for (const [t] of stream.matchAll(token)) {
				if (t === 'Tf') font = fonts.get(last[last.length - 2]!.slice(1));
				else if (t === 'Tj' || t === "'" || t === '"')
					out += last
						.filter((x) => x.startsWith('<'))
						.map((x) => showText(x.slice(1, -1), font))
						.join('');
				else if (t === 'TJ')
					out += last
						.map((x) =>
							x.startsWith('<')
								? showText(x.slice(1, -1), font)
								: /^-?\d/.test(x) && Number(x) < -250
									? ' '
									: ''
						)
						.join('');
				else if (['Td', 'TD', 'T*', 'Tm', 'ET'].includes(t)) out += '\n';
				if (/^[A-Za-z'"*]+$/.test(t) && t !== 'TJ' && t !== 'Tj') last = [];
				else if (t === 'TJ' || t === 'Tj') last = [];
				else if (t === '[') last = [];
				else if (t !== ']') last.push(t);
			}
		}
		return out;
	});
	return texts.join('\f');
}
