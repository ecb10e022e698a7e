// The roll-ups are tables, links and a GET form: nothing for a browser to run, so no JavaScript and no hydration data.
export const csr = false;
