import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	BUSY,
	CHECK_STOPPED,
	OUT_OF_MEMORY,
	tookTooLong,
	UploadChecker,
	type CheckerSettings
} from './index';
import { MessageChannel } from 'node:worker_threads';
import WORKER_SOURCE from './worker.ts?worker-source';
import { checkUploadBytes, readUploadText } from './checks';
import { packText, unpackText, type PackedText } from './text-bytes';

// At the server's own priority: on a busy machine a niced worker would make these tests slow, not different.
const SETTINGS: CheckerSettings = {
	workers: 2,
	maxWaiting: 8,
	timeoutMs: 60_000,
	heapMb: 256,
	nice: 0
};
const checker = new UploadChecker(SETTINGS);
const enc = (s: string) => new TextEncoder().encode(s);

/** A CSV-like file: cells of characters that matter to CSV (quotes, separators, line endings, a non-ASCII character, spaces). */
const csvLike = fc
	.array(
		fc.array(
			fc.string({
				unit: fc.constantFrom('a', 'b', ' ', '"', ',', ';', '\t', '\n', '\r', '€', '£', 'é'),
				maxLength: 8
			}),
			{ minLength: 1, maxLength: 6 }
		),
		{ minLength: 0, maxLength: 12 }
	)
	.map((rows) => rows.map((cells) => cells.join(',')).join('\n'));

/** Bytes of every kind: CSV text as UTF-8, the same with a BOM, as Latin-1 (Windows-1252's ASCII-compatible part), or anything at all. */
const anyFile = fc.oneof(
	csvLike.map(enc),
	csvLike.map((t) => Uint8Array.from([0xef, 0xbb, 0xbf, ...enc(t)])),
	csvLike.map((t) =>
		// eslint-disable-next-line no-control-regex -- the whole Latin-1 range, NUL included
		Uint8Array.from([...t.replace(/[^\x00-\xff]/g, '?')].map((c) => c.charCodeAt(0)))
	),
	fc.uint8Array({ maxLength: 200 })
);

// Each check starts a worker thread: tens of milliseconds each, seconds on a loaded shared machine.
describe('the upload-check worker', { timeout: 120_000 }, () => {
	it('gives exactly the results of the checks run in the server thread, on any file', async () => {
		await fc.assert(
			fc.asyncProperty(anyFile, async (bytes) => {
				const inProcess = await checkUploadBytes(bytes);
				const inWorker = await checker.check(bytes);
				expect(inWorker).toEqual(inProcess.ok ? { ...inProcess, bytes } : inProcess);
			}),
			{ numRuns: 40 }
		);
	});

	it('reads a stored upload for its preview exactly as the server thread does, whichever delimiter is chosen', async () => {
		await fc.assert(
			fc.asyncProperty(
				anyFile,
				fc.constantFrom(undefined, ',', ';', '\t'),
				fc.constantFrom(undefined, 16, 1 << 17),
				async (bytes, delimiter, size) => {
					const options = { delimiter, size };
					expect(await checker.readText(bytes, options)).toEqual(
						await readUploadText(bytes, options)
					);
				}
			),
			{ numRuns: 40 }
		);
	});

	const columns = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(',');
	it.each([
		['201 columns', `${columns(201)}\nA\n`, /^Row 1 has more than 200 columns/],
		[
			'a cell of 40,000 characters',
			`Name,Notes\nA,${'x'.repeat(40_000)}\n`,
			/^The cell in row 2, column 2 is longer than 32,767/
		],
		[
			'a quote never closed',
			`Name,Notes\nA,"${'q'.repeat(100_000)}\n`,
			/^The quoted cell starting in row 2, column 2 is longer than 32,767/
		],
		['two columns of the same heading', 'Name,name\nA,B\n', /^Two columns have the same heading/],
		['a workbook', '\x50\x4b\x03\x04rest', /workbook/]
	])('refuses %s with the same message on both paths', async (_name, text, reason) => {
		const inProcess = await checkUploadBytes(enc(text));
		expect(inProcess).toEqual({ ok: false, reason: expect.stringMatching(reason) });
		expect(await checker.check(enc(text))).toEqual(inProcess);
	});

	it('moves bytes the caller gives up to the worker and back, and copies any others', async () => {
		const text = `Name,Cost\n${'System,1\n'.repeat(20_000)}`;
		const given = enc(text);
		const moved = await checker.check(given, true);
		expect(given.byteLength).toBe(0); // detached: no copy was made
		expect(moved.ok && new TextDecoder().decode(moved.bytes)).toBe(text);
		const kept = enc(text);
		const copied = await checker.check(kept, false);
		expect(kept.byteLength).toBe(text.length);
		expect(copied.ok && copied.bytes).toBe(kept);
		expect(moved.ok && copied.ok && moved.sha256 === copied.sha256).toBe(true);
	});
});

describe('when a check fails', { timeout: 120_000 }, () => {
	const failing = (source: string, settings: Partial<CheckerSettings> = {}) =>
		new UploadChecker({ ...SETTINGS, ...settings }, source);

	it('refuses the file clearly when the worker runs out of memory, and checks the next file as usual', async () => {
		const small = new UploadChecker({ ...SETTINGS, workers: 1, heapMb: 8 });
		const started = performance.now();
		expect(await small.check(enc(`Name,Notes\nA,"${'€'.repeat(12_000_000)}"\n`))).toEqual({
			ok: false,
			reason: OUT_OF_MEMORY
		});
		expect(performance.now() - started).toBeLessThan(30_000);
		expect(await small.check(enc('Name\nA\n'))).toMatchObject({ ok: true });
	});

	it('refuses the file clearly when the check takes too long, a worker dies or throws, and never hangs', async () => {
		const hangs = failing('setInterval(() => {}, 1000);', { timeoutMs: 1_000 });
		expect(await hangs.check(enc('Name\nA\n'))).toEqual({ ok: false, reason: tookTooLong(1_000) });
		expect(await hangs.readText(enc('Name\nA\n'))).toEqual({
			decoded: false,
			reason: tookTooLong(1_000)
		});
		expect(await failing('process.exit(3);').check(enc('Name\nA\n'))).toEqual({
			ok: false,
			reason: CHECK_STOPPED
		});
		expect(await failing('throw new Error("broken");').readText(enc('Name\nA\n'))).toEqual({
			decoded: false,
			reason: CHECK_STOPPED
		});
		expect(
			await failing(
				`require('node:worker_threads').parentPort.postMessage({ kind: 'failed', message: 'it broke' });`
			).check(enc('Name\nA\n'))
		).toEqual({ ok: false, reason: 'it broke' });
		// Each failure gave its worker's place back.
		expect(
			await new UploadChecker({ ...SETTINGS, workers: 1 }).check(enc('Name\nA\n'))
		).toMatchObject({ ok: true });
	});

	it('queues checks beyond the workers, and refuses those beyond the queue at once', async () => {
		const slow = failing(
			`const { parentPort } = require('node:worker_threads'); setTimeout(() => parentPort.postMessage({ kind: 'read', result: { decoded: false, reason: 'done' } }), 300);`,
			{ workers: 1, maxWaiting: 1 }
		);
		const answers = await Promise.all([
			slow.readText(enc('a')),
			slow.readText(enc('b')),
			slow.readText(enc('c'))
		]);
		expect(answers).toEqual([
			{ decoded: false, reason: 'done' },
			{ decoded: false, reason: 'done' },
			{ decoded: false, reason: BUSY }
		]);
		// The queue emptied: a later check runs.
		expect(await slow.readText(enc('d'))).toEqual({ decoded: false, reason: 'done' });
	});
});

describe('a small upload checked on a worker', () => {
	it("is copied, not moved: the caller's bytes are still there after the check (a Buffer's slice() is only a view)", async () => {
		// An upload's body as readUploadedFile holds it: a Buffer too large for Node's shared pool, the file a part of it.
		const body = Buffer.concat([
			Buffer.from('--boundary\r\n'),
			Buffer.from(`Name,Cost\n${'A,1\n'.repeat(1500)}`),
			Buffer.from('\r\n--boundary--')
		]);
		const file = body.subarray(12, body.length - 14);
		const checked = await checker.check(file, true);
		expect(checked).toMatchObject({ ok: true });
		expect(file.byteLength).toBe(6010);
		expect(checked.ok && checked.bytes.byteLength).toBe(6010);
		expect(Buffer.from(file).toString('utf8', 0, 9)).toBe('Name,Cost');
	});
});

describe('without workers (UPLOAD_CHECK_WORKERS=0)', () => {
	it('runs the same checks in the server thread', async () => {
		const inline = new UploadChecker(
			{ ...SETTINGS, workers: 0 },
			'throw new Error("no worker should start")'
		);
		const bytes = enc('Name,Cost\nA,1\n');
		expect(await inline.check(bytes)).toEqual({ ...(await checkUploadBytes(bytes)), bytes });
		expect(await inline.readText(bytes, { delimiter: ';' })).toEqual(
			await readUploadText(bytes, { delimiter: ';' })
		);
	});
});

describe('the text sent back from the worker', { timeout: 60_000 }, () => {
	const roundTrip = async (text: string) => {
		const packed = packText(text);
		// Moved to another thread as the worker moves it.
		const { port1, port2 } = new MessageChannel();
		const received = new Promise<PackedText>((resolve) => port2.once('message', resolve));
		port1.postMessage(packed, [packed.buffer]);
		const text2 = unpackText(await received);
		port1.close();
		return text2;
	};

	it('is the same text, whatever its characters', async () => {
		await fc.assert(
			fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
				expect(await roundTrip(text)).toBe(text);
			})
		);
	});

	it('is the same text when it is long, in one byte or two a character', async () => {
		const long = `${'a'.repeat((1 << 21) - 1)}😀${'é'.repeat(1 << 21)}`;
		expect(await roundTrip(long)).toBe(long);
		const latin1 = 'é,£\n'.repeat(1_500_000);
		expect(packText(latin1).latin1).toBe(true);
		expect(await roundTrip(latin1)).toBe(latin1);
	});
});

describe('the text of a 20 MB file, turned back', () => {
	it('is kept off the JavaScript heap, which would otherwise grow by its size at every preview', () => {
		for (const text of ['Name,Cost £\n'.repeat(1_700_000), 'Name,Cost €\n'.repeat(850_000)]) {
			const packed = packText(text);
			const before = process.memoryUsage().heapUsed;
			const back = unpackText(packed);
			const grown = process.memoryUsage().heapUsed - before;
			expect(back.length).toBe(text.length);
			expect(back.slice(-13)).toBe(text.slice(-13));
			expect(grown).toBeLessThan(1 << 20);
		}
	});
});

describe('the worker thread', () => {
	it.runIf(process.platform === 'linux')(
		'runs at a lower priority than the server thread (niceness 10)',
		async () => {
			// The worker's own code, then a reply that tells its niceness.
			const probe = `${WORKER_SOURCE}\n;const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop()); require('node:worker_threads').parentPort.postMessage({ kind: 'failed', message: String(require('node:os').getPriority(tid)) });`;
			const answer = await new UploadChecker({ ...SETTINGS, workers: 1, nice: 10 }, probe).readText(
				enc('Name\nA\n')
			);
			expect(answer).toEqual({ decoded: false, reason: '10' });
		}
	);
});
