/**
 * No module of src/lib reaches itself through its imports. A cycle makes the order in which modules
 * are first evaluated depend on which one is imported first (a constant can be read before it is
 * set), and it usually means two files are one idea split in the wrong place. Type-only imports
 * count too: they are the same coupling, only erased at build time. The test walks the real files,
 * so a cycle added anywhere in src/lib fails here, naming every module on it.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const LIB = resolve(import.meta.dirname);
const SOURCE = /\.(ts|js|svelte)$/;

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory())
			return name === 'migrations' || name === 'session-migrations' ? [] : walk(path);
		return SOURCE.test(name) && !/\.(spec|test)\.ts$/.test(name) && !name.endsWith('.d.ts')
			? [path]
			: [];
	});
}

/** Every module specifier a file names: static imports and re-exports (type-only included), and dynamic imports. */
export function specifiers(text: string): string[] {
	const found: string[] = [];
	for (const [, spec] of text.matchAll(
		/(?:^|[\s;}])(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g
	))
		found.push(spec!);
	for (const [, spec] of text.matchAll(/(?:^|[\s;])import\s*['"]([^'"]+)['"]/g)) found.push(spec!);
	for (const [, spec] of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(spec!);
	return found;
}

/** The file a specifier names, or null for a package, a virtual module or anything outside src/lib. */
function resolveSpecifier(from: string, spec: string): string | null {
	const bare = spec.replace(/\?.*$/, '');
	let base: string;
	if (bare.startsWith('$lib/') || bare === '$lib') base = join(LIB, bare.slice(4));
	else if (bare.startsWith('.')) base = resolve(dirname(from), bare);
	else return null;
	const candidates = [
		base,
		`${base}.ts`,
		`${base}.js`,
		base.replace(/\.js$/, '.ts'),
		join(base, 'index.ts'),
		join(base, 'index.js')
	];
	const file = candidates.find((c) => existsSync(c) && statSync(c).isFile());
	return file && file.startsWith(LIB) ? file : null;
}

/** Strongly connected components of more than one module (or a module importing itself), by Tarjan's algorithm. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	const visit = (node: string) => {
		index.set(node, counter);
		low.set(node, counter++);
		stack.push(node);
		onStack.add(node);
		for (const next of graph.get(node) ?? []) {
			if (!index.has(next)) {
				visit(next);
				low.set(node, Math.min(low.get(node)!, low.get(next)!));
			} else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
		}
		if (low.get(node) === index.get(node)) {
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== node);
			if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component.sort());
		}
	};
	for (const node of graph.keys()) if (!index.has(node)) visit(node);
	return found;
}

describe('the import graph of src/lib', () => {
	it('finds the cycles in a small graph (the check itself works)', () => {
		const graph = new Map([
			['a', ['b']],
			['b', ['c']],
			['c', ['a']],
			['d', ['a', 'd']],
			['e', []]
		]);
		expect(cycles(graph)).toEqual([['a', 'b', 'c'], ['d']]);
		expect(
			specifiers(
				`import type { X } from './x';\nexport * from "./y";\nimport './z.css';\nconst m = await import('./w');`
			)
		).toEqual(['./x', './y', './z.css', './w']);
	});

	it('has no import cycle', () => {
		const files = walk(LIB);
		expect(files.length).toBeGreaterThan(100);
		const graph = new Map(
			files.map((file) => [
				file,
				specifiers(readFileSync(file, 'utf8'))
					.map((s) => resolveSpecifier(file, s))
					.filter((f): f is string => f !== null)
			])
		);
		const named = cycles(graph).map((component) =>
			component.map((file) => relative(LIB, file)).join(' <-> ')
		);
		expect(named).toEqual([]);
	});
});
