/**
 * A decoded file's text, sent from the upload-check worker to the server's thread. A 20 MB string
 * posted as it is would be copied into the server's heap in one step of 50-350 ms (measured on Node
 * 20), holding everyone's requests; as bytes it moves without a copy and becomes text again a
 * couple of megabytes per turn of the event loop.
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

/** Characters turned back into text per turn of the event loop: about a millisecond's work. */
const CHARS_PER_TURN = 1 << 21;

export async function unpackText(
	packed: PackedText,
	between: () => Promise<void> | void
): Promise<string> {
	const bytes = Buffer.from(packed.buffer);
	const [encoding, step] = packed.latin1
		? (['latin1', CHARS_PER_TURN] as const)
		: (['utf16le', 2 * CHARS_PER_TURN] as const);
	const parts: string[] = [];
	for (let i = 0; i < bytes.length; i += step) {
		parts.push(bytes.toString(encoding, i, Math.min(i + step, bytes.length)));
		await between();
	}
	return parts.join('');
}
