import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasUnsavedChanges } from './report-unsaved';
import type { ReportDraft } from './report-draft';

const saved = {
	title: 'Q2 2026/27 progress',
	draft: {
		summary: 'Line one\nLine two',
		workstreams: [
			{ workstreamId: 2, narrative: 'On track', override: null },
			{ workstreamId: 1, narrative: 'Late', override: { rag: 'Red', reason: 'Supplier slipped' } }
		],
		recommendations: [{ text: 'Note the slippage', reason: 'A month of testing' }]
	} as ReportDraft
};

describe('hasUnsavedChanges', () => {
	it('is false for the saved draft posted back as a browser posts it (CRLF, other order, spaces at the ends)', () => {
		const posted = {
			title: ' Q2 2026/27 progress ',
			draft: {
				...saved.draft,
				summary: 'Line one\r\nLine two',
				workstreams: [...saved.draft.workstreams].reverse(),
				recommendations: [...saved.draft.recommendations, { text: '', reason: '' }]
			}
		};
		expect(hasUnsavedChanges(posted, saved)).toBe(false);
	});

	it.each([
		['the title', { ...saved, title: 'Another title' }],
		['the summary', { ...saved, draft: { ...saved.draft, summary: 'Line one' } }],
		[
			'a narrative',
			{
				...saved,
				draft: {
					...saved.draft,
					workstreams: [
						{ workstreamId: 2, narrative: 'Slipping', override: null },
						saved.draft.workstreams[1]!
					]
				}
			}
		],
		[
			'a RAG override',
			{
				...saved,
				draft: {
					...saved.draft,
					workstreams: [
						saved.draft.workstreams[0]!,
						{ workstreamId: 1, narrative: 'Late', override: null }
					]
				}
			}
		],
		[
			'a new recommendation',
			{
				...saved,
				draft: {
					...saved.draft,
					recommendations: [...saved.draft.recommendations, { text: 'Approve', reason: 'Needed' }]
				}
			}
		],
		['a removed recommendation', { ...saved, draft: { ...saved.draft, recommendations: [] } }]
	])('is true when %s was changed and not saved', (_what, posted) => {
		expect(hasUnsavedChanges(posted, saved)).toBe(true);
	});

	it('is true for any change to the summary that is more than spaces at the ends or line-break style', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (a, b) => {
				const norm = (s: string) => s.replace(/\r\n?/g, '\n').trim();
				const posted = { ...saved, draft: { ...saved.draft, summary: a } };
				const base = { ...saved, draft: { ...saved.draft, summary: b } };
				expect(hasUnsavedChanges(posted, base)).toBe(norm(a) !== norm(b));
			})
		);
	});
});
