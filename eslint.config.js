// The `sv` template's ESLint set-up (sveltejs/cli), with the house rules added at the end.
import prettier from 'eslint-config-prettier';
import { fileURLToPath } from 'node:url';
import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const gitignorePath = fileURLToPath(new URL('./.gitignore', import.meta.url));

export default defineConfig(
	includeIgnoreFile(gitignorePath),
	// A separate, minimal SvelteKit app the benchmarks build as a baseline, with its own package.json.
	{ ignores: ['bench/baseline/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node }
		},
		rules: {
			// typescript-eslint recommend against no-undef on TypeScript: the compiler already checks it
			// (https://typescript-eslint.io/troubleshooting/faqs/eslint/#i-get-errors-from-the-no-undef-rule-about-global-variables-not-being-defined-even-though-there-are-no-typescript-errors).
			'no-undef': 'off',
			// A leading underscore marks a value left out on purpose: `const { version: _v, ...rest } = row`
			// drops a field before a comparison, `(_row, i) =>` needs only the index.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{
					argsIgnorePattern: '^_',
					varsIgnorePattern: '^_',
					caughtErrorsIgnorePattern: '^_',
					destructuredArrayIgnorePattern: '^_',
					ignoreRestSiblings: true
				}
			],
			// Links stay plain paths: the app is only ever served from the root (kit.paths.base is unset, and
			// deploy/ puts it behind a proxy at /), so resolve() on ~150 hrefs would change nothing. goto(),
			// pushState() and replaceState() are still checked.
			'svelte/no-navigation-without-resolve': ['error', { ignoreLinks: true }]
		}
	},
	{
		// CommonJS files (a preload for `node -r`) can only require().
		files: ['**/*.cjs'],
		rules: { '@typescript-eslint/no-require-imports': 'off' }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	// House rule: routes stay thin. Every query lives in a repo under $lib/server/repos.
	{
		files: ['src/routes/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['drizzle-orm', 'drizzle-orm/*'],
							message: 'Queries live in $lib/server/repos; a route calls a repo or a service.'
						}
					]
				}
			]
		}
	},
	// House rule: the domain is pure TypeScript, safe for the client and testable without a server.
	{
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/server', '$lib/server/*', '**/server', '**/server/*'],
							message: 'src/lib/domain imports nothing of the server: pass the data in.'
						},
						{
							group: ['$app/*', '$env/*'],
							message: 'src/lib/domain is plain TypeScript: no SvelteKit modules.'
						},
						{
							group: ['drizzle-orm', 'drizzle-orm/*', 'svelte', 'svelte/*'],
							message: 'src/lib/domain is plain TypeScript: no database or Svelte.'
						}
					]
				}
			]
		}
	}
);
