import { build, type Plugin } from 'vite';

const WORKER_SOURCE = '?worker-source';

/**
 * `import source from './worker.ts?worker-source'` gives that module and everything it imports
 * (packages included, node built-ins left to require) bundled into one CommonJS string, for
 * `new Worker(source, { eval: true })`. adapter-node bundles the server again from its own entry
 * points, and would leave a separate worker file behind; a string travels inside the code that
 * starts the worker, in the built server, under vite dev and under vitest alike.
 */
export function workerSource(): Plugin {
	return {
		name: 'worker-source',
		enforce: 'pre',
		async resolveId(id, importer) {
			if (!id.endsWith(WORKER_SOURCE)) return null;
			const entry = await this.resolve(id.slice(0, -WORKER_SOURCE.length), importer, {
				skipSelf: true
			});
			return entry && `\0${entry.id}${WORKER_SOURCE}`;
		},
		async load(id) {
			if (!id.startsWith('\0') || !id.endsWith(WORKER_SOURCE)) return null;
			const entry = id.slice(1, -WORKER_SOURCE.length);
			const built = await build({
				configFile: false,
				logLevel: 'warn',
				publicDir: false,
				ssr: { noExternal: true },
				build: {
					ssr: entry,
					write: false,
					target: 'node20',
					minify: false,
					sourcemap: false,
					rollupOptions: { output: { format: 'cjs', inlineDynamicImports: true } }
				}
			});
			const chunk = (Array.isArray(built) ? built : [built])
				.flatMap((b) => ('output' in b ? b.output : []))
				.find((o) => o.type === 'chunk');
			if (!chunk || chunk.type !== 'chunk')
				throw new Error(`worker-source: nothing was built from ${entry}`);
			for (const module of Object.keys(chunk.modules))
				if (!module.startsWith('\0')) this.addWatchFile(module);
			return `export default ${JSON.stringify(chunk.code)};`;
		}
	};
}
