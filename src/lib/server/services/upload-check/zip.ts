/**
 * Reading an .xlsx file's zip directory without inflating anything, so every size, count and flag
 * is checked before a byte is decompressed: a zip bomb is a few kilobytes that inflate to
 * gigabytes. Each part is then inflated with its own declared size as the ceiling (a part that
 * inflates to more than its directory entry says is refused), and copied, still compressed, into
 * a small workbook of only the parts the reader needs (`rezip`).
 */
import { createInflateRaw, inflateRawSync, constants, crc32 } from 'node:zlib';

export interface ZipEntry {
	name: string;
	method: number;
	crc: number;
	compressedSize: number;
	uncompressedSize: number;
	/** Where the compressed data starts in the file. */
	dataStart: number;
}

export type ZipDirectory =
	| { ok: true; entries: Map<string, ZipEntry>; declaredBytes: number }
	| { ok: false; reason: string };

export interface ZipLimits {
	/** Parts (files) in the zip. */
	entries: number;
	/** Every part's declared uncompressed size, added up. */
	totalBytes: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const NOT_ZIP =
	'The file is not a real Excel workbook (.xlsx): its contents are damaged or it is another kind of file. Open it in Excel, save it as Excel Workbook (.xlsx) or CSV, and upload again';

/** The zip's directory, checked: not damaged, no encryption, no ZIP64, known compression, names unique, counts and declared sizes within `limits`. */
export function readZipDirectory(bytes: Uint8Array, limits: ZipLimits): ZipDirectory {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const refuse = (reason: string): ZipDirectory => ({ ok: false, reason });
	let eocd = -1;
	for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
		if (view.getUint32(at, true) === EOCD) {
			eocd = at;
			break;
		}
	}
	if (eocd < 0) return refuse(NOT_ZIP);
	const count = view.getUint16(eocd + 10, true);
	const directoryOffset = view.getUint32(eocd + 16, true);
	if (count === 0xffff || directoryOffset === 0xffffffff)
		return refuse(`${NOT_ZIP} (it uses ZIP64, which no workbook of this size needs)`);
	if (count > limits.entries)
		return refuse(
			`The workbook has ${count} parts inside it: an .xlsx can have at most ${limits.entries}. Save it again from Excel with only the sheets you need`
		);
	const entries = new Map<string, ZipEntry>();
	let declaredBytes = 0;
	let at = directoryOffset;
	for (let i = 0; i < count; i++) {
		if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) return refuse(NOT_ZIP);
		const flags = view.getUint16(at + 8, true);
		const method = view.getUint16(at + 10, true);
		const [crc, compressedSize, uncompressedSize] = [
			view.getUint32(at + 16, true),
			view.getUint32(at + 20, true),
			view.getUint32(at + 24, true)
		];
		const [nameLength, extraLength, commentLength] = [
			view.getUint16(at + 28, true),
			view.getUint16(at + 30, true),
			view.getUint16(at + 32, true)
		];
		const localOffset = view.getUint32(at + 42, true);
		if (at + 46 + nameLength > bytes.length) return refuse(NOT_ZIP);
		const name = Buffer.from(bytes.buffer, bytes.byteOffset + at + 46, nameLength).toString('utf8');
		if (flags & 0x41)
			return refuse(
				'The workbook is protected with a password (its contents are encrypted), so it cannot be read. Remove the password in Excel (File, Info, Protect Workbook), save, and upload again'
			);
		if (method !== 0 && method !== 8)
			return refuse(
				`${NOT_ZIP} (part ${name.slice(0, 80)} is compressed in a way Excel does not use)`
			);
		if (
			compressedSize === 0xffffffff ||
			uncompressedSize === 0xffffffff ||
			localOffset === 0xffffffff
		)
			return refuse(`${NOT_ZIP} (it uses ZIP64, which no workbook of this size needs)`);
		if (entries.has(name)) return refuse(`${NOT_ZIP} (part ${name.slice(0, 80)} appears twice)`);
		if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== LOCAL)
			return refuse(NOT_ZIP);
		const dataStart =
			localOffset +
			30 +
			view.getUint16(localOffset + 26, true) +
			view.getUint16(localOffset + 28, true);
		if (dataStart + compressedSize > bytes.length) return refuse(NOT_ZIP);
		if (method === 0 && compressedSize !== uncompressedSize) return refuse(NOT_ZIP);
		declaredBytes += uncompressedSize;
		if (declaredBytes > limits.totalBytes) {
			return refuse(
				`The workbook would be more than ${Math.round(limits.totalBytes / 1024 / 1024)} MB once unpacked, more than an upload may be. Save the sheet you need as a workbook of its own, or as CSV, and upload that`
			);
		}
		entries.set(name, { name, method, crc, compressedSize, uncompressedSize, dataStart });
		at += 46 + nameLength + extraLength + commentLength;
	}
	return { ok: true, entries, declaredBytes };
}

const compressed = (bytes: Uint8Array, entry: ZipEntry) =>
	bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);

/** A part inflated whole, refused (null) when it inflates to other than its declared size or CRC-32. For the small parts (workbook.xml and its relationships). */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Buffer | null {
	if (entry.method === 0)
		return crc32(compressed(bytes, entry)) === entry.crc
			? Buffer.from(compressed(bytes, entry))
			: null;
	try {
		const out = inflateRawSync(compressed(bytes, entry), {
			maxOutputLength: Math.max(1, entry.uncompressedSize)
		});
		return out.length === entry.uncompressedSize && crc32(out) === entry.crc ? out : null;
	} catch {
		return null;
	}
}

/**
 * The start of a part, from at most `compressedBytes` of its compressed data (deflate inflates at
 * most about 1,032 times, so this is bounded whatever the part holds): enough to find a sheet's
 * declared dimension and its first cells without inflating the sheet.
 */
export function inflateHead(bytes: Uint8Array, entry: ZipEntry, compressedBytes = 2048): string {
	const data = compressed(bytes, entry).subarray(0, compressedBytes);
	if (entry.method === 0) return Buffer.from(data).toString('utf8');
	try {
		return inflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
	} catch {
		return '';
	}
}

/**
 * Inflates a part as a stream, keeping nothing, and says whether it is what its directory entry
 * declares: exactly its declared size (stopping as soon as it passes it) and its CRC-32.
 */
export function entryIsAsDeclared(bytes: Uint8Array, entry: ZipEntry): Promise<boolean> {
	if (entry.method === 0) return Promise.resolve(crc32(compressed(bytes, entry)) === entry.crc);
	return new Promise((resolve) => {
		const inflate = createInflateRaw();
		let size = 0;
		let crc = 0;
		let settled = false;
		const settle = (ok: boolean) => {
			if (settled) return;
			settled = true;
			inflate.destroy();
			resolve(ok);
		};
		inflate.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > entry.uncompressedSize) settle(false);
			else crc = crc32(chunk, crc);
		});
		inflate.on('error', () => settle(false));
		inflate.on('end', () => settle(size === entry.uncompressedSize && crc === entry.crc));
		inflate.end(compressed(bytes, entry));
	});
}

export interface RezipPart {
	name: string;
	/** A part of the original file, copied still compressed; or new content, stored. */
	from: { bytes: Uint8Array; entry: ZipEntry } | { content: string };
}

/** A new zip of these parts in this order (readers that stream a zip need the shared strings and styles before the sheet). */
export function rezip(parts: readonly RezipPart[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const part of parts) {
		const name = Buffer.from(part.name, 'utf8');
		let data: Uint8Array;
		let method: number, crc: number, size: number;
		if ('content' in part.from) {
			data = Buffer.from(part.from.content, 'utf8');
			[method, crc, size] = [0, crc32(data), data.length];
		} else {
			const { bytes, entry } = part.from;
			data = compressed(bytes, entry);
			[method, crc, size] = [entry.method, entry.crc, entry.uncompressedSize];
		}
		const local = Buffer.alloc(30);
		local.writeUInt32LE(LOCAL, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(method, 8);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(CENTRAL, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(method, 10);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
		centrals.push(central, name);
		offset += 30 + name.length + data.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(EOCD, 0);
	end.writeUInt16LE(parts.length, 8);
	end.writeUInt16LE(parts.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}
