import { sveltekit } from '@sveltejs/kit/vite';
import { workerSource } from './vite.worker-source';
import { defineConfig } from 'vitest/config';

// Every test must call expect() at least once: a test that asserts nothing passes whatever the code does.
const expect = { requireAssertions: true };

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
					expect,
					include: ['src/**/*.spec.ts'],
					environment: 'node',
					// Property tests run thousands of cases: under a second alone, but past Vitest's 5 s default when
					// the shared 2-core machine is loaded. Timing never fails a test; a hang still does, after 30 s.
					testTimeout: 30_000
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					expect,
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					// Some files load the whole demo portfolio through the services first: seconds on a busy 2-core machine.
					hookTimeout: process.env.TEST_DATABASE === 'sqld' ? 120_000 : 60_000,
					// Property tests over random portfolios take a few seconds alone and several times that on a
					// shared, loaded 2-core machine: a slow machine must not fail a test (timing never does).
					// On sqld (TEST_DATABASE=sqld) every statement is an HTTP round trip: twice as long again.
					testTimeout: process.env.TEST_DATABASE === 'sqld' ? 120_000 : 60_000,
					setupFiles: ['tests/integration/setup.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'e2e',
					expect,
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/e2e/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					// Operations: the built app against a sqld primary and replica, killed and restarted on purpose.
					// Each file starts its own servers; one file at a time, as they spend CPU on purpose.
					name: 'ops',
					include: ['tests/ops/**/*.test.ts'],
					environment: 'node',
					testTimeout: 180_000,
					hookTimeout: 240_000,
					fileParallelism: false
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					// SIGKILL in the middle of a 50,000-row import and of an approval, on both engines: 5 to 10 minutes
					// on a loaded two-core machine, so `npm run test:faults`, not `npm test` (README, Faults).
					name: 'faults',
					include: ['tests/faults/**/*.test.ts'],
					environment: 'node',
					testTimeout: 900_000,
					hookTimeout: 600_000,
					fileParallelism: false
				}
			}
		]
	}
});
