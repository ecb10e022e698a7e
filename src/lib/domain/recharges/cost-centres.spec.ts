import { describe, expect, it } from 'vitest';
import { costCentreCodeProblem, costCentreProblem } from './cost-centres';

const names: Record<number, string> = { 1: 'Northbridge Council', 2: 'Eastshire Council' };
const nameOf = (id: number) => names[id]!;
const hillside = { id: 7, code: 'EDU-114', name: 'Hillside Primary', partnerOrganisationId: 1 };

describe('costCentreProblem', () => {
	it('accepts the partner’s own cost centre', () => {
		expect(costCentreProblem(hillside, 1, nameOf)).toBeNull();
	});
	it('refuses another partner’s by name', () => {
		expect(costCentreProblem(hillside, 2, nameOf)).toBe(
			'EDU-114 Hillside Primary belongs to Northbridge Council, not Eastshire Council'
		);
	});
	it('refuses an unknown one', () => {
		expect(costCentreProblem(undefined, 2, nameOf)).toBe('Choose a cost centre from the list');
	});
});

describe('costCentreCodeProblem', () => {
	it.each(['EDU-114', 'R1234', 'ict/shared.01'])('accepts %s', (code) => {
		expect(costCentreCodeProblem(code)).toBeNull();
	});
	it.each(['', ' ', '=SUM(A1)', 'A'.repeat(31), '-lead'])('refuses %j', (code) => {
		expect(costCentreCodeProblem(code)).not.toBeNull();
	});
});
