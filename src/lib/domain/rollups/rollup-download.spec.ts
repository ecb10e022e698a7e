import { describe, expect, it } from 'vitest';
import { readRollupDownload, rollupFileName } from './rollup-download';

describe('readRollupDownload', () => {
	it('reads the table and period, defaulting the period', () => {
		expect(readRollupDownload(new URLSearchParams('table=whole-life&years=10'))).toEqual({
			ok: true,
			table: 'whole-life',
			years: 10
		});
		expect(readRollupDownload(new URLSearchParams('table=continuity'))).toEqual({
			ok: true,
			table: 'continuity',
			years: 5
		});
	});

	it('refuses an unknown table or a bad period, saying what to send', () => {
		expect(readRollupDownload(new URLSearchParams('table=passwords'))).toMatchObject({
			ok: false,
			error: expect.stringMatching(/^Choose a table: table=/)
		});
		expect(readRollupDownload(new URLSearchParams('table=whole-life&years=999'))).toMatchObject({
			ok: false
		});
	});

	it('names the file by its table, whole-life with its period', () => {
		expect(rollupFileName({ table: 'whole-life', years: 10 }, '2026-12-06')).toMatch(
			/^whole-life-10-years.*2026-12-06/
		);
		expect(rollupFileName({ table: 'continuity', years: 5 }, '2026-12-06')).toMatch(
			/^continuity.*2026-12-06/
		);
	});
});
