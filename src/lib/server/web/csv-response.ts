/** CSV downloads: UTF-8 with a BOM, CRLF, formulas neutralised, never cached. */
import { BOM, csvLines, type CsvCell } from '$lib/domain/csv/write';

/** Rows written per part of a streamed download: a few milliseconds of work between turns of the event loop. */
const ROWS_PER_PART = 1000;

/**
 * A CSV download written a thousand rows per turn of the event loop, so one as large as an upload
 * (200,000 rows) never holds the event loop while it is rendered. UTF-8 with a BOM, CRLF, formulas neutralised.
 */
export function csvStreamResponse(header: readonly string[], rows: readonly (readonly CsvCell[])[], fileName: string): Response {
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
	return new Response(body, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' } });
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
