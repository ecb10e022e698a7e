import type { PageLoad } from './$types';

// The list is links and a GET form: it needs no JavaScript, so none is shipped, and its data is
// never serialised for hydration (ServerRendered: kit would otherwise serialise it for nothing).
export const csr = false;

export const load: PageLoad = ({ data }) => data.page.value;
