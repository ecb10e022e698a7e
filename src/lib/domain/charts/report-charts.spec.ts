import { describe, expect, it } from 'vitest';
import { CHART, layoutBars, outcomeBars, spendBars } from './report-charts';

describe('layoutBars', () => {
	it('scales bars to the largest value, writes every value, and stacks groups', () => {
		const { groups, height } = layoutBars(
			[
				{ label: 'A', values: [10, 5] },
				{ label: 'B', values: [null, 0] }
			],
			(n) => `${n}`
		);
		const plot = CHART.width - CHART.labelWidth - CHART.valueWidth;
		expect(groups[0]!.bars.map((b) => b.width)).toEqual([plot, Math.round(plot / 2)]);
		expect(groups[1]!.bars.map((b) => [b.width, b.text])).toEqual([
			[0, 'not reported'],
			[0, '0']
		]);
		expect(groups[1]!.y).toBe(CHART.top + 2 * (CHART.barHeight + CHART.barGap) + CHART.groupGap);
		expect(height).toBe(CHART.top + 4 * (CHART.barHeight + CHART.barGap) + 2 * CHART.groupGap);
	});

	it('draws no bar for a negative figure but still says it', () => {
		const { groups } = layoutBars([{ label: 'Remaining', values: [-500, 100] }], (n) => `${n}`);
		expect(groups[0]!.bars[0]).toMatchObject({ width: 0, text: '-500' });
		expect(groups[0]!.bars[1]!.width).toBeGreaterThan(0);
	});

	it('gives a tiny non-zero figure a visible bar', () => {
		const { groups } = layoutBars([{ label: 'x', values: [1, 1_000_000] }], String);
		expect(groups[0]!.bars[0]!.width).toBe(1);
	});
});

describe('chart inputs', () => {
	const now = {
		systems: 10,
		reviewed: 6,
		notReviewed: 4,
		outcomes: { maintain: 3, develop: 1, decommission: 2, replace: 1 },
		decommissioned: 1,
		replaced: 1
	};
	it('compares outcomes with last quarter, or says there was none', () => {
		expect(
			outcomeBars({
				reviews: { now, lastQuarter: null, lastQuarterLabel: null, switchedOff: [] }
			}).map((g) => g.values)
		).toEqual([
			[null, 3],
			[null, 1],
			[null, 2],
			[null, 1],
			[null, 1],
			[null, 4]
		]);
		const last = { ...now, notReviewed: 9, outcomes: { ...now.outcomes, maintain: 1 } };
		const bars = outcomeBars({
			reviews: { now, lastQuarter: last, lastQuarterLabel: 'Q1 2026/27', switchedOff: [] }
		});
		expect(bars[0]).toEqual({ label: 'Maintain only', values: [1, 3] });
		expect(bars.at(-1)).toEqual({ label: 'Not yet reviewed', values: [9, 4] });
	});
	it('puts budget before spend, capital then revenue', () => {
		const rows = [
			{ spendType: 'capital' as const, budgetPence: 500, actualPence: 200, remainingPence: 300 },
			{ spendType: 'revenue' as const, budgetPence: 90, actualPence: 100, remainingPence: -10 }
		];
		expect(
			spendBars({
				spend: {
					basis: '',
					years: [],
					rows,
					reportYear: rows,
					total: { budgetPence: 0, actualPence: 0, remainingPence: 0 }
				}
			})
		).toEqual([
			{ label: 'Capital', values: [500, 200] },
			{ label: 'Revenue', values: [90, 100] }
		]);
	});
});
