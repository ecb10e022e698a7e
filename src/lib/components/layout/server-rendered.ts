/**
 * Page data for a page that turns client-side rendering off (`csr = false`). SvelteKit 2.70
 * serialises every server load's data into the HTML for hydration even when the page is not
 * hydrated (render_page hands it to the serialiser before it looks at `csr`; render_response then
 * drops the result): for /systems, 50 rows of devalue work per request, a tenth of the page's CPU.
 * Wrapped in this class, the data passes that serialiser as one empty value (src/hooks.ts
 * `transport`), and the page's universal load (+page.ts) unwraps it for the component. A browser
 * that navigates into the page from a page with JavaScript fetches its data as __data.json
 * (`event.isDataRequest`): then the data is serialised in full, as before.
 */
export class ServerRendered<T> {
	constructor(
		readonly value: T,
		/** Serialised for a browser: the request is a client-side navigation's __data.json. */
		readonly forBrowser = false
	) {}
}

/** Wraps a server load's page data: sent in full only when a browser asked for it as data. */
export function serverRendered<T>(event: { isDataRequest: boolean }, value: T): ServerRendered<T> {
	return new ServerRendered(value, event.isDataRequest);
}

/** The `transport` entry for src/hooks.ts: nothing for the HTML of a page without CSR, the data for __data.json. */
export const serverRenderedTransport = {
	encode: (value: unknown) =>
		value instanceof ServerRendered && (value.forBrowser ? [value.value] : []),
	decode: (parts: unknown[]): ServerRendered<unknown> => {
		if (parts.length === 0)
			throw new Error(
				'Server-rendered page data reached the browser: the page must set csr = false'
			);
		return new ServerRendered(parts[0], true);
	}
};
