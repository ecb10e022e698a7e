/**
 * Runs an upload's checks (./checks.ts: decoding, the limits, parsing, hashing) on a worker thread,
 * so a 20 MB file's second of CPU is never spent on the thread that answers everyone's pages. One
 * worker per check, ended when it answers, so its memory goes with it; at most `workers` at once
 * (one on a 2-core machine, leaving a core to the server) and `maxWaiting` waiting, so a flood of
 * uploads queues, then is refused, instead of taking every core and all the memory. A worker that
 * runs out of its heap, takes too long or dies gives the upload a clear refusal, never a hung request.
 * The file's bytes are moved to the worker and back, not copied, when the caller may give them up.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import WORKER_SOURCE from './worker.ts?worker-source';
import { letOthersRun } from '../../db/bulk';
import {
	checkUploadBytes,
	readUploadText,
	type ReadTextOptions,
	type UploadText,
	type WorkbookOptions
} from './checks';
import { unpackText } from './text-bytes';
import type { CheckJob, CheckReply } from './messages';

export type { UploadCheck, UploadText, ReadTextOptions, WorkbookOptions } from './checks';
export type { WorkbookInfo, WorkbookSheet } from './xlsx-read';

/** A passed check carries the bytes back (the same bytes, perhaps in a new buffer after their move). */
export type CheckedUpload =
	{ ok: true; sha256: string; bytes: Uint8Array } | { ok: false; reason: string };

export interface CheckerSettings {
	/** Workers running at once; 0 runs the checks on the server's own thread, in pieces. */
	workers: number;
	/** Checks waiting for a worker before another is refused. */
	maxWaiting: number;
	/** A check still running after this is stopped. */
	timeoutMs: number;
	/** Each worker's heap (V8 old generation), MB; a 20 MB file needs well under 100. */
	heapMb: number;
	/** The worker thread's niceness on Linux (0-19): above 0, the server's own thread gets the CPU first. */
	nice: number;
}

export const BUSY = 'The server is checking other uploads at the moment: try again in a minute';
export const OUT_OF_MEMORY =
	'Checking the file needed more memory than an upload may use, so it was stopped. Split it into smaller files and upload each';
export const tookTooLong = (ms: number) =>
	`Checking the file took longer than ${Math.round(ms / 1000)} seconds, so it was stopped. Split it into smaller files and upload each`;
export const CHECK_STOPPED =
	'The file could not be checked: the check stopped before it finished. Try again; if it happens again, tell the support team';

/** exceljs's entry file, for a workbook read on a worker (which cannot resolve packages: its code is eval'd). */
let excelJsPath: string | undefined;
const withExcelJs = <T extends WorkbookOptions>(options: T): T => ({
	...options,
	excelJsPath: (excelJsPath ??= createRequire(import.meta.url).resolve('exceljs'))
});

/** Below this, copying costs less than moving (and small buffers share Node's pool, which cannot be moved). */
const MOVE_FROM_BYTES = 64 * 1024;

export class UploadChecker {
	private running = 0;
	private readonly waiting: (() => void)[] = [];

	/** `source`: the worker's code (tests give one that fails on purpose). */
	constructor(
		readonly settings: CheckerSettings,
		private readonly source: string = WORKER_SOURCE
	) {}

	/**
	 * Checks an upload (checkUploadBytes). `movable`: the caller gives up `bytes` (their buffer is
	 * then detached); use the bytes returned instead. Otherwise they are copied for the worker.
	 */
	async check(
		bytes: Uint8Array,
		movable = false,
		workbook: WorkbookOptions = {}
	): Promise<CheckedUpload> {
		const options = withExcelJs(workbook);
		if (this.settings.workers === 0) {
			const result = await checkUploadBytes(bytes, letOthersRun, options);
			return result.ok ? { ...result, bytes } : result;
		}
		// Taken before the move detaches `bytes` (a detached view reads as empty).
		const [byteOffset, byteLength, moved] = [
			bytes.byteOffset,
			bytes.byteLength,
			movable && bytes.byteLength >= MOVE_FROM_BYTES
		];
		const reply = await this.inWorker({ kind: 'check', options }, bytes, movable);
		if (reply.kind === 'failed') return { ok: false, reason: reply.message };
		if (reply.kind !== 'check') throw new Error(`upload check answered ${reply.kind}`);
		if (!reply.result.ok) return reply.result;
		return {
			...reply.result,
			bytes: moved ? new Uint8Array(reply.buffer, byteOffset, byteLength) : bytes
		};
	}

	/** Decodes a stored upload and reads its structure and headings (readUploadText). `movable` as for check(); the bytes are not given back. */
	async readText(
		bytes: Uint8Array,
		given: ReadTextOptions = {},
		movable = false
	): Promise<UploadText> {
		const options = withExcelJs(given);
		if (this.settings.workers === 0) return readUploadText(bytes, options, letOthersRun);
		const reply = await this.inWorker({ kind: 'read', options }, bytes, movable);
		if (reply.kind === 'failed') return { decoded: false, reason: reply.message };
		if (reply.kind !== 'read') throw new Error(`upload check answered ${reply.kind}`);
		const { result, text } = reply;
		if (!('text' in result)) return result;
		if (!text) throw new Error('upload check read a file without its text');
		return { ...result, text: unpackText(text) };
	}

	private async inWorker(
		job: { kind: 'check'; options: WorkbookOptions } | { kind: 'read'; options: ReadTextOptions },
		bytes: Uint8Array,
		movable: boolean
	): Promise<CheckReply> {
		if (this.running >= this.settings.workers) {
			if (this.waiting.length >= this.settings.maxWaiting) return { kind: 'failed', message: BUSY };
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.running++;
		}
		try {
			// Moved: the whole buffer (an upload's own body, or a row read for this request). Otherwise one copy of the file:
			// a real copy (a Buffer's slice() is a view, and moving its buffer would empty the caller's file).
			const own = movable && bytes.byteLength >= MOVE_FROM_BYTES ? bytes : new Uint8Array(bytes);
			return await this.runWorker({
				...job,
				buffer: own.buffer as ArrayBuffer,
				byteOffset: own.byteOffset,
				byteLength: own.byteLength,
				nice: this.settings.nice
			});
		} finally {
			// The slot passes straight to the next in line, or is freed.
			const next = this.waiting.shift();
			if (next) next();
			else this.running--;
		}
	}

	private runWorker(job: CheckJob): Promise<CheckReply> {
		const { timeoutMs, heapMb } = this.settings;
		return new Promise((resolve) => {
			const worker = new Worker(this.source, {
				eval: true,
				workerData: job,
				transferList: [job.buffer],
				// Not the server's own flags (a profiler, a preloaded monitor): the worker needs none.
				execArgv: [],
				resourceLimits: {
					maxOldGenerationSizeMb: heapMb,
					maxYoungGenerationSizeMb: Math.min(32, heapMb / 4)
				}
			});
			let settled = false;
			const settle = (reply: CheckReply, logged?: string) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				if (logged) console.error(`Upload check of ${job.byteLength} bytes stopped: ${logged}`);
				void worker.terminate();
				resolve(reply);
			};
			const timer = setTimeout(
				() => settle({ kind: 'failed', message: tookTooLong(timeoutMs) }, `over ${timeoutMs} ms`),
				timeoutMs
			);
			worker.once('message', (reply: CheckReply) =>
				settle(reply, reply.kind === 'failed' ? reply.message : undefined)
			);
			worker.once('error', (error: Error & { code?: string }) =>
				settle(
					{
						kind: 'failed',
						message: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? OUT_OF_MEMORY : CHECK_STOPPED
					},
					`${error.code ?? ''} ${error.message}`
				)
			);
			worker.once('exit', (code) =>
				settle(
					{ kind: 'failed', message: CHECK_STOPPED },
					`the worker exited (code ${code}) without an answer`
				)
			);
		});
	}
}

function setting(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return process.env[name] !== undefined &&
		process.env[name] !== '' &&
		Number.isInteger(value) &&
		value >= 0
		? value
		: fallback;
}

/**
 * The settings from the environment: UPLOAD_CHECK_WORKERS (default 1 on up to 2 cores, else 2; 0
 * checks on the server's own thread), UPLOAD_CHECK_WAITING (default 4), UPLOAD_CHECK_TIMEOUT_MS
 * (default 120,000), UPLOAD_CHECK_HEAP_MB (default 256), UPLOAD_CHECK_NICE (default 10).
 */
export function settingsFromEnv(): CheckerSettings {
	return {
		workers: setting('UPLOAD_CHECK_WORKERS', availableParallelism() > 2 ? 2 : 1),
		maxWaiting: setting('UPLOAD_CHECK_WAITING', 4),
		timeoutMs: Math.max(1_000, setting('UPLOAD_CHECK_TIMEOUT_MS', 120_000)),
		heapMb: Math.max(32, setting('UPLOAD_CHECK_HEAP_MB', 256)),
		nice: Math.min(19, setting('UPLOAD_CHECK_NICE', 10))
	};
}

let shared: UploadChecker | undefined;

/** The server's one checker, so the limit on workers holds across every upload route. */
export function uploadChecker(): UploadChecker {
	return (shared ??= new UploadChecker(settingsFromEnv()));
}
