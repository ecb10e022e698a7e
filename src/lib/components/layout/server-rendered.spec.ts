import { describe, expect, it } from 'vitest';
import { parse, stringify, uneval } from 'devalue';
import { ServerRendered, serverRendered, serverRenderedTransport } from './server-rendered';

/** SvelteKit's serialiser for a page's HTML: devalue's uneval, each `transport` entry tried on every value. */
const serialiseIntoPage = (data: unknown) =>
	uneval(data, (value) => {
		const encoded = serverRenderedTransport.encode(value);
		return encoded ? `app.decode('ServerRendered', ${uneval(encoded)})` : undefined;
	});

const rows = Array.from({ length: 50 }, (_, i) => ({ id: i, name: `System ${i}` }));

describe('ServerRendered page data', () => {
	it('passes the serialiser of a page as one empty value, whatever it holds', () => {
		// A function cannot be serialised: had devalue walked into the value, it would throw.
		const page = serverRendered({ isDataRequest: false }, { rows, render: () => 'x' });
		const out = serialiseIntoPage({ page });
		expect(out).toBe(`{page:app.decode('ServerRendered', [])}`);
		expect(out).not.toContain('System');
	});

	it('is sent in full to a browser that asks for the data (__data.json) and arrives whole', () => {
		const page = serverRendered({ isDataRequest: true }, { rows, total: 50 });
		// SvelteKit's serialiser for __data.json: devalue's stringify, the transport's encode as a reducer.
		const json = stringify({ page }, { ServerRendered: serverRenderedTransport.encode });
		const back = parse(json, { ServerRendered: serverRenderedTransport.decode }) as {
			page: ServerRendered<{ rows: typeof rows; total: number }>;
		};
		expect(back.page).toBeInstanceOf(ServerRendered);
		expect(back.page.value).toEqual({ rows, total: 50 });
	});

	it('leaves every other value to the serialiser', () => {
		expect(serverRenderedTransport.encode({ rows: [] })).toBe(false);
		expect(serialiseIntoPage({ n: 1, list: ['a'] })).toBe('{n:1,list:["a"]}');
	});

	it('refuses to decode the empty value: a page that ships it must turn CSR off', () => {
		expect(() => serverRenderedTransport.decode([])).toThrow(/csr = false/);
	});
});
