import { sveltekit } from '@sveltejs/kit/vite';
import { build, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const WORKER_SOURCE = '?worker-source';

/**
 * `import source from './worker.ts?worker-source'` gives that module and everything it imports
 * (packages included, node built-ins left to require) bundled into one CommonJS string, for
 * `new Worker(source, { eval: true })`. adapter-node bundles the server again from its own entry
 * points, and would leave a separate worker file behind; a string travels inside the code that
 * starts the worker, in the built server, under vite dev and under vitest alike.
 */
function workerSource(): Plugin {
	return {
		name: 'worker-source',
		enforce: 'pre',
		async resolveId(id, importer) {
			if (!id.endsWith(WORKER_SOURCE)) return null;
			const entry = await this.resolve(id.slice(0, -WORKER_SOURCE.length), importer, { skipSelf: true });
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
				build: { ssr: entry, write: false, target: 'node20', minify: false, sourcemap: false, rollupOptions: { output: { format: 'cjs', inlineDynamicImports: true } } }
			});
			const chunk = (Array.isArray(built) ? built : [built]).flatMap((b) => ('output' in b ? b.output : [])).find((o) => o.type === 'chunk');
			if (!chunk || chunk.type !== 'chunk') throw new Error(`worker-source: nothing was built from ${entry}`);
			for (const module of Object.keys(chunk.modules)) if (!module.startsWith('\0')) this.addWatchFile(module);
			return `export default ${JSON.stringify(chunk.code)};`;
		}
	};
}

export default defineConfig({
	plugins: [workerSource(), sveltekit()],
	css: {
		preprocessorOptions: {
			// govuk-frontend's Sass still uses @import; its deprecation warnings are not ours to fix.
			scss: { quietDeps: true, silenceDeprecations: ['import', 'global-builtin', 'mixed-decls'] }
		}
	},
	test: {
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					include: ['src/**/*.spec.ts'],
					environment: 'node'
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					// Some files load the whole demo portfolio through the services first: seconds on a busy 2-core machine.
					hookTimeout: 60_000,
					// Property tests over random portfolios take a few seconds alone and several times that on a
					// shared, loaded 2-core machine: a slow machine must not fail a test (timing never does).
					testTimeout: 60_000,
					setupFiles: ['tests/integration/setup.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/e2e/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});
