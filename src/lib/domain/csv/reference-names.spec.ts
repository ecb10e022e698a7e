import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { guessMapping } from './mapping';
import { rowReader, type ImportRow, type RowProblem } from './rows';
import { ImportPlanner, type PlannedChange } from './plan';
import {
	choicesFromRows,
	NAME_LIMIT,
	NAMES_HEADING,
	ReferenceNames,
	type ExistingNames,
	type NameChoices
} from './reference-names';
import {
	nameChoiceParams,
	nameChoicesToSave,
	readNameChoiceParams,
	rememberedNameChoices,
	withRemembered
} from './name-choices';
import {
	MISSING_HEADING,
	NewSystemValues,
	readWholeImportParams,
	wholeImportOptions,
	type WholeImportValues
} from './missing-columns';
import { CRITICALITY } from '../systems/system';
import type { SystemInput } from '../systems/system-form';

const existing: ExistingNames = {
	directorates: [
		{ id: 1, name: 'Adults' },
		{ id: 2, name: 'Children' }
	],
	serviceAreas: [{ id: 10, name: 'Safeguarding', directorateId: 2 }],
	workstreams: [{ id: 20, name: 'Integration' }]
};

const KEPT: SystemInput = {
	name: 'Kept',
	description: '',
	supplier: '',
	product: '',
	hosting: 'hosted',
	businessOwner: '',
	technicalOwner: '',
	contactName: '',
	contactEmail: '',
	contactPhone: '',
	userCount: null,
	annualRunCostPence: null,
	contractStart: null,
	contractEnd: null,
	contractNotice: null,
	criticality: 'low',
	statutoryDuties: '',
	personalData: 'none',
	lifecycle: 'live',
	directorateId: null,
	serviceAreaId: null,
	externalRef: null
};

/** Reads and plans rows as the import service does, with the officer's answers. */
function plan(
	headings: string[],
	cells: string[][],
	chosen?: NameChoices,
	whole: WholeImportValues = {},
	known: ExistingNames = existing
) {
	const names = new ReferenceNames(known, chosen);
	const mapping = guessMapping(headings);
	const context = {
		directorates: new Map(),
		serviceAreas: new Map(),
		directorateIds: names.directorateIds,
		serviceAreaDirectorate: names.serviceAreaDirectorate,
		names
	};
	const read = rowReader(mapping, context);
	const values = new NewSystemValues(mapping, whole);
	const planner = new ImportPlanner(
		[{ id: 99, name: 'Kept', externalRef: null }],
		names.findWorkstream,
		{ today: '2026-12-06', source: 'test.csv', newSystemValues: values }
	);
	const rows: ImportRow[] = [];
	cells.forEach((c, i) => {
		const result = read(c, i + 2);
		if (result.ok) rows.push(result.row);
		else planner.reject(result.problems, result.identity);
	});
	const kept = { id: 99, version: 1, workstreams: new Set<string>(), review: null, input: KEPT };
	const changes: PlannedChange[] = [];
	for (const r of rows) {
		names.currentRow = r.row;
		const change = planner.add(r, new Map([[99, kept]]));
		if (!change) continue;
		changes.push(change);
		names.markUsed(change.input.directorateId, change.input.serviceAreaId, change.link);
	}
	const { problems } = planner.finish();
	return {
		names,
		changes,
		problems,
		listed: names.list(),
		created: names.newRecords(),
		missing: values.list(planner.newSystemCount)
	};
}

/** As the preview plans: again with the directorates new service areas' rows agree on, when there are any. */
function preview(
	headings: string[],
	cells: string[][],
	chosen?: NameChoices,
	known: ExistingNames = existing
) {
	const first = plan(headings, cells, chosen, {}, known);
	const agreed = choicesFromRows(first.listed, known);
	return agreed ? plan(headings, cells, agreed, {}, known) : first;
}

const reasons = (problems: RowProblem[]) => problems.map((p) => [p.row, p.column, p.reason]);
const H = [
	'Name',
	'Directorate',
	'Service area',
	'Workstreams',
	'Hosting',
	'Criticality',
	'Personal data'
];

describe('names the organisation does not have', () => {
	it('are created by default: listed once each with their rows, never refused, matched in any case and trimmed', () => {
		const r = preview(H, [
			['One', 'Place', 'Early Help', 'Data; integration', 'SaaS', 'High', 'No'],
			['Two', ' place ', 'early help', 'DATA', 'SaaS', 'High', 'No'],
			['Three', 'CHILDREN', 'Safeguarding', ' Integration ', 'SaaS', 'High', 'No']
		]);
		expect(reasons(r.problems)).toEqual([]);
		expect(r.listed.map((n) => [n.set, n.text, n.rows, n.choice, n.used])).toEqual([
			['directorate', 'Place', 2, 'create', true],
			['serviceArea', 'Early Help', 2, 'create', true],
			['workstream', 'Data', 2, 'create', true]
		]);
		// Parents first; the service area sits in the directorate both its rows give.
		const place = r.created.find((c) => c.set === 'directorate')!;
		expect(r.created.map((c) => [c.set, c.name])).toEqual([
			['directorate', 'Place'],
			['serviceArea', 'Early Help'],
			['workstream', 'Data']
		]);
		expect(r.created.find((c) => c.set === 'serviceArea')!.directorateId).toBe(place.placeholder);
		expect(r.changes[0]!.input.directorateId).toBe(place.placeholder);
		expect(r.changes[0]!.link.sort()).toEqual(['Data', 'Integration']);
		expect(r.changes[2]!.input).toMatchObject({ directorateId: 2, serviceAreaId: 10 });
		expect(r.changes[2]!.link).toEqual(['Integration']);
	});

	it('maps a name to an existing record when the officer says so, and ignores a mapping to a record that is not the organisation’s', () => {
		const chosen = readNameChoiceParams(
			new URLSearchParams([
				['nk0', 'workstream:Data'],
				['nv0', '20'],
				['nk1', 'directorate:Place'],
				['nv1', '777']
			])
		)!;
		const r = plan(H, [['One', 'Place', '', 'Data', 'SaaS', 'High', 'No']], chosen);
		expect(r.changes[0]!.link).toEqual(['Integration']);
		expect(r.listed.map((n) => [n.text, n.choice])).toEqual([
			['Place', 'create'],
			['Data', 20]
		]);
		expect(r.created.map((c) => c.name)).toEqual(['Place']);
	});

	it('asks for a new service area’s directorate when its rows disagree or give none, refusing those rows with a reason that points at the choice', () => {
		const rows = [
			['One', 'Adults', 'Early Help', '', 'SaaS', 'High', 'No'],
			['Two', 'Children', 'Early Help', '', 'SaaS', 'High', 'No'],
			['Three', '', 'Lonely', '', 'SaaS', 'High', 'No'],
			['Four', 'Adults', 'Agreed', '', 'SaaS', 'High', 'No'],
			['Five', '', 'Agreed', '', 'SaaS', 'High', 'No']
		];
		const first = plan(H, rows);
		expect(reasons(first.problems)).toEqual(
			[2, 3, 4, 5, 6].map((row) => [
				row,
				'Service area',
				expect.stringContaining(`choose its directorate under ‘${NAMES_HEADING}’`)
			])
		);
		const again = choicesFromRows(first.listed)!;
		// Only 'Agreed' has rows that all agree (a row with no directorate does not disagree).
		expect([...again.directorates]).toEqual([['serviceArea:agreed', 1]]);
		const second = plan(H, rows, again);
		expect(second.problems.map((p) => p.row)).toEqual([2, 3, 4]);
		expect(second.changes.map((c) => [c.input.name, c.input.directorateId])).toEqual([
			['Four', 1],
			['Five', 1]
		]);
		// The officer's choice, as the page sends it, settles the others; a row naming another directorate is refused by the form's rule.
		const params = new URLSearchParams(nameChoiceParams(second.listed).map(([k, v]) => [k, v]));
		params.set(`nd${second.listed.findIndex((n) => n.text === 'Early Help')}`, '1');
		params.set(`nd${second.listed.findIndex((n) => n.text === 'Lonely')}`, '2');
		const third = plan(H, rows, readNameChoiceParams(params));
		expect(third.problems.map((p) => [p.row, p.column])).toEqual([[3, 'Service area']]);
		expect(third.changes.map((c) => c.input.name)).toEqual(['One', 'Three', 'Four', 'Five']);
		expect(
			third.created.filter((c) => c.set === 'serviceArea').map((c) => [c.name, c.directorateId])
		).toEqual([
			['Agreed', 1],
			['Early Help', 1],
			['Lonely', 2]
		]);
	});

	it('puts a new service area in the organisation’s only directorate when its rows give none, the officer free to choose another', () => {
		const only: ExistingNames = {
			...existing,
			directorates: [{ id: 1, name: 'Children, Families and Adults' }],
			serviceAreas: []
		};
		const rows = [
			['One', '', "Children's Social Care", '', 'SaaS', 'High', 'No'],
			['Two', '', 'Early Help', '', 'SaaS', 'High', 'No'],
			['Three', 'Place', 'Highways', '', 'SaaS', 'High', 'No']
		];
		const r = preview(H, rows, undefined, only);
		expect(reasons(r.problems)).toEqual([]);
		expect(
			r.created.filter((c) => c.set === 'serviceArea').map((c) => [c.name, c.directorateId])
		).toEqual([
			["Children's Social Care", 1],
			['Early Help', 1],
			['Highways', r.created.find((c) => c.set === 'directorate')!.placeholder]
		]);
		expect(r.listed.find((n) => n.text === 'Early Help')!.directorate).toBe(1);
		// With two directorates there is no such default (the test above refuses 'Lonely').
		expect(preview(H, rows.slice(0, 1)).problems.map((p) => p.row)).toEqual([2]);
	});

	it('creates only what an imported row uses, and refuses names that are too long or one too many', () => {
		const long = 'L'.repeat(201);
		const r = plan(H, [
			['', 'Orphan', '', '', 'SaaS', 'High', 'No'],
			['Two', long, '', '', 'SaaS', 'High', 'No']
		]);
		expect(r.listed.map((n) => [n.text, n.used])).toEqual([['Orphan', false]]);
		expect(r.created).toEqual([]);
		expect(reasons(r.problems)).toContainEqual([
			3,
			'Directorate',
			'Directorate name must be 200 characters or fewer'
		]);
		const many = Array.from({ length: NAME_LIMIT + 1 }, (_, i) => [
			`S${i}`,
			`D${i}`,
			'',
			'',
			'SaaS',
			'High',
			'No'
		]);
		const full = plan(H, many);
		expect(full.listed).toHaveLength(NAME_LIMIT);
		expect(reasons(full.problems)).toEqual([
			[NAME_LIMIT + 2, 'Directorate', expect.stringContaining('one new name too many')]
		]);
	});

	it('travels in the form and links unchanged, and is remembered only when mapped', () => {
		const r = preview(
			H,
			[['One', 'Place', 'Early Help', 'Data', 'SaaS', 'High', 'No']],
			readNameChoiceParams(new URLSearchParams('nk0=workstream:Data&nv0=20'))
		);
		const back = readNameChoiceParams(new URLSearchParams(nameChoiceParams(r.listed)))!;
		expect([...back.choices]).toEqual([
			['directorate:place', 'create'],
			['serviceArea:early help', 'create'],
			['workstream:data', 20]
		]);
		expect([...back.directorates]).toEqual([['serviceArea:early help', 'directorate:place']]);
		expect(nameChoicesToSave(r.listed)).toEqual([
			{ set: 'directorate', key: 'place', value: null },
			{ set: 'serviceArea', key: 'early help', value: null },
			{ set: 'workstream', key: 'data', value: '20' }
		]);
		const remembered = rememberedNameChoices([
			{ set: 'workstream', key: 'data', value: '20' },
			{ set: 'hosting', key: 'x', value: 'saas' },
			{ set: 'directorate', key: 'y', value: 'zz' }
		]);
		expect([...remembered.choices]).toEqual([['workstream:data', 20]]);
		// The officer's own answer wins over the remembered one.
		expect([
			...withRemembered(
				remembered,
				readNameChoiceParams(new URLSearchParams('nk0=workstream:Data&nv0=new'))
			)!.choices
		]).toEqual([['workstream:data', 'create']]);
		expect(
			readNameChoiceParams(
				new URLSearchParams('nk0=nonsense:x&nv0=new&nk1=directorate:%01bad&nv1=new')
			)
		).toEqual({ choices: new Map(), spelling: new Map(), directorates: new Map() });
	});

	it('gives the same fingerprint whatever order the placeholders were made in (property)', () => {
		fc.assert(
			fc.property(fc.shuffledSubarray(['A', 'B', 'C', 'D'], { minLength: 2 }), (order) => {
				const rows = order.map((d, i) => [
					`S${i}`,
					`Dir ${d}`,
					'',
					`WS ${d}`,
					'SaaS',
					'High',
					'No'
				]);
				const forward = plan(H, rows);
				const backward = plan(
					H,
					[...rows].reverse().map((r, i) => [`S${rows.length - 1 - i}`, ...r.slice(1)])
				);
				expect(JSON.stringify(backward.names.fingerprint())).toBe(
					JSON.stringify(forward.names.fingerprint())
				);
				const stable = (p: ReturnType<typeof plan>) =>
					p.changes.map((c) => JSON.stringify(p.names.stableInput(c.input))).sort();
				expect(stable(backward)).toEqual(stable(forward));
			})
		);
	});
});

describe('required columns the file lacks', () => {
	const NO_CRITICALITY = ['Name', 'Hosting', 'Personal data'];
	it('refuses new systems with one reason that points at the choice, then applies the value to new systems only', () => {
		const rows = [
			['Fresh', 'SaaS', 'No'],
			['Kept', 'Hosted', 'No']
		];
		const before = plan(NO_CRITICALITY, rows);
		expect(reasons(before.problems)).toEqual([
			[
				2,
				'Criticality',
				`Your file has no Criticality column: choose a value for every new system under ‘${MISSING_HEADING}’ on this page`
			]
		]);
		expect(before.missing).toEqual([
			{ field: 'criticality', label: 'Criticality', rows: 1, value: undefined }
		]);
		const after = plan(
			NO_CRITICALITY,
			rows,
			undefined,
			readWholeImportParams(new URLSearchParams('all-criticality=critical&all-hosting=nonsense'))
		);
		expect(after.problems).toEqual([]);
		expect(after.changes.map((c) => [c.input.name, c.kind, c.input.criticality])).toEqual([
			['Fresh', 'create', 'critical'],
			['Kept', 'unchanged', 'low']
		]);
	});

	it('counts every new system the file names once, its row refused for other reasons or not; never an update or a nameless row', () => {
		const rows = [
			['Fresh', 'SaaS', 'No'],
			['Fresh', 'SaaS', 'No'], // the same system again: refused, counted once
			['Odd hosting', 'Nonsense', 'No'], // refused on reading, still a new system
			['Odd data', 'SaaS', 'Perhaps'],
			['Kept', 'Hosted', 'No'], // an update: keeps its own
			['', 'SaaS', 'No'] // no name: not a system it can count
		];
		const r = plan(NO_CRITICALITY, rows);
		expect(r.missing).toEqual([
			{ field: 'criticality', label: 'Criticality', rows: 3, value: undefined }
		]);
		expect(plan(NO_CRITICALITY, rows, undefined, { criticality: 'high' }).missing).toEqual([
			{ field: 'criticality', label: 'Criticality', rows: 3, value: 'high' }
		]);
	});

	it('counts exactly the distinct new names, whatever else is wrong with their rows (property)', () => {
		const NAMES = ['Kept', 'Alpha', 'Bravo', 'Charlie', ''];
		fc.assert(
			fc.property(
				fc.array(
					fc.tuple(
						fc.constantFrom(...NAMES),
						fc.constantFrom('SaaS', 'Nonsense'),
						fc.constantFrom('No', 'Perhaps')
					),
					{ maxLength: 12 }
				),
				(rows) => {
					const expected = new Set(rows.map(([name]) => name).filter((n) => n && n !== 'Kept'))
						.size;
					const { missing } = plan(NO_CRITICALITY, rows);
					expect(missing.map((m) => m.rows)).toEqual(expected > 0 ? [expected] : []);
				}
			)
		);
	});

	it('offers every value in the domain’s own list', () => {
		expect(wholeImportOptions('criticality').map((o) => o.code)).toEqual([...CRITICALITY]);
		for (const code of CRITICALITY)
			expect(readWholeImportParams(new URLSearchParams(`all-criticality=${code}`))).toEqual({
				criticality: code
			});
	});

	it('leaves a blank cell of a column the file has to the usual rule', () => {
		const r = plan(
			['Name', 'Hosting', 'Criticality', 'Personal data'],
			[['Fresh', 'SaaS', '', 'No']],
			undefined,
			{ criticality: 'high' }
		);
		expect(reasons(r.problems)).toEqual([[2, 'Criticality', 'A new system needs Criticality']]);
		expect(r.missing).toEqual([]);
	});
});
