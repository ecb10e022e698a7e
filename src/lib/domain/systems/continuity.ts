/**
 * The continuity guard: a system that supports a statutory duty must keep running until its
 * replacement is live. Breaches are listed for people to resolve; nothing is ever blocked by them.
 */
import { formatDate } from '../dates';
import type { Outcome } from './review';

/** One collator for every comparison: localeCompare with a locale builds one each time, slow over thousands of rows. */
const byName = new Intl.Collator('en-GB');

export interface ContinuitySystem {
	id: number;
	name: string;
	statutoryDuties: string;
	outcomes: readonly { outcome: Outcome; targetDate: string | null; workstreamId: number | null }[];
}

export type BreachReason =
	'switched off before go-live' | 'no go-live planned' | 'no replacing workstream';

/** Each reason in the words the dashboard and the CSV use. */
export const BREACH_REASON_LABEL: Record<BreachReason, string> = {
	'switched off before go-live': 'Switched off before its replacement goes live',
	'no go-live planned': 'No go-live planned for its replacement',
	'no replacing workstream': 'Nothing is replacing it'
};

export interface ContinuityBreach {
	systemId: number;
	systemName: string;
	outcome: 'decommission' | 'replace';
	switchOff: string | null;
	workstreamId: number | null;
	goLive: string | null;
	reason: BreachReason;
	explanation: string;
}

const SWITCHING_OFF: readonly Outcome[] = ['decommission', 'replace'];

function switchOffWords(name: string, switchOff: string | null): string {
	return switchOff
		? `${name} supports statutory duties and is due to be switched off on ${formatDate(switchOff)}`
		: `${name} supports statutory duties and is due to be switched off (no date set yet)`;
}

/**
 * Every decommission or replace outcome of a statutory system that would leave its duties
 * unsupported. Rules, in order:
 *  - Only systems with statutory duties recorded are checked; any other system may be switched off.
 *  - The replacing workstream is the outcome's own; a decommission with none uses the workstream of
 *    the system's replace outcome, if it has one. With neither: 'no replacing workstream' (a statutory
 *    system switched off with nothing replacing it is exactly the breach).
 *  - A workstream with no go-live in `goLiveByWorkstream` (missing or null): 'no go-live planned'.
 *  - The switch-off must be strictly AFTER go-live: switching off on the go-live day leaves no
 *    parallel running to fall back on, so the same day is a breach.
 *  - An outcome with no switch-off date is only reported for the two reasons above; with no date
 *    there is nothing yet to compare (a proposed outcome may have no target date yet).
 * Pass each workstream's effective go-live (actual, else forecast, else planned) so a slipped
 * forecast raises a breach the day it is entered. One breach per outcome, in switch-off date order
 * (undated last), then by system name.
 */
export function continuityBreaches(
	systems: readonly ContinuitySystem[],
	goLiveByWorkstream: ReadonlyMap<number, string | null>,
	workstreamNames: ReadonlyMap<number, string> = new Map()
): ContinuityBreach[] {
	const breaches: ContinuityBreach[] = [];
	for (const system of systems) {
		if (system.statutoryDuties.trim() === '') continue;
		const replacing =
			system.outcomes.find((o) => o.outcome === 'replace' && o.workstreamId != null)
				?.workstreamId ?? null;
		for (const o of system.outcomes) {
			if (!SWITCHING_OFF.includes(o.outcome)) continue;
			const outcome = o.outcome as ContinuityBreach['outcome'];
			const switchOff = o.targetDate;
			const workstreamId = o.workstreamId ?? replacing;
			const base = {
				systemId: system.id,
				systemName: system.name,
				outcome,
				switchOff,
				workstreamId
			};
			const intro = switchOffWords(system.name, switchOff);
			if (workstreamId == null) {
				breaches.push({
					...base,
					goLive: null,
					reason: 'no replacing workstream',
					explanation: `${intro}, but no workstream is replacing it`
				});
				continue;
			}
			const workstream = workstreamNames.get(workstreamId) ?? 'the replacing workstream';
			const goLive = goLiveByWorkstream.get(workstreamId) ?? null;
			if (goLive == null) {
				breaches.push({
					...base,
					goLive,
					reason: 'no go-live planned',
					explanation: `${intro}, but ${workstream} has no go-live date planned`
				});
			} else if (switchOff != null && switchOff < goLive) {
				breaches.push({
					...base,
					goLive,
					reason: 'switched off before go-live',
					explanation: `${intro}, before ${workstream} goes live on ${formatDate(goLive)}`
				});
			} else if (switchOff != null && switchOff === goLive) {
				breaches.push({
					...base,
					goLive,
					reason: 'switched off before go-live',
					explanation: `${intro}, the same day ${workstream} goes live; it must run until after go-live so the two can run in parallel`
				});
			}
		}
	}
	return sortBreaches(breaches);
}

/** Switch-off date order (undated last), then system name, then outcome: the order breaches are listed in. */
export function sortBreaches(breaches: ContinuityBreach[]): ContinuityBreach[] {
	return breaches.sort(
		(a, b) =>
			compareDates(a.switchOff, b.switchOff) ||
			byName.compare(a.systemName, b.systemName) ||
			a.outcome.localeCompare(b.outcome)
	);
}

function compareDates(a: string | null, b: string | null): number {
	if (a === b) return 0;
	if (a === null) return 1;
	if (b === null) return -1;
	return a < b ? -1 : 1;
}
