/** Where the benchmark's pieces live; everything it writes goes under bench/results/ (git-ignored). */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MAIN = resolve(BENCH, '..');
export const RESULTS = join(BENCH, 'results');
export const BASELINE = join(BENCH, 'baseline');
export const SNAPSHOT = join(RESULTS, 'app');
export const VITE = join(MAIN, 'node_modules/vite/bin/vite.js');
export const VITE_NODE = join(MAIN, 'node_modules/vite-node/dist/cli.mjs');

/** A path as shown to people: relative to the project. */
export const rel = (path) => path.replace(`${MAIN}/`, '');
