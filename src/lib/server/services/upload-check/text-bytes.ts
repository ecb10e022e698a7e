/**
 * A decoded file's text, sent from the upload-check worker to the server's thread. A 20 MB string
 * posted as it is would be copied into the server's heap in one step of 50-350 ms (measured on Node
 * 20), holding everyone's requests; as bytes it moves without a copy. On this side the bytes become
 * text in one native copy outside the JavaScript heap (Node keeps a string of over a megabyte made
 * from a Buffer as an external string): about 10 ms for 20 MB, where turning it back a couple of
 * megabytes at a time and joining the pieces held the text twice on the heap.
 */

/** The text's code units as bytes: one byte each when every character fits (Latin-1), else UTF-16. */
export interface PackedText {
	buffer: ArrayBuffer;
	latin1: boolean;
}

export function packText(text: string): PackedText {
	// eslint-disable-next-line no-control-regex -- the whole Latin-1 range, NUL included
	const latin1 = !/[^\x00-\xff]/.test(text);
	const bytes = Buffer.from(text, latin1 ? 'latin1' : 'utf16le');
	// A short text's bytes share Node's pool with others, and cannot be moved: those few are copied.
	const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
	return {
		buffer: whole
			? (bytes.buffer as ArrayBuffer)
			: (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
		latin1
	};
}

/** The text again: one copy of the bytes, outside the JavaScript heap. */
export function unpackText(packed: PackedText): string {
	return Buffer.from(packed.buffer).toString(packed.latin1 ? 'latin1' : 'utf16le');
}
