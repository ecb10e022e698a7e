import type { PageLoad } from './$types';

// The list is links and a GET form: it needs no JavaScript, so none is shipped, and its data is not
// serialised into the page for hydration (ServerRendered: kit would otherwise do it for nothing). A
// browser arriving from a page with JavaScript renders it from __data.json, which carries the data.
export const csr = false;

export const load: PageLoad = ({ data }) => data.page.value;
