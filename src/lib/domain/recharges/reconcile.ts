/**
 * Reconciliation of a partner's ledger against what the shared service recharged it: per cost
 * centre, financial year and capital/revenue (what a statement holds), recharged against ledger and
 * the difference; a difference beyond the tolerance is listed line by line. Ledger lines posted to
 * a cost centre of another partner, to a code the service does not know, or in a year with no
 * recharges are flagged. Which partner another partner's cost centre belongs to is shown only to
 * the shared service's officers: a partner reads 'another partner's cost centre'.
 */
import { formatPence } from '../money';
import type { SpendType } from '../costs/cost';
import { codeKey } from './ledger-row';

export const DEFAULT_TOLERANCE_PENCE = 100;

/** What was recharged to one cost centre, year and capital/revenue (a line, or lines summed). */
export interface RechargedTotal {
	costCentreId: number | null;
	financialYear: string;
	spendType: SpendType;
	amountPence: number;
}

export interface RechargedLine extends RechargedTotal {
	costLineId: number;
	description: string;
}

export interface HeldLedgerLine {
	id: number;
	row: number;
	fileName: string;
	costCentreCode: string;
	financialYear: string;
	postingDate: string | null;
	spendType: SpendType;
	amountPence: number;
	description: string;
	reference: string;
	/** How many lines this one stands for (a ledger summed by code, year and capital/revenue); 1 when absent. */
	lineCount?: number;
}

export interface CentreOfService {
	id: number;
	code: string;
	name: string;
	partnerOrganisationId: number;
	partnerName: string;
}

export type Viewer = 'partner' | 'officer';

export interface ReconciliationRow<R extends RechargedTotal = RechargedLine> {
	/** The cost centre of the row (null: the key named none), for listing its lines. */
	costCentreId: number | null;
	costCentre: string;
	financialYear: string;
	spendType: SpendType;
	rechargedPence: number;
	ledgerPence: number;
	/** Ledger less recharged: above zero the partner booked more than it was recharged. */
	differencePence: number;
	withinTolerance: boolean;
	status: string;
	/** Only when beyond the tolerance: what was recharged (as given) and the ledger lines. */
	recharges: R[];
	/** How many recharged lines are behind the row beyond the tolerance (more than listed when long). */
	rechargeCount: number;
	ledger: HeldLedgerLine[];
}

export interface FlaggedLine extends HeldLedgerLine {
	/** Why it is flagged, in words (for officers, whose cost centre it is). */
	flag: string;
}

export interface Reconciliation<R extends RechargedTotal = RechargedLine> {
	tolerancePence: number;
	rows: ReconciliationRow<R>[];
	misposted: FlaggedLine[];
	unknownCodes: FlaggedLine[];
	unknownYears: FlaggedLine[];
	/** Years recharged to the partner that no ledger line covers yet. */
	yearsWithoutLedger: string[];
	/** The whole answer in one sentence. */
	status: string;
}

const NO_CENTRE = 'No cost centre named on the key';

function describeDifference(difference: number, ledger: number, within: boolean, tol: number) {
	if (difference === 0) return 'Agrees';
	if (within) return `Agrees within the ${formatPence(tol)} tolerance`;
	if (ledger === 0) return `Not in the ledger: ${formatPence(-difference)} recharged`;
	return difference > 0
		? `Ledger is ${formatPence(difference)} more than recharged`
		: `Ledger is ${formatPence(-difference)} less than recharged`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const linesIn = (lines: readonly HeldLedgerLine[]) =>
	lines.reduce((n, l) => n + (l.lineCount ?? 1), 0);

/**
 * Compares the partner's ledger lines with its recharges; `centres` are all the service's cost
 * centres. `recharged` may be lines or lines already summed by cost centre, year and capital/revenue
 * (the answer is the same: a row beyond the tolerance lists what it was given); the years it covers
 * are the years recharged, so a year with no ledger line may come as one total per capital/revenue.
 */
export function reconcile<R extends RechargedTotal>(input: {
	partnerOrganisationId: number;
	recharged: readonly R[];
	ledger: readonly HeldLedgerLine[];
	centres: readonly CentreOfService[];
	tolerancePence: number;
	viewer: Viewer;
}): Reconciliation<R> {
	const { partnerOrganisationId: partner, tolerancePence: tol, viewer } = input;
	const own = new Map<string, CentreOfService>();
	const others = new Map<string, CentreOfService>();
	for (const c of input.centres)
		(c.partnerOrganisationId === partner ? own : others).set(codeKey(c.code), c);
	const centreText = new Map(
		input.centres.map((c) => [c.id, `${c.code} ${c.name}`] as [number, string])
	);
	const rechargedYears = new Set(input.recharged.map((r) => r.financialYear));

	type Group = {
		key: string;
		centreId: number | null;
		centre: string;
		year: string;
		spendType: SpendType;
	};
	const groups = new Map<string, Group & { recharges: R[]; ledger: HeldLedgerLine[] }>();
	const groupOf = (g: Group) => {
		let found = groups.get(g.key);
		if (!found) groups.set(g.key, (found = { ...g, recharges: [], ledger: [] }));
		return found;
	};
	const misposted: FlaggedLine[] = [];
	const unknownCodes: FlaggedLine[] = [];
	const unknownYears: FlaggedLine[] = [];
	const ledgerYears = new Set<string>();
	for (const line of input.ledger) {
		const code = codeKey(line.costCentreCode);
		const mine = own.get(code);
		const theirs = others.get(code);
		if (!rechargedYears.has(line.financialYear)) {
			unknownYears.push({
				...line,
				flag: `The shared service recharged you nothing in ${line.financialYear}`
			});
			continue;
		}
		ledgerYears.add(line.financialYear);
		if (mine) {
			const centre = centreText.get(mine.id)!;
			groupOf({
				key: `${mine.id}|${line.financialYear}|${line.spendType}`,
				centreId: mine.id,
				centre,
				year: line.financialYear,
				spendType: line.spendType
			}).ledger.push(line);
		} else if (theirs) {
			misposted.push({
				...line,
				flag:
					viewer === 'officer'
						? `${theirs.code} ${theirs.name} belongs to ${theirs.partnerName}`
						: 'Another partner’s cost centre'
			});
		} else {
			unknownCodes.push({ ...line, flag: 'Not a cost centre of the shared service' });
		}
	}
	for (const r of input.recharged) {
		if (!ledgerYears.has(r.financialYear)) continue;
		groupOf({
			key: `${r.costCentreId ?? 'none'}|${r.financialYear}|${r.spendType}`,
			centreId: r.costCentreId,
			centre: r.costCentreId == null ? NO_CENTRE : (centreText.get(r.costCentreId) ?? NO_CENTRE),
			year: r.financialYear,
			spendType: r.spendType
		}).recharges.push(r);
	}
	const rows = [...groups.values()]
		.map((g): ReconciliationRow<R> => {
			const rechargedPence = g.recharges.reduce((s, r) => s + r.amountPence, 0);
			const ledgerPence = g.ledger.reduce((s, l) => s + l.amountPence, 0);
			const differencePence = ledgerPence - rechargedPence;
			const within = Math.abs(differencePence) <= tol;
			return {
				costCentreId: g.centreId,
				costCentre: g.centre,
				financialYear: g.year,
				spendType: g.spendType,
				rechargedPence,
				ledgerPence,
				differencePence,
				withinTolerance: within,
				status: describeDifference(differencePence, ledgerPence, within, tol),
				recharges: within ? [] : g.recharges,
				rechargeCount: within ? 0 : g.recharges.length,
				ledger: within ? [] : g.ledger
			};
		})
		.sort(
			(a, b) =>
				a.financialYear.localeCompare(b.financialYear) ||
				a.costCentre.localeCompare(b.costCentre) ||
				a.spendType.localeCompare(b.spendType)
		);
	const yearsWithoutLedger = [...rechargedYears].filter((y) => !ledgerYears.has(y)).sort();
	const differing = rows.filter((r) => !r.withinTolerance).length;
	const findings = [
		differing > 0 && `${plural(differing, 'difference', 'differences')} beyond the tolerance`,
		linesIn(misposted) > 0 &&
			`${plural(linesIn(misposted), 'line', 'lines')} posted to another partner’s cost centre`,
		linesIn(unknownCodes) > 0 &&
			`${plural(linesIn(unknownCodes), 'line', 'lines')} with a code the shared service does not know`,
		linesIn(unknownYears) > 0 &&
			`${plural(linesIn(unknownYears), 'line', 'lines')} in a year with no recharges`
	].filter((f): f is string => Boolean(f));
	const status =
		input.ledger.length === 0
			? 'Not reconciled: no ledger extract uploaded yet'
			: findings.length === 0
				? `Reconciled: every cost centre agrees within ${formatPence(tol)}`
				: `Not reconciled: ${findings.join('; ')}`;
	return {
		tolerancePence: tol,
		rows,
		misposted,
		unknownCodes,
		unknownYears,
		yearsWithoutLedger,
		status
	};
}
