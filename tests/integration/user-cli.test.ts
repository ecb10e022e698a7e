/** `npm run user`: help in words, and a wrong option refused in a line with the usage, never a stack trace. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ROLES } from '../../src/lib/domain/permissions';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = (...args: string[]) =>
	spawnSync('npm', ['run', '-s', 'user', '--', ...args], {
		cwd: ROOT,
		encoding: 'utf8',
		env: { ...process.env, USER_PASSWORD: '' },
		timeout: 60_000
	});

describe('npm run user', () => {
	it.each([['--help'], ['-h'], ['help']])(
		'%s prints the usage and every role value, and exits 0',
		(flag) => {
			const result = run(flag);
			expect(result.status).toBe(0);
			expect(result.stdout).toContain(
				'usage: npm run user -- add --email EMAIL --role ROLE --org ORG'
			);
			for (const role of ROLES) expect(result.stdout).toContain(role);
		}
	);

	it.each([['--bogus'], ['remove'], ['add', '--email']])(
		'%s is refused with the usage and exit code 2, no stack trace',
		(...args) => {
			const result = run(...args);
			expect(result.status).toBe(2);
			expect(result.stderr).toMatch(/^user: /);
			expect(result.stderr).toContain('usage: npm run user');
			expect(result.stderr).not.toMatch(/^\s+at /m);
		}
	);
});
