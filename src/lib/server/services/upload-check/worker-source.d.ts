/** A worker's code bundled into one CommonJS source, for `new Worker(source, { eval: true })` (vite.config.ts). */
declare module '*?worker-source' {
	const source: string;
	export default source;
}
