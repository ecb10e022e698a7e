import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { BOM } from './write';
import {
	LINKED_SYSTEM_CSV_HEADER,
	workstreamSystemsCsv,
	workstreamsCsv,
	type LinkedSystemCsvRow,
	type LinkedSystemDetail
} from './workstreams';

function parseBack(text: string): string[][] {
	expect(text.startsWith(BOM)).toBe(true);
	return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

describe('workstreamsCsv', () => {
	it.each([
		[
			'a workstream with its lead and counts',
			{
				name: 'Case Management',
				lead: 'Head of Children’s Services',
				systems: 14,
				reviewed: 10,
				multiple: 3,
				outcomes: { maintain: 1, develop: 2, decommission: 3, replace: 7 }
			},
			['Case Management', 'Head of Children’s Services', '14', '10', '4', '1', '2', '3', '7', '3']
		],
		[
			'one with no lead and no systems',
			{
				name: 'Directories',
				lead: '',
				systems: 0,
				reviewed: 0,
				multiple: 0,
				outcomes: { maintain: 0, develop: 0, decommission: 0, replace: 0 }
			},
			['Directories', '', '0', '0', '0', '0', '0', '0', '0', '0']
		],
		[
			'a lead a spreadsheet would run, neutralised',
			{
				name: 'Integration',
				lead: '@lead',
				systems: 1,
				reviewed: 1,
				multiple: 0,
				outcomes: { maintain: 1, develop: 0, decommission: 0, replace: 0 }
			},
			['Integration', "'@lead", '1', '1', '0', '1', '0', '0', '0', '0']
		]
	])('writes %s', (_what, row, expected) => {
		const [header, first] = parseBack(workstreamsCsv([row]));
		expect(header).toEqual([
			'Workstream',
			'Lead',
			'Systems',
			'Reviewed',
			'Not yet reviewed',
			'Maintain only',
			'Development required',
			'Decommission',
			'Replace with the new main system',
			'More than one outcome'
		]);
		expect(first).toEqual(expected);
	});
});

const linked: LinkedSystemCsvRow = {
	id: 7,
	name: 'CareFlow',
	supplier: 'Caseworks Ltd',
	reviewStatus: 'agreed',
	note: '-replaced in phase 2'
};
const detail: LinkedSystemDetail = {
	id: 7,
	externalRef: 'CFA-007',
	product: 'CareFlow 7',
	directorateName: 'Children, Families and Adults',
	serviceAreaName: 'Children and Families',
	criticality: 'critical',
	annualRunCostPence: 1250005,
	contractEnd: '2027-03-31',
	outcomes: ['develop', 'replace']
};

describe('workstreamSystemsCsv', () => {
	it.each([
		[
			'a linked system with its details, pounds with pence and a neutralised note',
			[linked],
			[detail],
			[
				[
					'CareFlow',
					'CFA-007',
					'Caseworks Ltd',
					'CareFlow 7',
					'Children, Families and Adults',
					'Children and Families',
					'Critical',
					'12500.05',
					'2027-03-31',
					'Reviewed: agreed',
					'Development required; Replace with the new main system',
					"'-replaced in phase 2"
				]
			]
		],
		[
			'no cost and no outcomes as blanks',
			[{ ...linked, reviewStatus: 'not_reviewed', note: '' }],
			[{ ...detail, annualRunCostPence: null, outcomes: [], serviceAreaName: null }],
			[
				[
					'CareFlow',
					'CFA-007',
					'Caseworks Ltd',
					'CareFlow 7',
					'Children, Families and Adults',
					'',
					'Critical',
					'',
					'2027-03-31',
					'Not yet reviewed',
					'',
					''
				]
			]
		],
		[
			'a listed system whose details went missing in between: still one row, so the count matches the page',
			[linked],
			[],
			[
				[
					'CareFlow',
					'',
					'Caseworks Ltd',
					'',
					'',
					'',
					'',
					'',
					'',
					'Reviewed: agreed',
					'',
					"'-replaced in phase 2"
				]
			]
		],
		['details of a system not on the list: left out', [], [detail], []]
	])('writes %s', (_what, rows, details, expected) => {
		const [header, ...body] = parseBack(workstreamSystemsCsv(rows, details));
		expect(header).toEqual([...LINKED_SYSTEM_CSV_HEADER]);
		expect(body).toEqual(expected);
	});

	it('keeps the order of the page list', () => {
		const rows = [
			{ ...linked, id: 2, name: 'Alpha' },
			{ ...linked, id: 1, name: 'Beta' }
		];
		const body = parseBack(
			workstreamSystemsCsv(rows, [
				{ ...detail, id: 1 },
				{ ...detail, id: 2 }
			])
		).slice(1);
		expect(body.map((r) => r[0])).toEqual(['Alpha', 'Beta']);
	});
});
