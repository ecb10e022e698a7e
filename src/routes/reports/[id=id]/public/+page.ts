// Server-rendered only: no hydration data, so the page's bytes are exactly the public version.
export const csr = false;
