import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeError, flushLog, logError, logInfo } from './log';

afterEach(() => vi.restoreAllMocks());

describe('describeError', () => {
	it("keeps a failed query's SQL and its cause, never its bound values", () => {
		// The shape drizzle gives a failed query: the values in the message, the driver's error as the cause.
		const cause = Object.assign(
			new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: user.email'),
			{ code: 'SQLITE_CONSTRAINT' }
		);
		const error = new Error(
			'Failed query: insert into "system" ("contact_name", "contact_email") values (?, ?)\nparams: Jo Bloggs,jo.bloggs@example.gov.uk\n07700 900123',
			{ cause }
		);
		const text = describeError(error);
		expect(text).toContain('Failed query: insert into "system"');
		expect(text).toContain('params: (not logged)');
		expect(text).toContain(
			'caused by: Error [SQLITE_CONSTRAINT]: SQLITE_CONSTRAINT: UNIQUE constraint failed: user.email'
		);
		expect(text).toMatch(/^\s+at /m);
		for (const secret of ['Jo Bloggs', 'jo.bloggs@example.gov.uk', '07700 900123'])
			expect(text).not.toContain(secret);
	});

	it('describes a thrown value that is not an Error without printing it', () => {
		expect(describeError({ token: 'abc' })).toBe('a thrown value that is not an Error');
		expect(describeError('plain words')).toBe('plain words');
	});

	it('cuts a very long description', () => {
		expect(describeError(new Error('x'.repeat(10_000))).length).toBeLessThanOrEqual(4_001);
	});
});

describe('log lines', () => {
	it('writes one JSON object per line, info to stdout and errors to stderr', () => {
		const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
		const err = vi.spyOn(console, 'error').mockImplementation(() => {});
		logInfo('request', { requestId: 'r1', status: 200 });
		logError('server error', { requestId: 'r2' });
		flushLog();
		const written = String(out.mock.calls[0]?.[0]);
		expect(written.endsWith('\n')).toBe(true);
		const info = JSON.parse(written);
		expect(info).toMatchObject({ level: 'info', msg: 'request', requestId: 'r1', status: 200 });
		expect(Date.parse(info.time)).not.toBeNaN();
		expect(JSON.parse(String(err.mock.calls[0]?.[0]))).toMatchObject({
			level: 'error',
			msg: 'server error',
			requestId: 'r2'
		});
		expect(written.trimEnd()).not.toContain('\n');
	});

	it("writes one turn's info lines together, in order, once the turn is over", async () => {
		const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
		for (let i = 0; i < 3; i++) logInfo('request', { requestId: `r${i}` });
		expect(out).not.toHaveBeenCalled();
		await new Promise((resolve) => setImmediate(resolve));
		expect(out).toHaveBeenCalledTimes(1);
		const lines = String(out.mock.calls[0]?.[0]).trimEnd().split('\n');
		expect(lines.map((l) => JSON.parse(l).requestId)).toEqual(['r0', 'r1', 'r2']);
		logInfo('request', { requestId: 'r3' });
		await new Promise((resolve) => setImmediate(resolve));
		expect(out).toHaveBeenCalledTimes(2);
	});
});
