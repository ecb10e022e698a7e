/**
 * An import holds a whole file's worth of bytes, text and parsed rows for a few seconds, then drops
 * them. V8 would collect that garbage only once the heap next grows, so the next import (or the next
 * step of this one) would start from a heap still the size of the last. When node runs with
 * --expose-gc (`npm run serve` does), a collection is made just after such a step has answered: a
 * pause of tens of milliseconds, once per step, for a peak memory that does not stack up.
 */
let pending: ReturnType<typeof setTimeout> | undefined;

/** Collects garbage shortly after the current request has answered (and its body is released). */
export function collectGarbageSoon(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc || pending) return;
	pending = setTimeout(() => {
		pending = undefined;
		gc();
	}, 200);
	pending.unref();
}
