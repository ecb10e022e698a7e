/**
 * The roll-up tables about risk to service: the cost of outage by system and by workstream, where
 * 'fully operational' stands against the plan, and the continuity risks.
 */
import { formatDate } from '../dates';
import { formatCount } from '../money';
import { formatOutageMinutes } from '../systems/outage';
import { BREACH_REASON_LABEL, type ContinuityBreach } from '../systems/continuity';
import type { RollupTableModel } from './rollup-tables';
import { heading, money, numeric, text } from './table-cells';

// ---- Cost of outage ------------------------------------------------------------------------------

export interface OutageInputRows {
	systems: readonly {
		id: number;
		name: string;
		concurrentUsers: number;
		outageMinutesPerYear: number;
		effectiveCostPerUserHourPence: number;
		usesDefault: boolean;
		riskPence: number;
	}[];
	/** How many systems have figures in all (`systems` may be the first of them). */
	systemCount: number;
	byWorkstream: readonly {
		workstreamId: number | null;
		name: string;
		systems: number;
		riskPence: number;
	}[];
	totalPence: number;
}

/** The systems' outage figures; when `systems` holds only the first of them, `more` says how many the CSV adds. */
export function outageSystemsTable(o: OutageInputRows): RollupTableModel {
	const table: RollupTableModel = {
		id: 'outage-systems',
		caption: 'Cost of outage by system',
		columns: [
			heading('System'),
			numeric('Concurrent users'),
			numeric('Outage a year'),
			numeric('Cost per user-hour'),
			heading('Rate from'),
			numeric('Annual risk')
		],
		rows: o.systems.map((s) => [
			text(s.name, `/systems/${s.id}`),
			{ count: s.concurrentUsers },
			text(formatOutageMinutes(s.outageMinutesPerYear)),
			money(s.effectiveCostPerUserHourPence),
			text(s.usesDefault ? 'Default' : "System's own figure"),
			money(s.riskPence)
		]),
		totals:
			o.systemCount === 0
				? null
				: [text('Total'), text(''), text(''), text(''), text(''), money(o.totalPence)],
		empty: 'No outage figures recorded yet.'
	};
	return o.systemCount > o.systems.length
		? { ...table, more: o.systemCount - o.systems.length }
		: table;
}

export function outageWorkstreamsTable(o: OutageInputRows): RollupTableModel {
	return {
		id: 'outage-workstreams',
		caption: 'Cost of outage by replacing workstream',
		columns: [heading('Workstream'), numeric('Systems'), numeric('Annual risk')],
		rows: o.byWorkstream.map((w) => [
			text(w.name, w.workstreamId == null ? undefined : `/workstreams/${w.workstreamId}`),
			{ count: w.systems },
			money(w.riskPence)
		]),
		totals:
			o.byWorkstream.length === 0
				? null
				: [
						text('Total'),
						{ count: o.byWorkstream.reduce((n, w) => n + w.systems, 0) },
						money(o.totalPence)
					],
		empty: 'No outage figures recorded yet.'
	};
}

/** 'Forecast 15 December 2028, 77 days later than planned': where 'fully operational' stands against the plan. */
export function fullyOperationalSummary(f: {
	date: string;
	plannedDate: string;
	slipDays: number;
	milestone: { actualDate: string | null; forecastDate: string | null };
}): string {
	const kind = f.milestone.actualDate
		? 'Achieved'
		: f.milestone.forecastDate
			? 'Forecast'
			: 'Planned';
	const days = (n: number) => `${formatCount(n)} ${n === 1 ? 'day' : 'days'}`;
	const movement =
		f.slipDays > 0
			? `${days(f.slipDays)} later than planned`
			: f.slipDays < 0
				? `${days(-f.slipDays)} earlier than planned`
				: 'as planned';
	return `${kind} ${formatDate(f.date)}, ${movement}`;
}

// ---- Continuity risks ----------------------------------------------------------------------------

/** Every continuity risk (the dashboard lists the first few; the CSV has them all). */
export function continuityTable(breaches: readonly ContinuityBreach[]): RollupTableModel {
	return {
		id: 'continuity',
		caption: 'Continuity risks',
		columns: [
			heading('System'),
			heading('Outcome'),
			heading('Risk'),
			heading('Why'),
			heading('Switch-off'),
			heading('Replacement goes live')
		],
		rows: breaches.map((b) => [
			text(b.systemName, `/systems/${b.systemId}`),
			text(b.outcome === 'decommission' ? 'Decommission' : 'Replace'),
			text(BREACH_REASON_LABEL[b.reason]),
			text(b.explanation),
			{ date: b.switchOff },
			{ date: b.goLive }
		]),
		totals: null,
		empty: 'No continuity risks.'
	};
}
