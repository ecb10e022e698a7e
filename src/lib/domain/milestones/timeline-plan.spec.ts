import { describe, expect, it } from 'vitest';
import {
	DECOMMISSION_GROUP,
	MAX_SWITCH_OFFS_SHOWN,
	planTimeline,
	type PlanMilestone
} from './timeline-plan';
import type { MilestoneKind } from './milestone';

const today = '2026-10-01';
const ws = (
	workstreamId: number,
	kind: MilestoneKind,
	plannedDate: string,
	forecastDate: string | null = null,
	actualDate: string | null = null
): PlanMilestone => ({
	kind,
	workstreamId,
	systemId: null,
	systemName: null,
	outcome: null,
	plannedDate,
	forecastDate,
	actualDate
});
const off = (
	systemId: number,
	systemName: string,
	plannedDate: string,
	forecastDate: string | null = null
): PlanMilestone => ({
	kind: 'decommission',
	workstreamId: null,
	systemId,
	systemName,
	outcome: 'decommission',
	plannedDate,
	forecastDate,
	actualDate: null
});
const caseManagement = [
	ws(1, 'procurement_start', '2026-04-06', null, '2026-04-06'),
	ws(1, 'contract_award', '2026-10-30'),
	ws(1, 'implementation_start', '2026-12-01'),
	ws(1, 'go_live', '2027-07-30', '2027-08-31'),
	ws(1, 'parallel_running_end', '2027-11-30')
];

describe('planTimeline', () => {
	const plan = planTimeline({
		workstreams: [
			{ id: 1, name: 'Case Management' },
			{ id: 2, name: 'Directories' },
			{ id: 3, name: 'Integration' }
		],
		milestones: [
			...caseManagement,
			ws(3, 'go_live', '2027-06-30'),
			off(9, 'Old ledger', '2027-03-31', '2027-05-31'),
			off(8, 'Care workbook', '2027-01-31')
		],
		today
	});

	it('draws each phase between its milestones at their expected dates, with the planned position where it moved', () => {
		expect(plan.bars).toEqual([
			{
				group: 'Case Management',
				label: 'Procurement',
				kind: 'procurement',
				start: '2026-04-06',
				end: '2026-10-30'
			},
			{
				group: 'Case Management',
				label: 'Implementation',
				kind: 'implementation',
				start: '2026-12-01',
				end: '2027-08-31'
			},
			{
				group: 'Case Management',
				label: 'Parallel running',
				kind: 'parallel_running',
				start: '2027-08-31',
				end: '2027-11-30'
			}
		]);
		expect(plan.plannedBars.map((b) => [b.label, b.start, b.end])).toEqual([
			['Implementation', '2026-12-01', '2027-07-30'],
			['Parallel running', '2027-07-30', '2027-11-30']
		]);
	});

	it('lists a phase missing a milestone in the table without drawing it, and a workstream with none as unplanned', () => {
		const integration = plan.phases.filter((p) => p.workstreamName === 'Integration');
		expect(integration.map((p) => [p.label, p.start?.label ?? null, p.end?.label ?? null])).toEqual(
			[
				['Procurement', null, null],
				['Implementation', null, 'Go-live'],
				['Parallel running', 'Go-live', null]
			]
		);
		expect(plan.bars.some((b) => b.group === 'Integration')).toBe(false);
		expect(plan.unplanned).toEqual([{ workstreamId: 2, workstreamName: 'Directories' }]);
	});

	it('gives each milestone its status in words', () => {
		const implementation = plan.phases.find(
			(p) => p.workstreamName === 'Case Management' && p.phase === 'implementation'
		)!;
		expect(implementation.end).toMatchObject({
			label: 'Go-live',
			effective: '2027-08-31',
			status: 'slipped',
			words: 'Slipped 32 days: forecast 31 August 2027 against a plan of 30 July 2027'
		});
		expect(plan.phases[0]!.start).toMatchObject({
			status: 'achieved',
			words: 'Achieved on 6 April 2026, on time'
		});
	});

	it('marks decommissions in date order, with the planned date where it moved', () => {
		expect(plan.decommissions.map((d) => [d.systemName, d.milestone.effective])).toEqual([
			['Care workbook', '2027-01-31'],
			['Old ledger', '2027-05-31']
		]);
		expect(plan.markers.map((m) => [m.group, m.label, m.date])).toEqual([
			[DECOMMISSION_GROUP, 'Care workbook', '2027-01-31'],
			[DECOMMISSION_GROUP, 'Old ledger', '2027-05-31']
		]);
		expect(plan.plannedMarkers.map((m) => [m.label, m.date])).toEqual([
			['Old ledger', '2027-03-31']
		]);
	});

	it('runs from the quarter of the earliest date to that of the latest', () => {
		expect(plan.range).toEqual({
			from: { year: '2026/27', quarter: 1 },
			to: { year: '2027/28', quarter: 3 },
			cut: false
		});
	});

	it('takes the latest of two milestones of one kind, as fully operational does', () => {
		const twice = planTimeline({
			workstreams: [{ id: 1, name: 'A' }],
			milestones: [
				ws(1, 'go_live', '2027-09-30'),
				ws(1, 'go_live', '2027-06-30'),
				ws(1, 'implementation_start', '2027-01-04')
			],
			today
		});
		expect(twice.bars.map((b) => b.end)).toEqual(['2027-09-30']);
	});

	it('has no range when there is nothing to draw', () => {
		expect(
			planTimeline({ workstreams: [{ id: 1, name: 'A' }], milestones: [], today }).range
		).toBeNull();
	});
});

describe('planTimeline with more switch-offs than a page can show', () => {
	// 60 switch-offs: 40 in Q4 2026/27 (January to March 2027), 20 in Q1 2027/28, a few of them forecast later than planned.
	const many = Array.from({ length: MAX_SWITCH_OFFS_SHOWN + 10 }, (_, i) =>
		off(
			100 + i,
			`System ${String(i).padStart(2, '0')}`,
			i < 40 ? `2027-0${1 + (i % 3)}-15` : '2027-05-15',
			i % 7 === 0 && i < 40 ? '2027-03-20' : null
		)
	);
	const plan = planTimeline({
		workstreams: [{ id: 1, name: 'Case Management' }],
		milestones: [...caseManagement, ...many],
		today
	});

	it('draws one marker per quarter saying how many, and no planned switch-off markers', () => {
		expect(plan.switchOffsByQuarter).toBe(true);
		expect(plan.markers.filter((m) => m.group === DECOMMISSION_GROUP)).toEqual([
			{
				group: DECOMMISSION_GROUP,
				label: 'Q4 2026/27: 40 systems',
				date: '2027-01-01',
				kind: 'decommission'
			},
			{
				group: DECOMMISSION_GROUP,
				label: 'Q1 2027/28: 20 systems',
				date: '2027-04-01',
				kind: 'decommission'
			}
		]);
		expect(plan.plannedMarkers.filter((m) => m.group === DECOMMISSION_GROUP)).toEqual([]);
	});

	it('lists the soonest switch-offs and counts them all', () => {
		expect(plan.decommissionCount).toBe(MAX_SWITCH_OFFS_SHOWN + 10);
		expect(plan.decommissions).toHaveLength(MAX_SWITCH_OFFS_SHOWN);
		expect(plan.decommissions[0]!.milestone.effective).toBe('2027-01-15');
		const effective = plan.decommissions.map((d) => d.milestone.effective);
		expect(effective).toEqual([...effective].sort());
	});

	it('leaves a council-sized plan drawn system by system', () => {
		const small = planTimeline({
			workstreams: [{ id: 1, name: 'Case Management' }],
			milestones: [...caseManagement, ...many.slice(0, MAX_SWITCH_OFFS_SHOWN)],
			today
		});
		expect(small.switchOffsByQuarter).toBe(false);
		expect(small.decommissionCount).toBe(MAX_SWITCH_OFFS_SHOWN);
		expect(small.markers.filter((m) => m.group === DECOMMISSION_GROUP)).toHaveLength(
			MAX_SWITCH_OFFS_SHOWN
		);
	});
});
