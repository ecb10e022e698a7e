import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { summariseProblems } from './problem-summary';
import type { RowProblem } from './rows';

const p = (row: number, column: string, reason: string): RowProblem => ({ row, column, reason });

describe('summariseProblems', () => {
	it('counts rows per column and kind of reason, most frequent first', () => {
		const summary = summariseProblems([
			p(2, 'Service area', "There is no service area called 'Adults'"),
			p(2, 'Hosting', "'Cloud-ish' is not one of: On-premises, Hosted"),
			p(3, 'Outcomes', "'Park' is not an outcome: use 'Maintain only', 'Decommission'"),
			p(4, 'Outcomes', "'Later' is not an outcome: use 'Maintain only', 'Decommission'"),
			p(3, 'Service area', "There is no service area called 'Children'"),
			p(4, 'Service area', "There is no service area called 'Adults'"),
			p(4, 'Contract end', 'Enter a real date')
		]);
		expect(summary).toEqual([
			{ column: 'Service area', reason: 'There is no service area called …', rows: 3 },
			{
				column: 'Outcomes',
				reason: "… is not an outcome: use 'Maintain only', 'Decommission'",
				rows: 2
			},
			{ column: 'Contract end', reason: 'Enter a real date', rows: 1 },
			{ column: 'Hosting', reason: '… is not one of: On-premises, Hosted', rows: 1 }
		]);
	});

	it('leaves out a suggestion worked out from the row’s value, so one kind of problem is counted as one', () => {
		expect(
			summariseProblems([
				p(
					2,
					'Amount',
					"Amount: '12.5k' uses a shorthand; enter the full amount in pounds (write 12500)"
				),
				p(
					3,
					'Amount',
					"Amount: '£1.2m' uses a shorthand; enter the full amount in pounds (write 1200000)"
				),
				p(
					4,
					'Amount',
					"Amount: '1,5' has a comma before the pence; write the amount with a decimal point (if you mean £1.5, write 1.5)"
				)
			])
		).toEqual([
			{
				column: 'Amount',
				reason: 'Amount: … uses a shorthand; enter the full amount in pounds',
				rows: 2
			},
			{
				column: 'Amount',
				reason: 'Amount: … has a comma before the pence; write the amount with a decimal point',
				rows: 1
			}
		]);
	});

	it('takes out a value with an apostrophe in it whole', () => {
		const newArea = (row: number, name: string) =>
			p(row, 'Service area', `'${name}' is a new service area: choose its directorate`);
		expect(
			summariseProblems([
				newArea(4, "Children's Social Care"),
				newArea(5, 'Early Help'),
				newArea(6, "St Mary's School")
			])
		).toEqual([
			{ column: 'Service area', reason: '… is a new service area: choose its directorate', rows: 3 }
		]);
	});

	it('counts a row once per kind even when it has the problem twice', () => {
		expect(
			summariseProblems([p(5, 'Workstreams', "No 'A'"), p(5, 'Workstreams', "No 'B'")])
		).toEqual([{ column: 'Workstreams', reason: 'No …', rows: 1 }]);
	});

	it('never counts more rows than were rejected, and sorts by count', () => {
		const problem = fc.record({
			row: fc.integer({ min: 2, max: 30 }),
			column: fc.constantFrom('A', 'B'),
			reason: fc.constantFrom("x 'a'", "x 'b'", 'y')
		});
		fc.assert(
			fc.property(fc.array(problem), (problems) => {
				const summary = summariseProblems(problems);
				const rejected = new Set(problems.map((q) => q.row)).size;
				for (const kind of summary) expect(kind.rows).toBeLessThanOrEqual(rejected);
				for (let i = 1; i < summary.length; i++)
					expect(summary[i]!.rows).toBeLessThanOrEqual(summary[i - 1]!.rows);
			})
		);
	});
});
