import { describe, expect, it, vi } from 'vitest';
import { isActionFailure, isHttpError, isRedirect, error, type Cookies } from '@sveltejs/kit';
import fc from 'fast-check';
import { answerSave, readVersion, refuse, type Posted, type SaveAnswer } from './versioned-save';
import type { ServiceResult } from '../services/result';

// The 404 is the record lookup's; here it only has to be reached with the right record.
const recordNotFound = vi.hoisted(() => vi.fn(async (): Promise<never> => error(404, 'Not found')));
vi.mock('./record', () => ({ recordNotFound }));

type Values = { name: string; kind: string };
type Row = { version: number; name: string; kind: string; archivedAt: string | null };
type Result = ServiceResult<{ row: Row }, Row>;

function event() {
	const set = vi.fn();
	const cookies = { set, get: vi.fn(), delete: vi.fn() } as unknown as Cookies;
	const url = new URL('http://localhost/things/7/edit');
	return {
		cookies,
		url,
		locals: {},
		request: new Request(url, { method: 'POST' }),
		getClientAddress: () => '192.0.2.1',
		set
	} as unknown as Parameters<typeof answerSave>[0] & { set: typeof set };
}

const posted: Posted<Values> = {
	values: { name: 'Typed name', kind: 'b' },
	version: 3,
	original: { name: 'Opened name', kind: 'a' },
	recordId: 7,
	action: 'edit'
};
const answer: SaveAnswer<Values, Values, { row: Row }, Row> = {
	record: { kind: 'system', id: 7 },
	done: ({ row }) => ({ to: `/things/${row.version}`, message: `Saved ${row.name}.` }),
	conflict: {
		fields: ['name', 'kind'],
		labels: { name: 'Name', kind: 'Kind' },
		saved: (row) => ({ name: row.name, kind: row.kind }),
		show: (field, value) => (field === 'kind' ? value.toUpperCase() : value),
		archived: (row) => row.archivedAt != null
	},
	forbiddenField: 'name'
};

async function settle(result: Result, p: Posted<Values> = posted, a = answer) {
	const e = event();
	try {
		return { answered: await answerSave(e, result, p, a), thrown: null, cookie: e.set };
	} catch (thrown) {
		return { answered: null, thrown, cookie: e.set };
	}
}

describe('answerSave: each kind of result becomes the right response', () => {
	it('done: a 303 to the page named, with the success message for that page', async () => {
		const { thrown, cookie } = await settle({
			ok: true,
			row: { version: 4, name: 'CareFirst', kind: 'a', archivedAt: null }
		});
		expect(isRedirect(thrown)).toBe(true);
		expect(thrown).toMatchObject({ status: 303, location: '/things/4' });
		expect(JSON.parse(cookie.mock.calls[0]![1])).toEqual({
			path: '/things/4',
			message: 'Saved CareFirst.'
		});
	});

	it('not found: the audited 404 of the record named, nothing else', async () => {
		recordNotFound.mockClear();
		const { thrown } = await settle({ ok: false, reason: 'not-found' });
		expect(isHttpError(thrown) && thrown.status).toBe(404);
		expect(recordNotFound).toHaveBeenCalledWith(expect.anything(), 'system', 7);
	});

	it('invalid: 400 with the errors, every typed value kept, the version as opened', async () => {
		const { answered } = await settle({
			ok: false,
			reason: 'invalid',
			errors: { name: 'Enter a name' }
		});
		expect(isActionFailure(answered)).toBe(true);
		expect(answered).toMatchObject({ status: 400 });
		expect(answered!.data).toEqual({
			values: posted.values,
			errors: { name: 'Enter a name' },
			version: 3,
			original: posted.original,
			conflict: null,
			archived: false,
			recordId: 7,
			action: 'edit'
		});
	});

	it('forbidden: 403 with the refusal on the field named', async () => {
		const { answered } = await settle({
			ok: false,
			reason: 'forbidden',
			message: 'Not yours to change'
		});
		expect(answered).toMatchObject({
			status: 403,
			data: { errors: { name: 'Not yours to change' }, values: posted.values, conflict: null }
		});
	});

	it('conflict: 409 with what they changed since it was opened, the version and values now saved', async () => {
		const current = { version: 9, name: 'Opened name', kind: 'c', archivedAt: null };
		const { answered } = await settle({ ok: false, reason: 'conflict', current });
		expect(answered).toMatchObject({ status: 409 });
		expect(answered!.data).toEqual({
			values: posted.values,
			errors: {},
			version: 9,
			original: { name: 'Opened name', kind: 'c' },
			conflict: [{ field: 'kind', label: 'Kind', before: 'A', saved: 'C', yours: 'B' }],
			archived: false,
			recordId: 7,
			action: 'edit'
		});
	});

	it('conflict with an archived record says so', async () => {
		const { answered } = await settle({
			ok: false,
			reason: 'conflict',
			current: { version: 5, name: 'Opened name', kind: 'a', archivedAt: '2026-12-01T00:00:00Z' }
		});
		expect(answered!.data).toMatchObject({ archived: true, conflict: [], version: 5 });
	});

	it('conflict without the opened copy compares what is saved with what was typed', async () => {
		const { answered } = await settle(
			{
				ok: false,
				reason: 'conflict',
				current: { version: 5, name: 'Theirs', kind: 'b', archivedAt: null }
			},
			{ ...posted, original: null }
		);
		expect(answered!.data.conflict).toEqual([
			{ field: 'name', label: 'Name', before: '', saved: 'Theirs', yours: 'Typed name' }
		]);
	});

	it('conflict on a page with no field table: the version now saved and an empty table', async () => {
		const { conflict: _c, ...bare } = answer;
		const { answered } = await settle(
			{
				ok: false,
				reason: 'conflict',
				current: { version: 6, name: 'x', kind: 'y', archivedAt: null }
			},
			posted,
			bare
		);
		expect(answered).toMatchObject({
			status: 409,
			data: { version: 6, conflict: [], original: posted.original }
		});
	});

	it('lists exactly the fields saved since opening, and never loses what was typed (any values)', async () => {
		const text = fc.string({ maxLength: 8 });
		const values = fc.record({ name: text, kind: text });
		await fc.assert(
			fc.asyncProperty(values, values, values, async (original, saved, yours) => {
				const { answered } = await settle(
					{ ok: false, reason: 'conflict', current: { version: 2, ...saved, archivedAt: null } },
					{ values: yours, version: 1, original }
				);
				const changed = (['name', 'kind'] as const).filter((f) => original[f] !== saved[f]);
				expect(answered!.data.conflict!.map((r) => r.field)).toEqual(changed);
				expect(answered!.data.values).toEqual(yours);
				expect(answered!.data.original).toEqual(saved);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('refuse and readVersion', () => {
	it('refuse is a 400 FormFailure unless told otherwise', () => {
		expect(refuse(posted, { kind: 'Choose a kind' })).toMatchObject({
			status: 400,
			data: { errors: { kind: 'Choose a kind' }, version: 3, conflict: null }
		});
		expect(refuse(posted, {}, 409).status).toBe(409);
	});

	it('a missing or tampered version can never match (-1); a malformed opened copy is absent', () => {
		const form = new FormData();
		form.set('version', '1e3');
		form.set('original', '{not json');
		expect(readVersion(form, ['name'])).toEqual({ version: -1, original: null });
		form.set('version', '12');
		form.set('original', JSON.stringify({ name: 'A', extra: 'ignored' }));
		expect(readVersion(form, ['name', 'kind'])).toEqual({
			version: 12,
			original: { name: 'A', kind: '' }
		});
	});
});
