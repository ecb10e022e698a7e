import { describe, expect, it } from 'vitest';
import { continuityBreaches, sortBreaches, type ContinuitySystem } from './continuity';

const goLives = new Map<number, string | null>([
	[7, '2027-06-01'],
	[8, null]
]);
const names = new Map([[7, 'Social care case management']]);

function system(
	outcomes: ContinuitySystem['outcomes'],
	statutoryDuties = 'Care Act 2014 assessments',
	name = 'CareFirst'
): ContinuitySystem {
	return { id: 1, name, statutoryDuties, outcomes };
}

describe('continuityBreaches', () => {
	it.each<[string, ContinuitySystem['outcomes'], string | null, string | null]>([
		[
			'switched off the day after go-live',
			[{ outcome: 'replace', targetDate: '2027-06-02', workstreamId: 7 }],
			null,
			null
		],
		[
			'switched off well after go-live',
			[{ outcome: 'decommission', targetDate: '2028-03-31', workstreamId: 7 }],
			null,
			null
		],
		[
			'a maintain or develop outcome',
			[{ outcome: 'develop', targetDate: '2027-01-01', workstreamId: null }],
			null,
			null
		],
		[
			'switched off the day before go-live',
			[{ outcome: 'replace', targetDate: '2027-05-31', workstreamId: 7 }],
			'switched off before go-live',
			'CareFirst supports statutory duties and is due to be switched off on 31 May 2027, before Social care case management goes live on 1 June 2027'
		],
		[
			'switched off on the go-live day',
			[{ outcome: 'replace', targetDate: '2027-06-01', workstreamId: 7 }],
			'switched off before go-live',
			'CareFirst supports statutory duties and is due to be switched off on 1 June 2027, the same day Social care case management goes live; it must run until after go-live so the two can run in parallel'
		],
		[
			'a workstream with no go-live',
			[{ outcome: 'replace', targetDate: '2028-03-31', workstreamId: 8 }],
			'no go-live planned',
			'CareFirst supports statutory duties and is due to be switched off on 31 March 2028, but the replacing workstream has no go-live date planned'
		],
		[
			'a workstream missing from the map',
			[{ outcome: 'replace', targetDate: '2028-03-31', workstreamId: 99 }],
			'no go-live planned',
			'CareFirst supports statutory duties and is due to be switched off on 31 March 2028, but the replacing workstream has no go-live date planned'
		],
		[
			'a decommission with nothing replacing it',
			[{ outcome: 'decommission', targetDate: '2027-03-31', workstreamId: null }],
			'no replacing workstream',
			'CareFirst supports statutory duties and is due to be switched off on 31 March 2027, but no workstream is replacing it'
		],
		[
			'an undated decommission with nothing replacing it',
			[{ outcome: 'decommission', targetDate: null, workstreamId: null }],
			'no replacing workstream',
			'CareFirst supports statutory duties and is due to be switched off (no date set yet), but no workstream is replacing it'
		],
		[
			'an undated replace whose workstream has a go-live',
			[{ outcome: 'replace', targetDate: null, workstreamId: 7 }],
			null,
			null
		]
	])('%s', (_n, outcomes, reason, explanation) => {
		const found = continuityBreaches([system(outcomes)], goLives, names);
		if (reason === null) expect(found).toEqual([]);
		else {
			expect(found).toHaveLength(1);
			expect(found[0]).toMatchObject({ systemId: 1, systemName: 'CareFirst', reason, explanation });
		}
	});

	it('ignores a system with no statutory duties, or only blank ones', () => {
		const outcomes = [
			{ outcome: 'decommission' as const, targetDate: '2027-01-01', workstreamId: null }
		];
		expect(continuityBreaches([system(outcomes, ''), system(outcomes, '  \n ')], goLives)).toEqual(
			[]
		);
	});

	it("judges a decommission with no workstream against the system's replace workstream", () => {
		const found = continuityBreaches(
			[
				system([
					{ outcome: 'replace', targetDate: '2027-09-30', workstreamId: 7 },
					{ outcome: 'decommission', targetDate: '2027-04-30', workstreamId: null }
				])
			],
			goLives
		);
		expect(found).toEqual([
			{
				systemId: 1,
				systemName: 'CareFirst',
				outcome: 'decommission',
				switchOff: '2027-04-30',
				workstreamId: 7,
				goLive: '2027-06-01',
				reason: 'switched off before go-live',
				explanation:
					'CareFirst supports statutory duties and is due to be switched off on 30 April 2027, before the replacing workstream goes live on 1 June 2027'
			}
		]);
	});

	it('lists breaches by switch-off date, undated last, then by name', () => {
		const off = (targetDate: string | null) => [
			{ outcome: 'decommission' as const, targetDate, workstreamId: null }
		];
		const found = continuityBreaches(
			[
				system(off(null), 'x', 'Aardvark'),
				system(off('2028-01-01'), 'x', 'Zebra'),
				system(off('2028-01-01'), 'x', 'Badger'),
				system(off('2027-01-01'), 'x', 'Yak')
			],
			goLives
		);
		expect(found.map((b) => b.systemName)).toEqual(['Yak', 'Badger', 'Zebra', 'Aardvark']);
	});
});

describe('continuityBreaches in parts', () => {
	it('gives the same breaches, in the same order, worked out a few systems at a time and then sorted', () => {
		const systems: ContinuitySystem[] = Array.from({ length: 9 }, (_, i) => ({
			id: i + 1,
			name: ['Zeta', 'Alpha', 'Mu'][i % 3]!,
			statutoryDuties: 'Children Act 1989',
			outcomes: [
				{
					outcome: i % 2 ? 'replace' : 'decommission',
					targetDate: i % 4 ? `2027-0${1 + (i % 5)}-15` : null,
					workstreamId: i % 3 ? 7 : 8
				}
			]
		}));
		const whole = continuityBreaches(systems, goLives, names);
		expect(whole.length).toBeGreaterThan(3);
		const parts = [systems.slice(0, 4), systems.slice(4, 7), systems.slice(7)].flatMap((part) =>
			continuityBreaches(part, goLives, names)
		);
		expect(sortBreaches(parts)).toEqual(whole);
	});
});
