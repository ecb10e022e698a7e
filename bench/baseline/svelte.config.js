// The bare SvelteKit app the /systems page is measured against: default options, adapter-node.
import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
export default {
	kit: { adapter: adapter({ out: 'build' }) }
};
