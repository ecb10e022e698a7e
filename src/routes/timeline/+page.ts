// The chart is SVG drawn on the server and the filter is a GET form: the page needs no JavaScript.
export const csr = false;
