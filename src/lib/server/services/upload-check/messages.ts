/** The messages between the upload checker (./index.ts) and its worker thread (./worker.ts). */
import type { ReadTextOptions, UploadCheck, UploadText, WorkbookOptions } from './checks';
import type { PackedText } from './text-bytes';

interface Bytes {
	buffer: ArrayBuffer;
	byteOffset: number;
	byteLength: number;
}
/** What the worker is given (its workerData). */
export type CheckJob = (
	{ kind: 'check'; options: WorkbookOptions } | { kind: 'read'; options: ReadTextOptions }
) &
	Bytes & { nice: number };
/** What it answers: a check's result and the bytes given back, a read's result, or why it failed. */
export type CheckReply =
	| { kind: 'check'; result: UploadCheck; buffer: ArrayBuffer }
	/** A read's text comes as bytes (./text-bytes.ts); in `result` it is ''. */
	| { kind: 'read'; result: UploadText; text?: PackedText }
	| { kind: 'failed'; message: string };
