/**
 * Page data for a page that is only ever rendered on the server (`csr = false`). SvelteKit 2.70
 * serialises every server load's data for hydration even when the page turns client-side rendering
 * off (render_page hands it to the serialiser before it looks at `csr`, and render_response then
 * drops the result): for /systems, 50 rows of devalue work per request, a tenth of the page's CPU.
 * Wrapped in this class, the data passes that serialiser as one empty value (src/hooks.ts
 * `transport`), and the page's universal load (+page.ts) unwraps it for the component.
 */
export class ServerRendered<T> {
	constructor(readonly value: T) {}
}

/** The `transport` entry for src/hooks.ts: encode to nothing; a browser that decodes one is a page left with CSR on. */
export const serverRenderedTransport = {
	encode: (value: unknown) => value instanceof ServerRendered && [],
	decode: (): never => {
		throw new Error('Server-rendered page data reached the browser: the page must set csr = false');
	}
};
