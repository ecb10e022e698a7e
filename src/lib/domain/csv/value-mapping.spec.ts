import { describe, expect, it } from 'vitest';
import { BLANK, parseValueMappingJson, readValueMappingParams, valueKey, valueMappingJson } from './value-mapping';
import { readRow, type ImportContext } from './rows';
import { guessMapping } from './mapping';

describe('the preview form’s value mapping', () => {
	it('reads each pair, keeps only allowed codes, and reads the blank choice as blank', () => {
		const params = new URLSearchParams([
			['vk0', 'hosting:tier 1 cloud'], ['vv0', 'saas'],
			['vk1', 'criticality:ask it'], ['vv1', BLANK],
			['vk2', 'criticality:gold'], ['vv2', 'platinum'],
			['vk3', 'nonsense:x'], ['vv3', 'saas'],
			['vk4', 'outcome:review later'], ['vv4', ''],
			['vk5', 'hosting:Not Normalised'], ['vv5', 'saas']
		]);
		expect([...readValueMappingParams(params)!]).toEqual([['hosting:tier 1 cloud', 'saas'], ['criticality:ask it', '']]);
		expect(readValueMappingParams(new URLSearchParams('col0=name'))).toBeUndefined();
	});

	it('stores the same mapping as the same text, and drops what is no longer valid when read back', () => {
		const a = new Map([['outcome:park', 'maintain'], ['hosting:azure', 'saas']]);
		const b = new Map([['hosting:azure', 'saas'], ['outcome:park', 'maintain']]);
		expect(valueMappingJson(a)).toBe(valueMappingJson(b));
		expect([...parseValueMappingJson(valueMappingJson(a))]).toEqual([['hosting:azure', 'saas'], ['outcome:park', 'maintain']]);
		expect([...parseValueMappingJson('[["hosting:x","mainframe"],["lifecycle:gone",""],"junk"]')]).toEqual([['lifecycle:gone', '']]);
		expect(parseValueMappingJson('{not json').size).toBe(0);
	});
});

describe('readRow with the organisation’s value mapping', () => {
	const context: ImportContext = { directorates: new Map(), serviceAreas: new Map(), directorateIds: new Set(), serviceAreaDirectorate: new Map() };
	const headings = ['Name', 'Hosting', 'Criticality', 'Personal data', 'Outcomes', 'Outcome status'];
	const mapping = guessMapping(headings);
	const values = new Map([
		[valueKey('hosting', 'Azure'), 'saas'], [valueKey('criticality', 'Ask IT'), ''], [valueKey('outcome', 'Park'), 'maintain'], [valueKey('outcome', 'Review later'), ''], [valueKey('outcomeStatus', 'Minuted'), 'agreed']
	]);

	it.each([
		['a mapped value is read as its code', ['A', 'azure', 'High', 'No', 'Park', 'Minuted'], { hosting: 'saas' }, ['maintain'], 'agreed'],
		['an outcome mapped to blank is left out', ['A', 'Azure', 'High', 'No', 'Park; Review later', ''], { hosting: 'saas' }, ['maintain'], null],
		['a cell of only blank-mapped outcomes records no review', ['A', 'Azure', 'High', 'No', 'Review later', ''], { hosting: 'saas' }, null, null]
	] as [string, string[], object, string[] | null, string | null][])('%s', (_what, cells, input, outcomes, status) => {
		const result = readRow(cells, 2, mapping, context, values);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.row.input).toMatchObject(input);
		expect(result.row.review?.outcomes ?? null).toEqual(outcomes);
		if (result.row.review) expect(result.row.review.status).toBe(status);
	});

	it('treats a value mapped to blank as a blank cell: not given, so a new system still needs it', () => {
		const result = readRow(['A', 'Azure', 'Ask IT', 'No', '', ''], 2, mapping, context, values);
		expect(result.ok && [...result.row.given]).not.toContain('criticality');
	});

	it('rejects a value nobody mapped, saying what was typed', () => {
		const result = readRow(['A', 'Mainframe', 'High', 'No', '', ''], 2, mapping, context, values);
		expect(!result.ok && result.problems).toEqual([expect.objectContaining({ column: 'Hosting', reason: expect.stringMatching(/'Mainframe' is not one of/) })]);
	});
});
