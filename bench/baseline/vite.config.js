// Built by bench/run.js with this folder as the working directory; packages resolve from /work/main/node_modules.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [sveltekit()],
	logLevel: 'warn'
});
