import { describe, expect, it } from 'vitest';
import {
	BLANK,
	readValueMappingParams,
	resolveValue,
	UnknownValueTally,
	valueKey,
	valueMappingOf,
	valueMappingToSave
} from './value-mapping';
import { readRow, type ImportContext } from './rows';
import { guessMapping } from './mapping';

describe('the preview form’s value mapping', () => {
	it('reads each pair, keeps only allowed codes, and reads the blank choice as blank', () => {
		const params = new URLSearchParams([
			['vk0', 'hosting:tier 1 cloud'],
			['vv0', 'saas'],
			['vk1', 'criticality:ask it'],
			['vv1', BLANK],
			['vk2', 'criticality:gold'],
			['vv2', 'platinum'],
			['vk3', 'nonsense:x'],
			['vv3', 'saas'],
			['vk4', 'outcome:review later'],
			['vv4', ''],
			['vk5', 'hosting:Not Normalised'],
			['vv5', 'saas']
		]);
		expect([...readValueMappingParams(params)!]).toEqual([
			['hosting:tier 1 cloud', 'saas'],
			['criticality:ask it', '']
		]);
		expect(readValueMappingParams(new URLSearchParams('col0=name'))).toBeUndefined();
	});

	it('stores one row per answer, and drops what is no longer valid when read back', () => {
		const saved = valueMappingToSave([
			{ set: 'hosting', key: 'hosting:azure', text: 'Azure', rows: 2, mapped: 'saas' },
			{ set: 'outcome', key: 'outcome:park', text: 'Park', rows: 1, mapped: 'maintain' },
			{ set: 'criticality', key: 'criticality:tbc', text: 'TBC', rows: 1, mapped: undefined }
		]);
		expect(saved).toEqual([
			{ set: 'hosting', key: 'azure', value: 'saas' },
			{ set: 'outcome', key: 'park', value: 'maintain' },
			{ set: 'criticality', key: 'tbc', value: null }
		]);
		const rows = [
			{ set: 'hosting', key: 'azure', value: 'saas' },
			{ set: 'hosting', key: 'x', value: 'mainframe' },
			{ set: 'lifecycle', key: 'gone', value: '' },
			{ set: 'workstream', key: 'data', value: '3' },
			{ set: 'hosting', key: 'Not Words', value: 'saas' }
		];
		expect([...valueMappingOf(rows)]).toEqual([
			['hosting:azure', 'saas'],
			['lifecycle:gone', '']
		]);
	});
});

describe('readRow with the organisation’s value mapping', () => {
	const context: ImportContext = {
		directorates: new Map(),
		serviceAreas: new Map(),
		directorateIds: new Set(),
		serviceAreaDirectorate: new Map()
	};
	const headings = [
		'Name',
		'Hosting',
		'Criticality',
		'Personal data',
		'Outcomes',
		'Outcome status'
	];
	const mapping = guessMapping(headings);
	const values = new Map([
		[valueKey('hosting', 'Azure'), 'saas'],
		[valueKey('criticality', 'Ask IT'), ''],
		[valueKey('outcome', 'Park'), 'maintain'],
		[valueKey('outcome', 'Review later'), ''],
		[valueKey('outcomeStatus', 'Minuted'), 'agreed']
	]);

	it.each([
		[
			'a mapped value is read as its code',
			['A', 'azure', 'High', 'No', 'Park', 'Minuted'],
			{ hosting: 'saas' },
			['maintain'],
			'agreed'
		],
		[
			'an outcome mapped to blank is left out',
			['A', 'Azure', 'High', 'No', 'Park; Review later', ''],
			{ hosting: 'saas' },
			['maintain'],
			null
		],
		[
			'a cell of only blank-mapped outcomes records no review',
			['A', 'Azure', 'High', 'No', 'Review later', ''],
			{ hosting: 'saas' },
			null,
			null
		]
	] as [string, string[], object, string[] | null, string | null][])(
		'%s',
		(_what, cells, input, outcomes, status) => {
			const result = readRow(cells, 2, mapping, context, values);
			expect(result.ok).toBe(true);
			if (!result.ok) return;
			expect(result.row.input).toMatchObject(input);
			expect(result.row.review?.outcomes ?? null).toEqual(outcomes);
			if (result.row.review) expect(result.row.review.status).toBe(status);
		}
	);

	it('treats a value mapped to blank as a blank cell: not given, so a new system still needs it', () => {
		const result = readRow(['A', 'Azure', 'Ask IT', 'No', '', ''], 2, mapping, context, values);
		expect(result.ok && [...result.row.given]).not.toContain('criticality');
	});

	it('rejects a value nobody mapped, saying what was typed', () => {
		const result = readRow(['A', 'Mainframe', 'High', 'No', '', ''], 2, mapping, context, values);
		expect(!result.ok && result.problems).toEqual([
			expect.objectContaining({
				column: 'Hosting',
				reason: expect.stringMatching(/'Mainframe' is not one of/)
			})
		]);
	});
});

describe('resolveValue and UnknownValueTally', () => {
	it('reads a known word without asking, a mapped one as mapped (blank included), and tells of each one not known', () => {
		const seen: [string, string, string | undefined][] = [];
		const values = new Map([
			[valueKey('spendType', 'One-off'), 'capital'],
			[valueKey('outcome', 'Park'), '']
		]);
		const tell = (set: string, text: string, mapped: string | undefined) =>
			seen.push([set, text, mapped]);
		expect(resolveValue('spendType', 'CapEx', values, tell)).toBe('capital');
		expect(resolveValue('spendType', 'one off', values, tell)).toBe('capital');
		expect(resolveValue('outcome', 'park', values, tell)).toBe('');
		expect(resolveValue('confidence', 'Approved', values, tell)).toBeNull();
		expect(seen).toEqual([
			['spendType', 'one off', 'capital'],
			['outcome', 'park', ''],
			['confidence', 'Approved', undefined]
		]);
	});

	it('counts a value once per row, most used first', () => {
		const tally = new UnknownValueTally();
		tally.see(2, 'spendType', 'One-off', undefined);
		tally.see(2, 'spendType', 'one off', undefined);
		tally.see(3, 'costCategory', 'Kit', 'implementation');
		tally.see(4, 'costCategory', 'KIT', 'implementation');
		expect(tally.list()).toEqual([
			{
				set: 'costCategory',
				key: 'costCategory:kit',
				text: 'Kit',
				rows: 2,
				mapped: 'implementation'
			},
			{ set: 'spendType', key: 'spendType:one off', text: 'One-off', rows: 1, mapped: undefined }
		]);
	});
});
