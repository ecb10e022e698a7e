import { describe, expect, it } from 'vitest';
import {
	assembleReport,
	reportHash,
	serialiseReport,
	type ReportContent,
	type ReportInputs
} from '.';
import {
	EMPTY_DRAFT,
	RED_SLIP_DAYS,
	draftErrors,
	suggestRag,
	type ReportDraft
} from './report-draft';
import { WITHHELD, publicVersion } from './report-public';
import {
	classifyMilestone,
	milestonesDue,
	type BaselineFact,
	type MilestoneFact,
	type ReportMilestone
} from './report-milestones';
import { diffReports } from './report-diff';
import type { Quarter } from '../fiscal';

const Q2: Quarter = { year: '2025/26', quarter: 2 }; // 1 July - 30 September 2025
const Q3: Quarter = { year: '2025/26', quarter: 3 };

describe('classifyMilestone against a baseline', () => {
	it.each<
		[
			string,
			{ plannedDate?: string; forecastDate: string | null; actualDate: string | null },
			string,
			string,
			string,
			number
		]
	>([
		[
			'achieved on the day',
			{ forecastDate: null, actualDate: '2025-08-01' },
			'2025-08-01',
			'2025-09-30',
			'achieved',
			0
		],
		[
			'achieved late',
			{ forecastDate: null, actualDate: '2025-08-11' },
			'2025-08-01',
			'2025-09-30',
			'achieved',
			10
		],
		[
			'achieved after the as-at date counts as not yet achieved then',
			{ forecastDate: null, actualDate: '2025-10-05' },
			'2025-09-01',
			'2025-09-30',
			'slipped',
			34
		],
		[
			'forecast after the baseline',
			{ forecastDate: '2025-12-01', actualDate: null },
			'2025-09-01',
			'2025-08-15',
			'slipped',
			91
		],
		[
			'past due, no forecast: slipped by the days overdue',
			{ forecastDate: null, actualDate: null },
			'2025-09-01',
			'2025-09-30',
			'slipped',
			29
		],
		[
			'forecast passed too: the larger of the two',
			{ forecastDate: '2025-09-10', actualDate: null },
			'2025-09-01',
			'2025-09-30',
			'slipped',
			29
		],
		[
			'due within 30 days, no forecast',
			{ forecastDate: null, actualDate: null },
			'2025-09-20',
			'2025-09-01',
			'at risk',
			0
		],
		[
			'due within 30 days, forecast confirmed',
			{ forecastDate: '2025-09-20', actualDate: null },
			'2025-09-20',
			'2025-09-01',
			'on track',
			0
		],
		[
			'due later, no forecast',
			{ forecastDate: null, actualDate: null },
			'2025-12-20',
			'2025-09-01',
			'on track',
			0
		],
		[
			're-planned later without approval, no forecast',
			{ plannedDate: '2025-11-30', forecastDate: null, actualDate: null },
			'2025-08-01',
			'2025-09-30',
			'slipped',
			121
		],
		[
			'forecast early',
			{ forecastDate: '2025-12-10', actualDate: null },
			'2025-12-20',
			'2025-09-01',
			'on track',
			-10
		]
	])('%s', (_n, m, baseline, asAt, status, slip) => {
		const r = classifyMilestone(m, baseline, asAt);
		expect(r).toMatchObject({ status, slipDays: slip });
		expect(r.words).not.toBe('');
	});
});

const fact = (
	of: string,
	plannedDate: string,
	rest: Partial<MilestoneFact> = {}
): MilestoneFact => ({
	workstreamId: 1,
	of,
	kind: 'go_live',
	plannedDate,
	forecastDate: null,
	actualDate: null,
	...rest
});
const baseline = (of: string, plannedDate: string): BaselineFact => ({
	of,
	kind: 'go_live',
	plannedDate,
	caseTitle: 'Case management OBC',
	versionNumber: 2
});

describe('milestonesDue', () => {
	it('measures against the approved snapshot’s date when there is one, and says so', () => {
		// The plan was moved from 1 August to 30 November without a new approval: the report still measures from 1 August.
		const [m] = milestonesDue(
			[fact('Case Management', '2025-11-30')],
			[baseline('Case Management', '2025-08-01')],
			Q2,
			'2025-09-30'
		);
		expect(m).toMatchObject({
			baselineDate: '2025-08-01',
			baselineSource: 'approved business case',
			status: 'slipped',
			slipDays: 121
		});
		expect(m!.baselineWords).toMatch(/Case management OBC, version 2 as approved/);
	});

	it('uses the milestone’s planned date without an approved case, and the first (latest) approval when several hold it', () => {
		const [own] = milestonesDue(
			[fact('Integration', '2025-09-01', { actualDate: '2025-09-01' })],
			[],
			Q2,
			'2025-09-30'
		);
		expect(own).toMatchObject({
			baselineSource: 'milestone plan',
			status: 'achieved',
			slipDays: 0
		});
		expect(own!.baselineWords).toMatch(/planned date/);
		const [latest] = milestonesDue(
			[fact('X', '2025-09-01', { actualDate: '2025-09-05' })],
			[baseline('X', '2025-09-03'), baseline('X', '2025-07-01')],
			Q2,
			'2025-09-30'
		);
		expect(latest).toMatchObject({ baselineDate: '2025-09-03', slipDays: 2 });
	});

	it.each<[string, MilestoneFact, boolean]>([
		['baseline in the quarter', fact('A', '2025-07-01'), true],
		[
			'baseline before, achieved in it',
			fact('A', '2025-06-01', { actualDate: '2025-07-10' }),
			true
		],
		[
			'baseline before, now forecast in it',
			fact('A', '2025-06-01', { forecastDate: '2025-08-10' }),
			true
		],
		[
			'baseline before, achieved before',
			fact('A', '2025-06-01', { actualDate: '2025-06-01' }),
			false
		],
		[
			'baseline after, forecast after',
			fact('A', '2025-10-01', { forecastDate: '2025-10-02' }),
			false
		],
		[
			'baseline after, achieved early in the quarter',
			fact('A', '2025-10-10', { actualDate: '2025-09-10' }),
			true
		]
	])('%s: due in the quarter = %s', (_n, m, due) => {
		expect(milestonesDue([m], [], Q2, '2025-09-30')).toHaveLength(due ? 1 : 0);
	});
});

const rm = (status: ReportMilestone['status'], slipDays: number): ReportMilestone => ({
	workstreamId: 1,
	of: 'W',
	kind: 'go_live',
	kindLabel: 'Go-live',
	baselineDate: '2025-08-01',
	baselineSource: 'milestone plan',
	baselineWords: '',
	forecastDate: null,
	actualDate: null,
	status,
	slipDays,
	words: `${status} ${slipDays}`
});

describe('suggestRag', () => {
	it.each<[string, ReportMilestone[], { explanation: string }[], string]>([
		['nothing due', [], [], 'Green'],
		['all achieved, even late', [rm('achieved', 200)], [], 'Green'],
		['on track', [rm('on track', 0)], [], 'Green'],
		['slipped a little', [rm('slipped', 5)], [], 'Amber'],
		['at risk', [rm('at risk', 0)], [], 'Amber'],
		[`slipped exactly ${RED_SLIP_DAYS} days`, [rm('slipped', RED_SLIP_DAYS)], [], 'Amber'],
		[`slipped ${RED_SLIP_DAYS + 1} days`, [rm('slipped', RED_SLIP_DAYS + 1)], [], 'Red'],
		[
			'a continuity breach',
			[rm('on track', 0)],
			[{ explanation: 'Care Records switched off before go-live' }],
			'Red'
		]
	])('%s: %s', (_n, milestones, breaches, rag) => {
		const r = suggestRag(milestones, breaches);
		expect(r.rag).toBe(rag);
		expect(r.reasons.length).toBeGreaterThan(0);
	});
});

function inputs(overrides: Partial<ReportInputs> = {}): ReportInputs {
	return {
		organisationName: 'Northshire',
		quarter: Q2,
		asAt: '2025-09-30',
		workstreams: [
			{ id: 1, name: 'Case Management' },
			{ id: 2, name: 'Integration' }
		],
		milestones: [
			fact('Case Management', '2025-08-01', { forecastDate: '2025-12-15' }),
			fact('Integration', '2025-09-01', { workstreamId: 2, actualDate: '2025-09-01' })
		],
		baselines: [],
		breaches: [],
		spend: [
			{
				financialYear: '2024/25',
				spendType: 'capital',
				budgetPence: 10_000_00,
				actualPence: 9_000_00
			},
			{
				financialYear: '2025/26',
				spendType: 'capital',
				budgetPence: 50_000_00,
				actualPence: 12_000_00
			},
			{
				financialYear: '2025/26',
				spendType: 'revenue',
				budgetPence: 20_000_00,
				actualPence: 5_000_00
			}
		],
		spendBySystem: [
			{
				label: 'CareFirst',
				supplier: 'Acme Care Ltd',
				financialYear: '2025/26',
				spendType: 'capital',
				budgetPence: 12_345_67,
				actualPence: 12_345_67
			}
		],
		approvedCostTables: [],
		reviews: {
			systems: 10,
			reviewed: 8,
			notReviewed: 2,
			outcomes: { maintain: 3, develop: 2, decommission: 2, replace: 3 }
		},
		switchedOff: [
			{ systemName: 'Old Finance', outcomes: ['replace'], how: 'lifecycle' },
			{ systemName: 'Fax Gateway', outcomes: ['decommission'], how: 'milestone' }
		],
		decisions: [],
		risks: [
			{
				caseTitle: 'OBC',
				title: 'Low risk',
				owner: 'A',
				mitigation: '',
				inherent: { likelihood: 2, impact: 2 },
				residual: { likelihood: 1, impact: 2 }
			},
			{
				caseTitle: 'OBC',
				title: 'Acme Care Ltd fails',
				owner: 'B',
				mitigation: 'Escrow',
				inherent: { likelihood: 4, impact: 5 },
				residual: { likelihood: 3, impact: 5 }
			}
		],
		partnerShares: null,
		governance: {
			rows: [],
			figures: {
				systems: 0,
				meetingAllFour: 0,
				sharePercent: null,
				overdueReviews: 0,
				overdueActions: 0,
				inquorateMeetings: 0
			},
			overdueActions: [],
			overdueReviews: []
		},
		previous: null,
		...overrides
	};
}
const draft: ReportDraft = {
	summary: 'Go-live moved; Acme Care Ltd has a recovery plan.',
	workstreams: [
		{ workstreamId: 1, narrative: 'Supplier late', override: null },
		{ workstreamId: 2, narrative: 'Live', override: { rag: 'Amber', reason: 'Training backlog' } }
	],
	recommendations: [
		{ text: 'Note the report', reason: 'For information' },
		{ text: 'Approve £50,000 contingency', reason: 'Cover the slip' }
	]
};

describe('assembleReport', () => {
	const report = assembleReport('Q2 report', inputs(), draft);

	it('gives RAG in words, suggested and overridden with the reason', () => {
		expect(
			report.workstreams.map((w) => [w.name, w.suggested.rag, w.rag, w.override?.reason ?? null])
		).toEqual([
			['Case Management', 'Red', 'Red', null],
			['Integration', 'Green', 'Amber', 'Training backlog']
		]);
	});

	it('adds spend to date, capital and revenue apart, with the report’s year alone', () => {
		expect(report.spend.rows).toEqual([
			{
				spendType: 'capital',
				budgetPence: 60_000_00,
				actualPence: 21_000_00,
				remainingPence: 39_000_00
			},
			{
				spendType: 'revenue',
				budgetPence: 20_000_00,
				actualPence: 5_000_00,
				remainingPence: 15_000_00
			}
		]);
		expect(report.spend.reportYear[0]).toMatchObject({
			budgetPence: 50_000_00,
			actualPence: 12_000_00
		});
		expect(report.spend.total).toEqual({
			budgetPence: 80_000_00,
			actualPence: 26_000_00,
			remainingPence: 54_000_00
		});
	});

	it('counts switched-off systems, replaced among them; numbers recommendations; ranks risks by residual score', () => {
		expect(report.reviews.now).toMatchObject({ decommissioned: 2, replaced: 1, notReviewed: 2 });
		expect(report.reviews.lastQuarter).toBeNull();
		expect(report.recommendations.map((r) => r.number)).toEqual([1, 2]);
		expect(report.topRisks.map((r) => [r.title, r.residualScore, r.residualRating])).toEqual([
			['Acme Care Ltd fails', 15, 'High'],
			['Low risk', 2, 'Low']
		]);
	});

	it('drops an "override" that agrees with the suggestion', () => {
		const same = assembleReport('t', inputs(), {
			...draft,
			workstreams: [{ workstreamId: 1, narrative: '', override: { rag: 'Red', reason: 'x' } }]
		});
		expect(same.workstreams[0]!.override).toBeNull();
	});
});

describe('publicVersion', () => {
	const full = assembleReport('Q2 report', inputs(), draft);
	const pub = publicVersion(full, ['Acme Care Ltd', 'BT']);
	const bytes = serialiseReport(pub);

	it('leaves the annex and every supplier name out of the bytes, wherever they were typed', () => {
		expect(serialiseReport(full)).toContain('Acme Care Ltd');
		expect(serialiseReport(full)).toContain('1234567');
		expect(bytes).not.toContain('Acme Care Ltd');
		expect(bytes).not.toContain('1234567');
		expect(bytes).not.toContain('CareFirst');
		expect(pub.annex).toBeNull();
		expect(pub.exemptAnnexWithheld).toBe(true);
		expect(pub.summary).toBe(`Go-live moved; ${WITHHELD} has a recovery plan.`);
		expect(pub.topRisks[0]!.title).toBe(`${WITHHELD} fails`);
	});

	it('matches whole words only and leaves the full version untouched', () => {
		const r = publicVersion({ ...full, summary: 'BTEC training; bt outage; SUBTLE' }, ['BT']);
		expect(r.summary).toBe(`BTEC training; ${WITHHELD} outage; SUBTLE`);
		expect(full.annex).not.toBeNull();
	});
});

describe('serialiseReport and reportHash', () => {
	it('gives the same bytes and hash whatever the key order', async () => {
		const a = assembleReport('t', inputs(), draft);
		const b = JSON.parse(JSON.stringify(a, Object.keys(a).reverse())) as ReportContent;
		const reordered = Object.fromEntries(Object.entries(a).reverse()) as unknown as ReportContent;
		expect(serialiseReport(reordered)).toBe(serialiseReport(a));
		expect(await reportHash(reordered)).toBe(await reportHash(a));
		expect(await reportHash(a)).toMatch(/^[0-9a-f]{64}$/);
		expect(await reportHash({ ...a, summary: 'changed' })).not.toBe(await reportHash(a));
		expect(b.title).toBe('t');
	});
});

describe('diffReports', () => {
	const q2 = assembleReport('Q2', inputs(), {
		...draft,
		recommendations: [{ text: 'Note the report', reason: 'x' }]
	});
	const q3 = assembleReport(
		'Q3',
		inputs({
			quarter: Q3,
			asAt: '2025-12-31',
			milestones: [
				fact('Case Management', '2025-08-01', {
					forecastDate: '2025-12-15',
					actualDate: '2025-12-15'
				}),
				fact('Integration', '2025-11-01', {
					workstreamId: 2,
					kind: 'decommission',
					forecastDate: '2025-12-20'
				})
			],
			spend: [
				...inputs().spend,
				{ financialYear: '2025/26', spendType: 'capital', budgetPence: 0, actualPence: 8_000_00 }
			],
			reviews: {
				systems: 10,
				reviewed: 9,
				notReviewed: 1,
				outcomes: { maintain: 3, develop: 2, decommission: 2, replace: 4 }
			},
			decisions: [
				{
					businessCaseId: 7,
					title: 'Finance FBC',
					versionNumber: 1,
					outcome: 'approved',
					outcomeLabel: 'Approved',
					decisionMaker: 'cabinet',
					meetingDate: '2025-11-12',
					minuteRef: 'CAB/25/88',
					conditions: ''
				}
			],
			previous: { quarterLabel: 'Q2 2025/26', reviews: q2Reviews() }
		}),
		{
			...draft,
			workstreams: [],
			recommendations: [
				{ text: 'note the report', reason: 'x' },
				{ text: 'Agree the revised go-live', reason: 'Slip' }
			]
		}
	);

	function q2Reviews() {
		return assembleReport('Q2', inputs(), EMPTY_DRAFT).reviews.now;
	}

	it.each<[string, (d: ReturnType<typeof diffReports>) => unknown, unknown]>([
		['labels', (d) => [d.from, d.to], ['Q2 2025/26', 'Q3 2025/26']],
		[
			'RAG changes',
			(d) => d.ragChanges.map((r) => [r.name, r.from, r.to]),
			[['Case Management', 'Red', 'Green']]
		],
		[
			'newly achieved',
			(d) => d.newlyAchieved.map((m) => `${m.of} ${m.kind}`),
			['Case Management go_live']
		],
		[
			'newly slipped',
			(d) => d.newlySlipped.map((m) => `${m.of} ${m.kind} ${m.slipDays}`),
			['Integration decommission 60']
		],
		[
			'spend movement',
			(d) => d.spend,
			[
				{ spendType: 'capital', budgetPence: 0, actualPence: 8_000_00 },
				{ spendType: 'revenue', budgetPence: 0, actualPence: 0 }
			]
		],
		[
			'outcome changes',
			(d) => d.reviews,
			{
				outcomes: { maintain: 0, develop: 0, decommission: 0, replace: 1 },
				notReviewed: -1,
				decommissioned: 0,
				replaced: 0
			}
		],
		['new decisions', (d) => d.newDecisions.map((x) => x.minuteRef), ['CAB/25/88']],
		[
			'new recommendations (case and spacing ignored)',
			(d) => d.newRecommendations.map((r) => r.text),
			['Agree the revised go-live']
		]
	])('%s', (_n, pick, expected) => {
		expect(pick(diffReports(q2, q3))).toEqual(expected);
	});

	it('carries last quarter’s review figures into the report, and a report against itself changes nothing', () => {
		expect(q3.reviews.lastQuarterLabel).toBe('Q2 2025/26');
		expect(q3.reviews.lastQuarter).toEqual(q2.reviews.now);
		const same = diffReports(q3, q3);
		expect(
			[
				same.ragChanges,
				same.newlyAchieved,
				same.newlySlipped,
				same.slippedFurther,
				same.newDecisions,
				same.newRecommendations
			].every((x) => x.length === 0)
		).toBe(true);
	});

	it('reports a further slip of a milestone slipped in both', () => {
		const later = assembleReport(
			'Q2b',
			inputs({
				asAt: '2025-09-30',
				milestones: [fact('Case Management', '2025-08-01', { forecastDate: '2026-01-15' })]
			}),
			EMPTY_DRAFT
		);
		expect(
			diffReports(q2, later).slippedFurther.map((m) => [m.previousSlipDays, m.slipDays])
		).toEqual([[136, 167]]);
	});
});

describe('draftErrors', () => {
	it.each<[string, ReportDraft, string[]]>([
		['a complete draft', draft, []],
		[
			'an override with no reason',
			{
				...draft,
				workstreams: [{ workstreamId: 1, narrative: '', override: { rag: 'Red', reason: ' ' } }]
			},
			['workstream-1-reason']
		],
		[
			'an unknown RAG',
			{
				...draft,
				workstreams: [
					{ workstreamId: 1, narrative: '', override: { rag: 'Blue' as 'Red', reason: 'x' } }
				]
			},
			['workstream-1-rag']
		],
		[
			'another organisation’s workstream',
			{ ...draft, workstreams: [{ workstreamId: 99, narrative: '', override: null }] },
			['workstream-99']
		],
		[
			'a recommendation without its reason',
			{ ...draft, recommendations: [{ text: 'Approve', reason: '' }] },
			['recommendation-1-reason']
		]
	])('%s', (_n, d, keys) => {
		expect(Object.keys(draftErrors(d, new Set([1, 2])))).toEqual(keys);
	});
});
