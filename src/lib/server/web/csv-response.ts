/** CSV downloads: UTF-8 with a BOM, CRLF, formulas neutralised, never cached. */
import { BOM, csvLines, type CsvCell } from '$lib/domain/csv/write';

/** Rows written per part of a streamed download: a few milliseconds of work between turns of the event loop. */
const ROWS_PER_PART = 1000;

/**
 * A CSV download written a thousand rows per turn of the event loop, so one as large as an upload
 * (200,000 rows) never holds the event loop while it is rendered. UTF-8 with a BOM, CRLF, formulas neutralised.
 */
export function csvStreamResponse(
	header: readonly string[],
	rows: readonly (readonly CsvCell[])[],
	fileName: string
): Response {
	const encoder = new TextEncoder();
	let at = -1;
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (at < 0) controller.enqueue(encoder.encode(`${BOM}${csvLines([header])}`));
			else controller.enqueue(encoder.encode(csvLines(rows.slice(at, at + ROWS_PER_PART))));
			at = at < 0 ? 0 : at + ROWS_PER_PART;
			if (at >= rows.length) controller.close();
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'no-store'
		}
	});
}

/**
 * A CSV download: an attachment with a safe file name (csvFileName), never cached (it holds the
 * organisation's data; the hooks set the same header on every response, this keeps it if they change).
 */
export function csvResponse(body: string, fileName: string): Response {
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'no-store'
		}
	});
}

/**
 * A CSV download written while its rows are being made: `produce` hands each batch of rows to `emit`
 * as it makes them (an import's plan, a slice of the file at a time; the systems list a batch of
 * rows at a time), and each batch is encoded at once, so only the download's bytes are held, never
 * every row as arrays of cells. Awaiting `emit` waits while the client is slower than the producer
 * (the stream's queue is full), so a slow reader never makes the server hold the whole file. Written
 * as csvStreamResponse writes. The headers are sent before the rows are made: a failure part-way
 * ends the download as failed (the browser says so), and a download the client abandons stops
 * `produce` at its next batch.
 */
export function csvProducedResponse(
	header: readonly string[],
	fileName: string,
	produce: (emit: (rows: readonly (readonly CsvCell[])[]) => Promise<void>) => Promise<void>
): Response {
	const body = producedStream(
		`${BOM}${csvLines([header])}`,
		(write) =>
			produce((rows) => {
				let room = Promise.resolve();
				for (let at = 0; at < rows.length; at += ROWS_PER_PART)
					room = write(csvLines(rows.slice(at, at + ROWS_PER_PART)));
				return room;
			}),
		`the download ${fileName}`
	);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'no-store'
		}
	});
}

/** Bytes queued for the client before a producer waits for it to read (a few batches). */
const QUEUED_BYTES = 1 << 20;

/**
 * How long a producer waits for a client that reads nothing before the download is ended: two
 * minutes. A stalled client otherwise holds the producer (its queued megabyte, and for a snapshot
 * read its database connection) for as long as it keeps the socket open; Node's HTTP server has no
 * limit on how long a response may take to send.
 */
export const STALL_LIMIT_MS = 120_000;

/**
 * A byte stream of `first` and then what `produce` writes, with backpressure: the promise `write`
 * returns resolves once the queue has room, so memory holds about QUEUED_BYTES whatever the length
 * of the answer (a producer that does not wait is simply not held back). Once the client has gone,
 * or has read nothing for `stallLimitMs` while the queue is full, `write` throws (never a rejected
 * promise nobody awaits), which ends `produce`; a stalled download is ended as failed.
 */
export function producedStream(
	first: string,
	produce: (write: (text: string) => Promise<void>) => Promise<void>,
	what: string,
	stallLimitMs = STALL_LIMIT_MS
): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let cancelled = false;
	let wanted: (() => void) | null = null;
	let stall: ReturnType<typeof setTimeout> | undefined;
	const wake = () => {
		clearTimeout(stall);
		wanted?.();
		wanted = null;
	};
	return new ReadableStream<Uint8Array>(
		{
			start(controller) {
				controller.enqueue(encoder.encode(first));
				const write = (text: string): Promise<void> => {
					if (cancelled) throw new DownloadAbandoned();
					controller.enqueue(encoder.encode(text));
					if ((controller.desiredSize ?? 1) > 0) return Promise.resolve();
					return new Promise<void>((resolve, reject) => {
						wanted = resolve;
						stall = setTimeout(() => {
							cancelled = true;
							wanted = null;
							console.error(
								`stopped ${what}: the client read nothing for ${Math.round(stallLimitMs / 1000)} s`
							);
							controller.error(new DownloadAbandoned());
							reject(new DownloadAbandoned());
						}, stallLimitMs);
					});
				};
				produce(write).then(
					() => {
						if (!cancelled) controller.close();
					},
					(error: unknown) => {
						if (cancelled) return;
						console.error(`could not finish ${what}`, error);
						controller.error(error);
					}
				);
			},
			pull: wake,
			cancel() {
				cancelled = true;
				wake();
			}
		},
		new ByteLengthQueuingStrategy({ highWaterMark: QUEUED_BYTES })
	);
}

/** Thrown into a download's producer when the client has gone or stopped reading: there is no one to write to. */
class DownloadAbandoned extends Error {}
