// The list is links and a GET form: it needs no JavaScript, so none is shipped and no page data is
// serialised for hydration (the biggest cost of this page at 100,000 systems after rendering).
export const csr = false;
