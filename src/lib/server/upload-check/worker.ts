/**
 * The upload-check worker thread's own code: it runs one job (workerData), posts the result and
 * ends, so everything it held is freed with it. Bundled with what it imports into one CommonJS
 * source (vite.config.ts, `?worker-source`) and started from that source by ./index.ts, so the
 * built server needs no separate file and vitest runs the same code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkUploadBytes, readUploadText } from './checks';
import type { CheckJob, CheckReply } from './index';

async function run(job: CheckJob): Promise<CheckReply> {
	const bytes = new Uint8Array(job.buffer, job.byteOffset, job.byteLength);
	if (job.kind === 'check') return { kind: 'check', result: await checkUploadBytes(bytes), buffer: job.buffer };
	return { kind: 'read', result: await readUploadText(bytes, job.options) };
}

const job = workerData as CheckJob;
run(job).then(
	// The bytes go back to the server's thread (moved, not copied): it stores them when they pass.
	(reply) => parentPort!.postMessage(reply, reply.kind === 'check' ? [reply.buffer] : []),
	(error: unknown) => parentPort!.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies CheckReply)
);
