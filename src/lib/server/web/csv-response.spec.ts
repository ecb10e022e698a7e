import { describe, expect, it, vi } from 'vitest';
import { producedStream } from './csv-response';

const chunk = 'x'.repeat(600_000);

describe('producedStream', () => {
	it('ends the producer and the download when the client reads nothing for the stall limit', async () => {
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		let writes = 0;
		let ended: unknown = 'still running';
		const stream = producedStream(
			'',
			async (write) => {
				try {
					for (;;) {
						await write(chunk);
						writes++;
					}
				} catch (e) {
					ended = e;
				}
			},
			'the test download',
			50
		);
		await new Promise((r) => setTimeout(r, 200));
		// The queue (1 MB) filled after two writes; nobody read, so the producer was stopped, not left waiting.
		expect(writes).toBeLessThanOrEqual(2);
		expect(ended).toBeInstanceOf(Error);
		expect(errors.mock.calls.flat().join(' ')).toContain('the client read nothing for 0 s');
		await expect(stream.getReader().read()).rejects.toBeInstanceOf(Error);
		errors.mockRestore();
	});

	it('keeps a slow reader: each read in time lets the producer go on to the end', async () => {
		let writes = 0;
		const stream = producedStream(
			'head',
			async (write) => {
				for (let i = 0; i < 6; i++) {
					await write(chunk);
					writes++;
				}
			},
			'the slow download',
			100
		);
		const reader = stream.getReader();
		let bytes = 0;
		for (;;) {
			await new Promise((r) => setTimeout(r, 20));
			const { done, value } = await reader.read();
			if (done) break;
			bytes += value.length;
		}
		expect(writes).toBe(6);
		expect(bytes).toBe(4 + 6 * chunk.length);
	});
});
