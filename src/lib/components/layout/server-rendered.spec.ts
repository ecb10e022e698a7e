import { describe, expect, it } from 'vitest';
import { uneval } from 'devalue';
import { ServerRendered, serverRenderedTransport } from './server-rendered';

/** SvelteKit's serialiser: devalue's uneval, with each `transport` entry tried on every value it meets. */
const serialise = (data: unknown) =>
	uneval(data, (value) => {
		const encoded = serverRenderedTransport.encode(value);
		return encoded ? `app.decode('ServerRendered', ${uneval(encoded)})` : undefined;
	});

describe('ServerRendered page data', () => {
	it('passes the serialiser as one empty value, whatever it holds', () => {
		const rows = Array.from({ length: 50 }, (_, i) => ({ id: i, name: `System ${i}` }));
		// A function cannot be serialised: had devalue walked into the value, it would throw.
		const out = serialise({ page: new ServerRendered({ rows, render: () => 'x' }) });
		expect(out).toBe(`{page:app.decode('ServerRendered', [])}`);
		expect(out).not.toContain('System');
	});

	it('leaves every other value to the serialiser', () => {
		expect(serverRenderedTransport.encode({ rows: [] })).toBe(false);
		expect(serialise({ n: 1, list: ['a'] })).toBe('{n:1,list:["a"]}');
	});

	it('refuses to be decoded in a browser: a page that ships it must turn CSR off', () => {
		expect(() => serverRenderedTransport.decode()).toThrow(/csr = false/);
	});
});
