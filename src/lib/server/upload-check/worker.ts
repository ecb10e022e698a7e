/**
 * The upload-check worker thread's own code: it runs one job (workerData), posts the result and
 * ends, so everything it held is freed with it. Bundled with what it imports into one CommonJS
 * source (vite.config.ts, `?worker-source`) and started from that source by ./index.ts, so the
 * built server needs no separate file and vitest runs the same code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkUploadBytes, readUploadText } from './checks';
import { packText } from './text-bytes';
import type { CheckJob, CheckReply } from './index';

async function run(job: CheckJob): Promise<CheckReply> {
	const bytes = new Uint8Array(job.buffer, job.byteOffset, job.byteLength);
	if (job.kind === 'check') return { kind: 'check', result: await checkUploadBytes(bytes), buffer: job.buffer };
	const result = await readUploadText(bytes, job.options);
	return 'text' in result ? { kind: 'read', result: { ...result, text: '' }, text: packText(result.text) } : { kind: 'read', result };
}

/** What the reply moves rather than copies: the bytes given back, the text's bytes. */
const moved = (reply: CheckReply): ArrayBuffer[] => (reply.kind === 'check' ? [reply.buffer] : reply.kind === 'read' && reply.text ? [reply.text.buffer] : []);

const job = workerData as CheckJob;
run(job).then(
	// Moved, not copied: the bytes go back to be stored when they pass; the text to be planned.
	(reply) => parentPort!.postMessage(reply, moved(reply)),
	(error: unknown) => parentPort!.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies CheckReply)
);
