/**
 * Search on /systems goes through an FTS5 trigram index (system_search) kept by triggers: it must
 * find exactly what LIKE '%text%' on name, supplier and product found before, and stay in step with
 * every change to those columns.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import {
	db,
	startDatabase,
	makeOrganisation,
	createSystem,
	systemInput,
	expectOk
} from './helpers';
import * as systems from '$lib/server/repos/systems';
import * as systemService from '$lib/server/services/systems';
import * as importService from '$lib/server/services/imports';
import { DEFAULT_QUERY } from '$lib/domain/systems';

beforeAll(async () => {
	await startDatabase();
});

/** LIKE's meaning: a plain substring, case folded for ASCII letters only. */
const foldAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
const likeMatches = (fields: string[], q: string) =>
	fields.some((f) => foldAscii(f).includes(foldAscii(q)));

async function searchNames(organisationId: number, q: string): Promise<string[]> {
	const page = await systems.listSystems(db(), organisationId, { ...DEFAULT_QUERY, q, size: 100 });
	return page.rows.map((r) => r.name).sort();
}

/** The names the list's filter matches, through the trigram index or not (small organisations do not use it). */
async function filterNames(
	organisationId: number,
	q: string,
	searchIndex: systems.SearchIndexUse | boolean
): Promise<string[]> {
	const where = systems.systemFilter(
		organisationId,
		{ ...DEFAULT_QUERY, q },
		undefined,
		searchIndex
	);
	const rows = await db().all<{ name: string }>(sql`SELECT name FROM system WHERE ${where}`);
	return rows.map((r) => r.name).sort();
}

// Letters whose case LIKE folds and ones it does not, FTS5 and LIKE syntax, quotes and spaces.
const ALPHABET = [
	'a',
	'B',
	'c',
	'É',
	'é',
	'ß',
	'Ω',
	'ω',
	'%',
	'_',
	'\\',
	'"',
	"'",
	'*',
	'-',
	' ',
	'OR',
	'NEAR',
	'(',
	':',
	'1'
];
const text = fc
	.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 8 })
	.map((parts) => parts.join(''));

describe('system search', () => {
	it('finds exactly the systems LIKE finds, for any text', async () => {
		const { actor, org } = await makeOrganisation();
		const rows = fc.sample(fc.tuple(text, text, text), { numRuns: 40, seed: 20261206 });
		const made: { name: string; fields: string[] }[] = [];
		for (const [i, [name, supplier, product]] of rows.entries()) {
			const unique = `${name} #${i}`;
			await createSystem(actor, { name: unique, supplier, product });
			made.push({ name: unique, fields: [unique, supplier, product] });
		}
		// Queries cut from the stored text (with ASCII case flipped) as well as free text.
		const fromStored = fc
			.tuple(
				fc.nat(made.length - 1),
				fc.nat(2),
				fc.nat(20),
				fc.integer({ min: 1, max: 6 }),
				fc.boolean()
			)
			.map(([row, field, start, length, flip]) => {
				const value = made[row]!.fields[field]!;
				const cut = value.slice(start % value.length, (start % value.length) + length);
				return flip
					? cut.replace(/[a-zA-Z]/g, (c) =>
							c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()
						)
					: cut;
			});
		await fc.assert(
			fc.asyncProperty(fc.oneof(fromStored, text), async (q) => {
				fc.pre(q.trim() !== '' && q === q.trim());
				const expected = made
					.filter((m) => likeMatches(m.fields, q))
					.map((m) => m.name)
					.sort();
				expect(await searchNames(org.id, q)).toEqual(expected);
				expect(await filterNames(org.id, q, 'drive')).toEqual(expected);
				expect(await filterNames(org.id, q, 'probe')).toEqual(expected);
				expect(await filterNames(org.id, q, false)).toEqual(expected);
			}),
			{ numRuns: 150, seed: 20261206 }
		);
	});

	it('follows a rename, a new supplier and a new product, and keeps the index whole', async () => {
		const { actor, org } = await makeOrganisation();
		const made = await createSystem(actor, {
			name: 'Quokka Ledger',
			supplier: 'Wombat Ltd',
			product: 'Numbat Suite'
		});
		expect(await searchNames(org.id, 'quokka')).toEqual(['Quokka Ledger']);
		const result = await systemService.updateSystem(
			actor,
			made.id,
			made.version,
			systemInput({ name: 'Platypus Ledger', supplier: 'Echidna plc', product: 'Dingo' })
		);
		expectOk(result);
		expect(await searchNames(org.id, 'quokka')).toEqual([]);
		expect(await searchNames(org.id, 'wombat')).toEqual([]);
		expect(await searchNames(org.id, 'numbat')).toEqual([]);
		expect(await searchNames(org.id, 'platypus')).toEqual(['Platypus Ledger']);
		expect(await searchNames(org.id, 'echidna')).toEqual(['Platypus Ledger']);
		expect(await searchNames(org.id, 'dingo')).toEqual(['Platypus Ledger']);
		expect(await filterNames(org.id, 'quokka', true)).toEqual([]);
		expect(await filterNames(org.id, 'echidna', true)).toEqual(['Platypus Ledger']);
		// FTS5 compares every indexed row with the system table: throws if the index drifted.
		await db().run(
			sql`INSERT INTO system_search(system_search, rank) VALUES ('integrity-check', 1)`
		);
	});

	it('folds the case of ASCII letters only, as LIKE did', async () => {
		const { actor, org } = await makeOrganisation();
		await createSystem(actor, { name: 'Café Émile' });
		expect(await searchNames(org.id, 'CAFé')).toEqual(['Café Émile']);
		expect(await searchNames(org.id, 'Émile')).toEqual(['Café Émile']);
		// The trigram index matches these two; the list keeps LIKE's answer.
		expect(await searchNames(org.id, 'CAFÉ')).toEqual([]);
		expect(await searchNames(org.id, 'émile')).toEqual([]);
		expect(await filterNames(org.id, 'émile', true)).toEqual([]);
		expect(await filterNames(org.id, 'CAFé', true)).toEqual(['Café Émile']);
	});

	it('never shows another organisation the systems its search matched', async () => {
		const a = await makeOrganisation();
		const b = await makeOrganisation();
		await createSystem(a.actor, { name: 'Kakapo Register' });
		expect(await searchNames(a.org.id, 'kakapo')).toEqual(['Kakapo Register']);
		expect(await searchNames(b.org.id, 'kakapo')).toEqual([]);
		expect(await filterNames(b.org.id, 'kakapo', true)).toEqual([]);
	});

	it('reads the trigram index in a large organisation, and its own rows in a small one', async () => {
		const where = systems.systemFilter(1, { ...DEFAULT_QUERY, q: 'portal' }, undefined, true);
		const plan = await db().all<{ detail: string }>(
			sql`EXPLAIN QUERY PLAN SELECT 1 FROM system WHERE ${where} LIMIT 1001`
		);
		expect(plan.map((p) => p.detail).join('\n')).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
		const small = await makeOrganisation();
		await createSystem(small.actor, { name: 'Tiny Portal' });
		expect(
			await systems.searchReadsIndex(db(), small.org.id, { ...DEFAULT_QUERY, q: 'portal' })
		).toBe(false);
		// A large organisation's rows, written directly: the threshold is about size, not content.
		const large = await makeOrganisation();
		await db().run(
			sql`INSERT INTO system (organisation_id, name, hosting, criticality, personal_data, lifecycle)
				SELECT ${large.org.id}, 'Bulk ' || value, 'saas', 'low', 'none', 'live' FROM generate_series(1, ${systems.SEARCH_INDEX_FROM})`
		);
		expect(
			await systems.searchReadsIndex(db(), large.org.id, { ...DEFAULT_QUERY, q: 'portal' })
		).toBe(true);
		expect(await systems.searchReadsIndex(db(), large.org.id, { ...DEFAULT_QUERY, q: 'po' })).toBe(
			false
		);
		expect(
			(
				await systems.listSystems(db(), large.org.id, { ...DEFAULT_QUERY, q: 'bulk 1999' })
			).rows.map((r) => r.name)
		).toEqual(['Bulk 1999']);
	});

	it('finds the systems an import creates and renames through the index, as soon as it commits', async () => {
		const { actor, org } = await makeOrganisation();
		const kept = await createSystem(actor, {
			name: 'Wallaby Rota',
			externalRef: 'S-1',
			supplier: 'Bandicoot Ltd',
			product: 'Rota'
		});
		const file =
			'External reference,Name,Supplier,Product,Hosting,Criticality,Personal data held\n' +
			'S-1,Wallaby Rota,Possum plc,Rota,,,\n' +
			'S-2,Cassowary Bins,Emu Ltd,Binfinder,SaaS,Low,No\n' +
			'S-3,Kookaburra Loans,Emu Ltd,Lender,SaaS,Low,No\n';
		const editor = { ...actor, userId: 1 };
		const uploaded = await importService.uploadFile(
			editor,
			'search.csv',
			new TextEncoder().encode(file)
		);
		if (!uploaded.ok) throw new Error(uploaded.reason);
		const preview = (await importService.previewUpload(editor, uploaded.uploadId))!;
		expect(preview.plan.counts).toMatchObject({ create: 2, update: 1 });
		const committed = await importService.commitUpload(
			editor,
			uploaded.uploadId,
			{},
			preview.planHash
		);
		expect(committed).toMatchObject({ ok: true });
		for (const use of ['drive', 'probe'] as const) {
			expect(await filterNames(org.id, 'cassowary', use)).toEqual(['Cassowary Bins']);
			expect(await filterNames(org.id, 'emu ltd', use)).toEqual([
				'Cassowary Bins',
				'Kookaburra Loans'
			]);
			expect(await filterNames(org.id, 'lender', use)).toEqual(['Kookaburra Loans']);
			// The update's new supplier is found, its old one no longer.
			expect(await filterNames(org.id, 'possum', use)).toEqual([kept.name]);
			expect(await filterNames(org.id, 'bandicoot', use)).toEqual([]);
		}
		await db().run(
			sql`INSERT INTO system_search(system_search, rank) VALUES ('integrity-check', 1)`
		);
	});
});
