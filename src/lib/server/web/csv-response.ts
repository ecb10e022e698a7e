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
 * as it makes them (an import's plan, a slice of the file at a time), and each batch is encoded at
 * once, so only the download's bytes are held, never every row as arrays of cells. Written as
 * csvStreamResponse writes. The headers are sent before the rows are made: a failure part-way ends
 * the download as failed (the browser says so), and a download the client abandons stops `produce`
 * at its next batch.
 */
export function csvProducedResponse(
	header: readonly string[],
	fileName: string,
	produce: (emit: (rows: readonly (readonly CsvCell[])[]) => void) => Promise<void>
): Response {
	const encoder = new TextEncoder();
	let cancelled = false;
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(encoder.encode(`${BOM}${csvLines([header])}`));
			const emit = (rows: readonly (readonly CsvCell[])[]) => {
				if (cancelled) throw new DownloadAbandoned();
				for (let at = 0; at < rows.length; at += ROWS_PER_PART)
					controller.enqueue(encoder.encode(csvLines(rows.slice(at, at + ROWS_PER_PART))));
			};
			produce(emit).then(
				() => {
					if (!cancelled) controller.close();
				},
				(error: unknown) => {
					if (cancelled) return;
					console.error(`could not finish the download ${fileName}`, error);
					controller.error(error);
				}
			);
		},
		cancel() {
			cancelled = true;
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

/** Thrown into a download's producer when the client has gone: there is no one to write to. */
class DownloadAbandoned extends Error {}
