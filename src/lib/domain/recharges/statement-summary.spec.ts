import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from '../hashing';
import { contentPrefix, contentSuffix, lineOf } from './statement-summary';
import { statementContent, type StatementLine } from './statements';

const head = {
	statementId: 7,
	sharedService: { id: 1, name: 'Tri-Council ICT "shared"' },
	partner: { id: 2, name: 'Eastshire Council' },
	financialYear: '2026/27',
	quarter: 2
};

const lineArb: fc.Arbitrary<StatementLine> = fc
	.record({
		kind: fc.constantFrom('charge' as const, 'adjustment' as const),
		financialYear: fc.constantFrom('2025/26', '2026/27'),
		costLineId: fc.nat(),
		description: fc.string(),
		systemName: fc.option(fc.string()),
		costCentreId: fc.option(fc.nat()),
		costCentre: fc.constantFrom('', 'EDU-114 Hillside Primary School', 'ES-ICT Eastshire ICT'),
		spendType: fc.constantFrom('capital' as const, 'revenue' as const),
		keyApplied: fc.string(),
		wasPence: fc.option(fc.integer()),
		nowPence: fc.option(fc.integer()),
		amountPence: fc.integer({ min: -1e9, max: 1e9 })
	})
	.map((l) => ({ ...l })); // a plain object, as rows are (fast-check's records have no prototype)

describe('a statement’s canonical JSON in parts', () => {
	it('is prefix, the lines joined by commas, and suffix: the whole statement’s canonical JSON', () => {
		fc.assert(
			fc.property(fc.array(lineArb, { maxLength: 20 }), (lines) => {
				const content = statementContent(head, lines);
				const parts = `${contentPrefix(head)}${lines.map((l) => canonicalJson(lineOf(l))).join(',')}${contentSuffix(head, content.totals, content.totalPence)}`;
				expect(parts).toBe(canonicalJson(content));
			})
		);
	});
});
