import { describe, expect, it } from 'vitest';
import {
	describeChanges,
	parseLineTarget,
	readOriginalValues,
	sourceComparable,
	withSpareRows
} from './cost-form';

describe('parseLineTarget', () => {
	const context = { outcomes: ['replace'], workstreamIds: new Set([3]) };
	it.each([
		[
			{ outcome: '', workstreamId: '' },
			{ ok: true, outcome: null, workstreamId: null }
		],
		[
			{ outcome: 'replace', workstreamId: '3' },
			{ ok: true, outcome: 'replace', workstreamId: 3 }
		],
		[
			{ outcome: 'decommission', workstreamId: '' },
			{ ok: false, errors: { outcome: 'Select one of the system’s current outcomes, or none' } }
		],
		[
			{ outcome: 'nonsense', workstreamId: '4' },
			{
				ok: false,
				errors: {
					outcome: 'Select one of the system’s current outcomes, or none',
					workstreamId: 'Select a workstream from the list'
				}
			}
		],
		[
			{ outcome: '', workstreamId: '1e3' },
			{ ok: false, errors: { workstreamId: 'Select a workstream from the list' } }
		]
	])('%j', (values, expected) => {
		expect(parseLineTarget(values, context)).toEqual(expected);
	});
});

describe('describeChanges', () => {
	const labels = { a: 'A', b: 'B' };
	it('lists only what changed since opening, shown through `show`', () => {
		expect(
			describeChanges(
				['a', 'b'] as const,
				labels,
				{ a: '1', b: 'x' },
				{ a: '2', b: 'x' },
				{ a: '1', b: 'y' },
				(_f, v) => `<${v}>`
			)
		).toEqual([{ field: 'a', label: 'A', before: '<1>', saved: '<2>', yours: '<1>' }]);
	});
	it('compares with what was typed when the original is missing, and leaves yours out of an archive', () => {
		expect(
			describeChanges(['a', 'b'] as const, labels, null, { a: '2', b: 'x' }, { a: '1', b: 'x' })
		).toEqual([{ field: 'a', label: 'A', before: '', saved: '2', yours: '1' }]);
		expect(
			describeChanges(['a', 'b'] as const, labels, { a: '1', b: 'x' }, { a: '1', b: 'z' }, null)
		).toEqual([{ field: 'b', label: 'B', before: 'x', saved: 'z', yours: null }]);
	});
});

describe('readOriginalValues', () => {
	it('reads the listed fields and treats anything malformed as absent', () => {
		expect(readOriginalValues('{"a":"1","b":2,"c":"3"}', ['a', 'b'])).toEqual({ a: '1', b: '' });
		expect(readOriginalValues('{not json', ['a'])).toBeNull();
		expect(readOriginalValues('"text"', ['a'])).toBeNull();
		expect(readOriginalValues(null, ['a'])).toBeNull();
	});
});

describe('funding source form helpers', () => {
	it('keeps filled rows and adds three spare rows', () => {
		expect(
			withSpareRows([
				{ financialYear: '2026/27', amount: '5' },
				{ financialYear: '', amount: '' }
			])
		).toHaveLength(4);
	});
	it('flattens allocations for comparison, ignoring blank rows', () => {
		const values = {
			name: 'N',
			kind: 'grant',
			spendType: 'capital',
			notes: '',
			allocations: [
				{ financialYear: '2026/27', amount: '5.00' },
				{ financialYear: '', amount: '' }
			]
		};
		expect(sourceComparable(values).allocations).toBe('2026/27 5.00');
	});
});
