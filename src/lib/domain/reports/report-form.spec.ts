import { describe, expect, it } from 'vitest';
import {
	draftToValues,
	errorsOnRows,
	parseStartForm,
	readDraftForm,
	recommendationCount
} from './report-form';

const formOf = (entries: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) f.append(k, v);
	return f;
};

describe('parseStartForm', () => {
	it.each([
		[
			{ financialYear: '2026-27', quarter: '2' },
			{ financialYear: '2026/27', quarter: 2 }
		],
		[
			{ financialYear: 'FY 2025/26', quarter: '4' },
			{ financialYear: '2025/26', quarter: 4 }
		],
		[{ financialYear: '', quarter: '1' }, ['financialYear']],
		[{ financialYear: '2026', quarter: '5' }, ['financialYear', 'quarter']],
		[{ financialYear: '2026/27', quarter: '' }, ['quarter']]
	] as const)('%o', (input, expected) => {
		const result = parseStartForm(formOf(input));
		expect(result.ok).toBe(!Array.isArray(expected));
		if (result.ok) expect(result.value).toEqual(expected);
		else expect(Object.keys(result.errors).sort()).toEqual(expected);
		expect(result.values.financialYear).toBe(input.financialYear.trim());
	});
});

describe('the draft form', () => {
	it('round-trips a draft, offering one empty recommendation to add', () => {
		const draft = {
			summary: 'On track',
			workstreams: [
				{
					workstreamId: 7,
					narrative: 'Going well',
					override: { rag: 'Amber' as const, reason: 'Supplier' }
				}
			],
			recommendations: [{ text: 'Note', reason: 'For information' }]
		};
		const values = draftToValues('Q2 report', draft, [7, 8]);
		expect(recommendationCount(values)).toBe(2);
		expect(values['workstream-8']).toBe('');
		const read = readDraftForm(formOf(values), [7, 8]);
		expect(read.draft).toEqual(draft);
		expect(read.title).toBe('Q2 report');
		expect(read.positions).toEqual([1]);
	});

	it('removes a ticked recommendation and renumbers the rest, keeping what was typed', () => {
		const read = readDraftForm(
			formOf({
				title: 't',
				summary: '',
				'recommendation-1': 'Drop me',
				'recommendation-1-reason': 'x',
				'recommendation-1-remove': 'yes',
				'recommendation-2': 'Approve',
				'recommendation-2-reason': '',
				'recommendation-3': '',
				'recommendation-3-reason': ''
			}),
			[]
		);
		expect(read.draft.recommendations).toEqual([{ text: 'Approve', reason: '' }]);
		expect(read.values['recommendation-1']).toBe('Approve');
		expect(read.values['recommendation-2']).toBe('');
		expect(recommendationCount(read.values)).toBe(2);
	});

	it('reads an unknown RAG as an override the checks will refuse, and no override as null', () => {
		const read = readDraftForm(
			formOf({
				title: 't',
				summary: '',
				'workstream-1': '',
				'workstream-1-rag': 'Purple',
				'workstream-1-reason': '',
				'workstream-2': 'Text',
				'workstream-2-rag': '',
				'workstream-2-reason': ''
			}),
			[1, 2]
		);
		expect(read.draft.workstreams).toEqual([
			{ workstreamId: 1, narrative: '', override: { rag: 'not a RAG', reason: '' } },
			{ workstreamId: 2, narrative: 'Text', override: null }
		]);
	});

	it('puts errors back on the row each recommendation was typed in', () => {
		expect(
			errorsOnRows(
				{
					'recommendation-1-reason': 'Give the reason',
					'recommendation-2': 'Enter it',
					summary: 'Too long'
				},
				[2, 4]
			)
		).toEqual({
			'recommendation-2-reason': 'Give the reason',
			'recommendation-4': 'Enter it',
			summary: 'Too long'
		});
	});
});
