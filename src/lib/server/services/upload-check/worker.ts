/**
 * The upload-check worker thread's own code: it runs one job (workerData), posts the result and
 * ends, so everything it held is freed with it. Bundled with what it imports into one CommonJS
 * source (vite.config.ts, `?worker-source`) and started from that source by ./index.ts, so the
 * built server needs no separate file and vitest runs the same code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { checkUploadBytes, readUploadText } from './checks';
import { packText } from './text-bytes';
import type { CheckJob, CheckReply } from './messages';

async function run(job: CheckJob): Promise<CheckReply> {
	const bytes = new Uint8Array(job.buffer, job.byteOffset, job.byteLength);
	if (job.kind === 'check')
		return {
			kind: 'check',
			result: await checkUploadBytes(bytes, undefined, job.options),
			buffer: job.buffer
		};
	const result = await readUploadText(bytes, job.options);
	return 'text' in result
		? { kind: 'read', result: { ...result, text: '' }, text: packText(result.text) }
		: { kind: 'read', result };
}

/** What the reply moves rather than copies: the bytes given back, the text's bytes. */
const moved = (reply: CheckReply): ArrayBuffer[] =>
	reply.kind === 'check'
		? [reply.buffer]
		: reply.kind === 'read' && reply.text
			? [reply.text.buffer]
			: [];

const job = workerData as CheckJob;

/**
 * On Linux a thread has its own niceness: this one's is raised (to 10 by default), so on a busy
 * machine the server's thread, answering the pages people wait for, gets the CPU first and the
 * check the rest. Elsewhere, or where /proc is hidden, the check runs at the server's priority.
 */
if (process.platform === 'linux' && job.nice > 0) {
	try {
		setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), job.nice);
	} catch (error) {
		console.warn(
			`Upload checks run at the server's own priority: ${error instanceof Error ? error.message : error}`
		);
	}
}

run(job).then(
	// Moved, not copied: the bytes go back to be stored when they pass; the text to be planned.
	(reply) => parentPort!.postMessage(reply, moved(reply)),
	(error: unknown) =>
		parentPort!.postMessage({
			kind: 'failed',
			message: error instanceof Error ? error.message : String(error)
		} satisfies CheckReply)
);
