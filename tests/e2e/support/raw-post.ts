/**
 * A POST written by hand with node:http, so a test controls what fetch does not let it: a chunked
 * body (no Content-Length), a body larger than the server will read, and a client that stops sending
 * to see whether the server answers without waiting for the rest.
 */
import http from 'node:http';
import { baseURL } from './browser';

export interface RawPostOptions {
	/** Sent first, e.g. 'email=' or a multipart part header. */
	head?: string;
	/** How many filler bytes ('a') follow the head. */
	fill: number;
	/** Sent last, e.g. a multipart closing boundary. */
	tail?: string;
	/** No Content-Length: the body goes as Transfer-Encoding: chunked. */
	chunked: boolean;
	contentType: string;
	cookie?: string | null;
	/** Stop sending after this many bytes and only wait for the answer. */
	stallAfter?: number;
}

export interface RawPostResult {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
	/** Bytes of the body the client had written when the answer arrived. */
	sentWhenAnswered: number;
	/** The whole body's length. */
	total: number;
	/**
	 * The server closed the connection under the client before its answer could be read (EPIPE or
	 * ECONNRESET): a server that stops reading and closes may reset the connection, and the kernel then
	 * drops an answer already sent. Status, headers and body are then empty; `sentWhenAnswered` says
	 * how much had been sent when the connection went.
	 */
	reset: boolean;
}

const CHUNK = Buffer.alloc(64 * 1024, 'a');

/** Sends the body in 64 KB pieces, as fast as the server takes them, until it answers. */
export function rawPost(path: string, options: RawPostOptions): Promise<RawPostResult> {
	const url = new URL(path, baseURL);
	const head = Buffer.from(options.head ?? '');
	const tail = Buffer.from(options.tail ?? '');
	const total = head.length + options.fill + tail.length;
	const headers: Record<string, string> = {
		origin: baseURL,
		accept: 'text/html',
		'content-type': options.contentType
	};
	if (options.cookie) headers.cookie = options.cookie;
	if (!options.chunked) headers['content-length'] = String(total);
	return new Promise((resolve, reject) => {
		let sent = 0;
		let answered = false;
		const request = http.request({
			host: url.hostname,
			port: url.port,
			path: `${url.pathname}${url.search}`,
			method: 'POST',
			headers
		});
		const timer = setTimeout(() => {
			request.destroy();
			reject(new Error(`no answer from ${path} within 30 s (${sent} of ${total} bytes sent)`));
		}, 30_000);
		request.on('response', (response) => {
			answered = true;
			const sentWhenAnswered = sent;
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (text: string) => (body += text));
			response.on('end', () => {
				clearTimeout(timer);
				request.destroy();
				resolve({
					status: response.statusCode ?? 0,
					headers: response.headers,
					body,
					sentWhenAnswered,
					total,
					reset: false
				});
			});
		});
		// A server that stops reading may close the socket under a client still sending: only an
		// error before any answer is a failure.
		request.on('error', (error: NodeJS.ErrnoException) => {
			if (answered) return;
			clearTimeout(timer);
			if (error.code === 'EPIPE' || error.code === 'ECONNRESET')
				resolve({ status: 0, headers: {}, body: '', sentWhenAnswered: sent, total, reset: true });
			else reject(error);
		});
		const pump = (): void => {
			if (sent === 0 && head.length > 0) {
				sent = head.length;
				if (!request.write(head)) return void request.once('drain', pump);
			}
			while (!answered) {
				if (options.stallAfter !== undefined && sent >= options.stallAfter) return;
				const left = head.length + options.fill - sent;
				if (left <= 0) {
					sent += tail.length;
					request.end(tail);
					return;
				}
				const piece = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
				sent += piece.length;
				if (!request.write(piece)) return void request.once('drain', pump);
			}
		};
		pump();
	});
}

/** A multipart body of one file field named 'file' (the upload forms' field). */
export function multipartFile(fileName: string): {
	head: string;
	tail: string;
	contentType: string;
} {
	const boundary = 'limitprobe7b1c';
	return {
		head: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
		tail: `\r\n--${boundary}--\r\n`,
		contentType: `multipart/form-data; boundary=${boundary}`
	};
}
