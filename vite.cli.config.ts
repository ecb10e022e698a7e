// For the command-line scripts run by vite-node (seed, user). SvelteKit's plugin is left out on
// purpose: its guard against server code reaching the browser refuses any $lib/server import in
// vite-node's module graph, and scripts never run in a browser.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { workerSource } from './vite.worker-source';

export default defineConfig({
	// The upload checks' worker thread is started from a bundled source string, in scripts too.
	plugins: [workerSource()],
	resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } }
});
