import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';

/**
 * SvelteKit's route announcer (the live region that reads each new page's title) is a div with this
 * style attribute, added when the app starts (kit's src/core/sync/write_root.js). Under style-src 'self'
 * Chromium refuses it with a console error on every page; 'unsafe-hashes' with its hash allows exactly
 * this attribute and no other inline style. tests/e2e/feedback.test.ts fails if a kit upgrade changes it.
 */
const ANNOUNCER_STYLE =
	'position: absolute; left: 0; top: 0; clip: rect(0 0 0 0); clip-path: inset(50%); overflow: hidden; white-space: nowrap; width: 1px; height: 1px';
const announcerStyleHash = `sha256-${createHash('sha256').update(ANNOUNCER_STYLE).digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// BUILD_DIR and SVELTEKIT_OUT_DIR let two builds run side by side (e.g. a benchmark and a test run).
		adapter: adapter({ out: process.env.BUILD_DIR || 'build' }),
		outDir: process.env.SVELTEKIT_OUT_DIR || '.svelte-kit',
		// CSRF origin check stays on (the default). Kit before 2.70.0 compiled it out of a build made
		// with NODE_ENV other than production (kit PR #16313).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-hashes', announcerStyleHash],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
