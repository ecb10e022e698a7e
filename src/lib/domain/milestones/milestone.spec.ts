import { describe, expect, it } from 'vitest';
import {
	MILESTONE_KINDS,
	effectiveDate,
	fullyOperational,
	milestoneStatus,
	outOfOrder,
	slippageDays,
	type MilestoneDates,
	type MilestoneInput,
	switchOffDates
} from './milestone';
import {
	milestoneToFormValues,
	parseMilestoneForm,
	type MilestoneFormValues
} from './milestone-form';

const dates = (
	plannedDate: string,
	forecastDate: string | null = null,
	actualDate: string | null = null
): MilestoneDates => ({ plannedDate, forecastDate, actualDate });
const today = { today: '2027-05-10' };
const valid: MilestoneFormValues = {
	kind: 'go_live',
	plannedDate: '31/05/2027',
	forecastDate: '2027-07-15',
	actualDate: '',
	note: 'Waiting on the supplier'
};

describe('parseMilestoneForm', () => {
	it('reads UK and ISO dates; blanks are null', () => {
		expect(parseMilestoneForm(valid, today)).toEqual({
			ok: true,
			value: {
				kind: 'go_live',
				plannedDate: '2027-05-31',
				forecastDate: '2027-07-15',
				actualDate: null,
				note: 'Waiting on the supplier'
			}
		});
	});

	it.each<[string, Partial<MilestoneFormValues>, string, RegExp]>([
		['no planned date', { plannedDate: '' }, 'plannedDate', /^Enter the planned date$/],
		[
			'an impossible planned date',
			{ plannedDate: '30/02/2027' },
			'plannedDate',
			/Planned date: '30\/02\/2027' is not a real date/
		],
		['a two-digit year', { forecastDate: '15/07/27' }, 'forecastDate', /four-digit year/],
		['an actual date tomorrow', { actualDate: '11/05/2027' }, 'actualDate', /today or in the past/],
		['an unknown kind', { kind: 'party' }, 'kind', /Select the milestone/],
		['an over-long note', { note: 'x'.repeat(1001) }, 'note', /1,000 characters/]
	])('refuses %s, keeping what was typed', (_n, change, field, message) => {
		const values = { ...valid, ...change };
		const result = parseMilestoneForm(values, today);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors[field]).toMatch(message);
		expect(result.values).toEqual(values);
	});

	it('accepts an actual date of today', () => {
		expect(parseMilestoneForm({ ...valid, actualDate: '10/05/2027' }, today).ok).toBe(true);
	});

	it('round-trips through the form text', () => {
		const m: MilestoneInput = {
			kind: 'decommission',
			plannedDate: '2028-03-31',
			forecastDate: null,
			actualDate: '2027-05-01',
			note: ''
		};
		const text = milestoneToFormValues(m);
		expect(text).toEqual({
			kind: 'decommission',
			plannedDate: '31/03/2028',
			forecastDate: '',
			actualDate: '01/05/2027',
			note: ''
		});
		expect(parseMilestoneForm(text, today)).toEqual({ ok: true, value: m });
	});
});

describe('effective date and slippage', () => {
	it.each<[MilestoneDates, string, number]>([
		[dates('2027-05-31'), '2027-05-31', 0],
		[dates('2027-05-31', '2027-07-15'), '2027-07-15', 45],
		[dates('2027-05-31', '2027-07-15', '2027-06-03'), '2027-06-03', 3],
		[dates('2027-05-31', '2027-05-21'), '2027-05-21', -10],
		[dates('2028-02-28', '2028-03-01'), '2028-03-01', 2],
		[dates('2027-03-31', '2027-04-01'), '2027-04-01', 1]
	])('%o is effective %s, %i days late', (m, effective, slip) => {
		expect(effectiveDate(m)).toBe(effective);
		expect(slippageDays(m)).toBe(slip);
	});
});

describe('milestoneStatus on 10 May 2027', () => {
	it.each<[string, MilestoneDates, string, string]>([
		[
			'achieved late',
			dates('2027-05-01', null, '2027-05-04'),
			'achieved',
			'Achieved on 4 May 2027, 3 days late'
		],
		[
			'achieved on time',
			dates('2027-05-01', '2027-06-01', '2027-05-01'),
			'achieved',
			'Achieved on 1 May 2027, on time'
		],
		[
			'achieved a day early',
			dates('2027-05-02', null, '2027-05-01'),
			'achieved',
			'Achieved on 1 May 2027, 1 day early'
		],
		[
			'past its plan',
			dates('2027-05-01'),
			'overdue',
			'Overdue by 9 days: planned for 1 May 2027 and not yet achieved'
		],
		[
			'past its forecast',
			dates('2027-05-31', '2027-05-09'),
			'overdue',
			'Overdue by 1 day: forecast for 9 May 2027 and not yet achieved'
		],
		[
			'slipped',
			dates('2027-05-31', '2027-07-15'),
			'slipped',
			'Slipped 45 days: forecast 15 July 2027 against a plan of 31 May 2027'
		],
		[
			'due today with no forecast',
			dates('2027-05-10'),
			'at risk',
			'At risk: due on 10 May 2027 and no forecast has been confirmed'
		],
		[
			'due in 30 days with no forecast',
			dates('2027-06-09'),
			'at risk',
			'At risk: due on 9 June 2027 and no forecast has been confirmed'
		],
		[
			'due in 31 days with no forecast',
			dates('2027-06-10'),
			'on track',
			'On track for 10 June 2027'
		],
		[
			'soon, forecast on plan',
			dates('2027-05-20', '2027-05-20'),
			'on track',
			'On track for 20 May 2027'
		],
		[
			'forecast early',
			dates('2027-08-01', '2027-07-30'),
			'on track',
			'On track for 30 July 2027, 2 days early'
		]
	])('%s', (_n, m, status, words) => {
		expect(milestoneStatus(m, '2027-05-10')).toEqual({ status, words });
	});
});

describe('outOfOrder', () => {
	const m = (
		kind: MilestoneInput['kind'],
		plannedDate: string,
		forecastDate: string | null = null
	): MilestoneInput => ({ kind, plannedDate, forecastDate, actualDate: null, note: '' });

	it('accepts a plan in the natural order, given in any order', () => {
		expect(
			outOfOrder([
				m('go_live', '2027-09-01'),
				m('procurement_start', '2026-09-01'),
				m('decommission', '2027-12-01'),
				m('contract_award', '2027-01-15')
			])
		).toEqual([]);
	});

	it('flags a decommission forecast before go-live', () => {
		expect(
			outOfOrder([m('decommission', '2027-12-01', '2027-08-01'), m('go_live', '2027-09-01')])
		).toEqual([
			{
				earlier: 'go_live',
				later: 'decommission',
				explanation: 'Decommission (1 August 2027) is before go-live (1 September 2027)'
			}
		]);
	});

	it('keeps the kinds in their natural order', () => {
		expect(MILESTONE_KINDS.indexOf('contract_award')).toBeLessThan(
			MILESTONE_KINDS.indexOf('go_live')
		);
		expect(MILESTONE_KINDS.at(-1)).toBe('decommission');
	});
});

describe('fullyOperational', () => {
	const a = {
		workstreamId: 1,
		workstreamName: 'Social care case management',
		goLive: dates('2028-06-01', '2028-09-01')
	};
	const b = { workstreamId: 2, workstreamName: 'Finance and HR', goLive: dates('2028-12-01') };

	it('is the latest expected go-live, and which workstream it is', () => {
		expect(fullyOperational([a, b])).toMatchObject({
			date: '2028-12-01',
			plannedDate: '2028-12-01',
			slipDays: 0,
			workstreamId: 2,
			words: 'Fully operational on 1 December 2028, when Finance and HR goes live'
		});
	});

	it('moves when a forecast slips past the last planned go-live', () => {
		const slipped = { ...a, goLive: dates('2028-06-01', '2029-01-31') };
		expect(fullyOperational([slipped, b])).toMatchObject({
			date: '2029-01-31',
			plannedDate: '2028-12-01',
			slipDays: 61,
			workstreamId: 1,
			words:
				'Fully operational on 31 January 2029, when Social care case management goes live, 61 days later than planned'
		});
	});

	it('says when it happened once the last go-live is achieved', () => {
		const done = { ...b, goLive: dates('2028-12-01', null, '2028-11-30') };
		expect(fullyOperational([a, done]).words).toBe(
			'Fully operational since 30 November 2028, when Finance and HR went live, 1 day earlier than planned'
		);
	});

	it('has no date while a workstream has no go-live planned, and says which', () => {
		const c = { workstreamId: 3, workstreamName: 'Waste', goLive: null };
		expect(fullyOperational([a, c, b])).toEqual({
			date: null,
			missing: [{ workstreamId: 3, workstreamName: 'Waste' }],
			words: 'Not known until a go-live is planned for Waste'
		});
	});

	it('has no date with nothing in scope', () => {
		expect(fullyOperational([]).date).toBeNull();
	});

	it('breaks a tie by the first workstream given', () => {
		const same = { ...b, workstreamId: 9, workstreamName: 'Other' };
		expect(fullyOperational([b, same])).toMatchObject({ workstreamId: 2 });
	});
});

describe('switchOffDates', () => {
	const milestone = (
		systemId: number,
		plannedDate: string,
		forecastDate: string | null = null
	) => ({ systemId, plannedDate, forecastDate, actualDate: null });

	it('takes the decommission milestone over the outcome target date, with a slipped forecast', () => {
		const dates = switchOffDates(
			[{ systemId: 1, targetDate: '2027-03-31' }],
			[milestone(1, '2027-06-30', '2027-09-30')]
		);
		expect(dates).toEqual(new Map([[1, '2027-09-30']]));
	});

	it('takes the earliest target date of several outcomes without a milestone, and leaves out systems with neither', () => {
		const dates = switchOffDates(
			[
				{ systemId: 2, targetDate: '2028-03-31' },
				{ systemId: 2, targetDate: '2027-12-31' },
				{ systemId: 3, targetDate: null }
			],
			[milestone(4, '2027-01-01')]
		);
		expect(dates).toEqual(new Map([[2, '2027-12-31']]));
	});

	it('uses the latest of two decommission milestones', () => {
		expect(
			switchOffDates(
				[{ systemId: 5, targetDate: null }],
				[milestone(5, '2027-01-31'), milestone(5, '2027-05-31')]
			)
		).toEqual(new Map([[5, '2027-05-31']]));
	});
});
