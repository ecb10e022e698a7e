// The cost import in a council's own words: words not understood are listed with their rows, mapped on
// the preview, committed exactly as previewed (the mapping is in the plan's fingerprint), remembered for
// the organisation in the store the systems import reads, and never seen by another organisation.
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem } from './helpers';
import * as costImport from '$lib/server/services/cost-import';
import * as costLines from '$lib/server/repos/cost-lines';
import * as choices from '$lib/server/repos/import-choices';
import {
	valueKey,
	valueMappingOf,
	VALUE_SETS,
	type ValueMapping
} from '$lib/domain/csv/value-mapping';

/** The organisation's remembered answers for values, as both imports read them. */
const savedValues = async (organisationId: number) =>
	valueMappingOf(await choices.listSavedChoices(db(), organisationId, VALUE_SETS));
/** Remembers answers as an earlier import would have. */
const remember = (organisationId: number, values: ValueMapping) =>
	choices.saveChoices(
		db(),
		organisationId,
		[...values].map(([k, value]) => ({
			set: k.slice(0, k.indexOf(':')),
			key: k.slice(k.indexOf(':') + 1),
			value
		}))
	);

beforeAll(async () => {
	await startDatabase();
});

type Org = Awaited<ReturnType<typeof makeOrganisation>>;

async function upload(o: Org, text: string) {
	const actor = { ...o.actor, userId: 1 };
	const result = await costImport.uploadFile(
		actor,
		'own-words.csv',
		new TextEncoder().encode(text)
	);
	if (!result.ok) throw new Error(result.reason);
	const preview = async (values?: ValueMapping) =>
		(await costImport.previewCostUpload(actor, result.uploadId, { values }))!;
	return {
		preview,
		commit: (values: ValueMapping | undefined, planHash: string) =>
			costImport.commitCostUpload(actor, result.uploadId, { values }, planHash)
	};
}

// Semicolons and the council's own words: 'One-off', 'Kit' and 'Approved' are not known out of the box.
const FILE =
	'Application;FY;Cap/Rev;Cost type;Amount;Status;Notes\n' +
	'careflow ;FY26/27;One-off;Kit;"£1,234.56";Approved;Servers\n' +
	'CareFlow;2026-27;one off;Licence;1234.5;Approved;Licences\n' +
	'CAREFLOW;26/27;Opex;Kit;(10.00);Forecast;A credit\n' +
	'Nowhere;2026/27;Capex;Implementation;12.5k;Forecast;Typo\n' +
	'Nowhere;2026/27;Rev;Training;100;Forecast;Another\n';

const MAPPED: ValueMapping = new Map([
	[valueKey('spendType', 'One-off'), 'capital'],
	[valueKey('costCategory', 'Kit'), 'implementation'],
	[valueKey('confidence', 'Approved'), 'committed']
]);

describe('the cost import in the council’s own words', () => {
	it('lists the words not understood, commits exactly what the mapped preview showed, and remembers the answers', async () => {
		const o = await makeOrganisation();
		const careflow = await createSystem(o.actor, { name: 'CareFlow' });
		// The systems import's own answer, already saved: kept when the cost import saves its answers.
		await remember(o.org.id, new Map([[valueKey('hosting', 'Azure tenancy'), 'hosted']]));

		const run = await upload(o, FILE);
		const first = await run.preview();
		expect(first.fileProblem).toBeNull();
		expect(first.values.map((v) => [v.text, v.set, v.rows, v.mapped])).toEqual([
			['Approved', 'confidence', 2, undefined],
			['Kit', 'costCategory', 2, undefined],
			['One-off', 'spendType', 2, undefined]
		]);
		expect(first.valueColumns).toEqual({
			spendType: 'Cap/Rev',
			costCategory: 'Cost type',
			confidence: 'Status'
		});
		expect(first.missing).toEqual([{ kind: 'system', text: 'Nowhere', rows: 2 }]);
		expect(first.nameColumns).toEqual({ system: 'Application' });
		expect(first.counts).toEqual({ create: 0, update: 0, unchanged: 0, rejected: 5 });

		const mapped = await run.preview(MAPPED);
		expect(mapped.values.map((v) => [v.text, v.mapped])).toEqual([
			['Approved', 'committed'],
			['Kit', 'implementation'],
			['One-off', 'capital']
		]);
		expect(mapped.counts).toEqual({ create: 2, update: 0, unchanged: 0, rejected: 3 });
		expect(mapped.problems.map((p) => [p.row, p.column, p.name])).toEqual([
			[4, 'Amount', 'CAREFLOW'],
			[5, 'Application', 'Nowhere'],
			[5, 'Amount', 'Nowhere'],
			[6, 'Application', 'Nowhere']
		]);
		expect(mapped.planHash).not.toBe(first.planHash);

		// The fingerprint covers the answers: a commit reading the words another way is refused, nothing written.
		expect(
			await run.commit(
				new Map([...MAPPED, [valueKey('spendType', 'One-off'), 'revenue']]),
				mapped.planHash
			)
		).toMatchObject({ ok: false, reason: 'changed' });
		expect(await costLines.listCostLinesOfSystem(db(), o.org.id, careflow.id)).toEqual([]);

		expect(await run.commit(MAPPED, mapped.planHash)).toEqual({ ok: true, counts: mapped.counts });
		const lines = await costLines.listCostLinesOfSystem(db(), o.org.id, careflow.id);
		expect(
			lines
				.map((l) => [
					l.financialYear,
					l.spendType,
					l.category,
					l.amountPence,
					l.confidence,
					l.description
				])
				.sort()
		).toEqual([
			['2026/27', 'capital', 'implementation', 123_456, 'committed', 'Servers'],
			['2026/27', 'capital', 'licence', 123_450, 'committed', 'Licences']
		]);

		const saved = await savedValues(o.org.id);
		expect([...saved].sort()).toEqual([
			['confidence:approved', 'committed'],
			['costCategory:kit', 'implementation'],
			['hosting:azure tenancy', 'hosted'],
			['spendType:one off', 'capital']
		]);

		// Next time the same words are read as answered, without asking.
		const again = await (await upload(o, FILE)).preview();
		expect(again.values.map((v) => [v.text, v.mapped])).toEqual([
			['Approved', 'committed'],
			['Kit', 'implementation'],
			['One-off', 'capital']
		]);
		expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 2, rejected: 3 });
	});

	it('forgets an answer the officer set back to not recognised, and maps a word to blank', async () => {
		const o = await makeOrganisation();
		await createSystem(o.actor, { name: 'CareFlow' });
		await remember(o.org.id, MAPPED);
		const run = await upload(
			o,
			'System;Year;Spend type;Category;Amount;Confidence;Outcome\nCareFlow;2026/27;One-off;Licence;5;Estimate;Park\n'
		);
		const withBlank = new Map([[valueKey('outcome', 'Park'), '']]);
		const preview = await run.preview(withBlank);
		expect(preview.values.map((v) => [v.text, v.mapped])).toEqual([
			['Park', ''],
			['One-off', undefined]
		]);
		expect(preview.problems.map((p) => p.column)).toEqual(['Spend type']);
		// The answers on the form replace the saved ones: 'One-off' was set back to not recognised.
		expect(await run.commit(withBlank, preview.planHash)).toEqual({
			ok: true,
			counts: { create: 0, update: 0, unchanged: 0, rejected: 1 }
		});
		const saved = await savedValues(o.org.id);
		expect([...saved].sort()).toEqual([
			['confidence:approved', 'committed'],
			['costCategory:kit', 'implementation'],
			['outcome:park', '']
		]);
	});

	it('never shows one organisation’s answers to another', async () => {
		const a = await makeOrganisation();
		const b = await makeOrganisation();
		for (const o of [a, b]) await createSystem(o.actor, { name: 'CareFlow' });
		await remember(a.org.id, MAPPED);
		const theirs = await (await upload(b, FILE)).preview();
		expect(theirs.values.map((v) => v.mapped)).toEqual([undefined, undefined, undefined]);
		expect(theirs.counts.create).toBe(0);
		expect((await savedValues(b.org.id)).size).toBe(0);
	});
});
