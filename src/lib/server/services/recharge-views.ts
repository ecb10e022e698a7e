/**
 * What the recharge pages show, read in one place: the shared service's officers see every partner,
 * key, cost centre and recharge; a partner sees every key and total of the service (so it can check
 * the sharing is fair) but only its own cost centres and its own recharges, never another partner's.
 */
import * as partnerships from '../repos/governance-partnerships';
import * as keys from '../repos/recharge-keys';
import * as costCentres from '../repos/partner-cost-centres';
import * as recharges from '../repos/recharges';
import * as workstreams from '../repos/workstreams';
import * as recovery from '../repos/governance-recovery';
import type { Executor } from '../db';
import {
	KEY_SCOPE_LABEL,
	LINES_PER_PAGE,
	formatWeight,
	pageCount,
	type KeyKind
} from '$lib/domain/recharges';

export interface KeyView {
	id: number;
	version: number;
	scopeLabel: string;
	appliesTo: string;
	kind: KeyKind;
	measure: string;
	source: string;
	asAt: string | null;
	shares: { partnerName: string; value: string; costCentre: string }[];
}

async function keyViews(
	ex: Executor,
	sharedId: number,
	year: string,
	partnerNames: Map<number, string>,
	visibleCentres: Map<number, string>
): Promise<KeyView[]> {
	const [yearKeys, streams, systems] = await Promise.all([
		keys.listKeys(ex, sharedId, year),
		workstreams.listWorkstreams(ex, sharedId),
		recovery.listSystemsForGovernance(ex, sharedId)
	]);
	const names = {
		workstream: new Map(streams.map((w) => [w.id, w.name])),
		system: new Map(systems.map((s) => [s.id, s.name]))
	};
	const specificity = ['cost_line', 'system', 'workstream', 'service'];
	return yearKeys
		.sort((a, b) => specificity.indexOf(b.scope) - specificity.indexOf(a.scope) || a.id - b.id)
		.map((k) => ({
			id: k.id,
			version: k.version,
			scopeLabel: KEY_SCOPE_LABEL[k.scope],
			appliesTo:
				k.scope === 'service'
					? 'Every cost line no other key covers'
					: k.scope === 'cost_line'
						? `Cost line ${k.scopeId}`
						: (names[k.scope].get(k.scopeId) ?? `${KEY_SCOPE_LABEL[k.scope]} ${k.scopeId}`),
			kind: k.kind,
			measure: k.measure,
			source: k.source,
			asAt: k.asAt,
			shares: k.shares.map((s) => ({
				partnerName: partnerNames.get(s.partnerOrganisationId) ?? '',
				value: `${formatWeight(k.kind, s.weight)}${k.kind === 'fixed' ? '%' : ''}`,
				// Another partner's cost centre is never shown to a partner: only that it has one.
				costCentre:
					s.costCentreId == null
						? ''
						: (visibleCentres.get(s.costCentreId) ??
							`${partnerNames.get(s.partnerOrganisationId) ?? 'the partner'}’s own cost centre`)
			}))
		}));
}

async function partnerNamesOf(ex: Executor, sharedId: number) {
	const partners = await partnerships.listPartners(ex, sharedId);
	return new Map(partners.map((p) => [p.partnerOrganisationId, p.partnerName]));
}

/** Totals of one year by partner and capital/revenue, with unallocated overhead, and the service's total. */
async function yearTotals(ex: Executor, sharedId: number, year: string) {
	const all = await recharges.totalsByPartnerYear(ex, sharedId);
	const years = [...new Set(all.map((t) => t.financialYear))];
	const totals = all.filter((t) => t.financialYear === year);
	return {
		years,
		totals: totals.map((t) => ({
			...t,
			partnerName: t.partnerName ?? 'Unallocated shared-service overhead'
		})),
		servicePence: totals.reduce((sum, t) => sum + t.amountPence, 0)
	};
}

/** The officers' view of one year: every partner, key, cost centre and total, and one partner's lines. */
export async function serviceView(
	ex: Executor,
	sharedId: number,
	year: string,
	partnerId: number | null,
	page = 1,
	overheadPage = 1
) {
	const names = await partnerNamesOf(ex, sharedId);
	const centres = await costCentres.listCostCentres(ex, sharedId);
	const centreText = new Map(centres.map((c) => [c.id, `${c.code} ${c.name}`]));
	const [streams, systems] = await Promise.all([
		workstreams.listWorkstreams(ex, sharedId),
		recovery.listSystemsForGovernance(ex, sharedId)
	]);
	const chosen = partnerId != null && names.has(partnerId) ? partnerId : null;
	const totals = await yearTotals(ex, sharedId, year);
	return {
		year,
		partners: [...names].map(([id, name]) => ({ id, name })),
		keys: await keyViews(ex, sharedId, year, names, centreText),
		costCentres: centres.map(({ id, code, name, kind, partnerName, partnerOrganisationId }) => ({
			id,
			code,
			name,
			kind,
			partnerName,
			partnerOrganisationId
		})),
		...totals,
		appliesTo: [
			{ value: 'service:0', label: 'The whole shared service (its default)' },
			...streams.map((w) => ({ value: `workstream:${w.id}`, label: `Workstream: ${w.name}` })),
			...systems.map((s) => ({ value: `system:${s.id}`, label: `System: ${s.name}` }))
		],
		partner: chosen == null ? null : { id: chosen, name: names.get(chosen)! },
		lines:
			chosen == null
				? linePage([], 1, 0)
				: await linesWithKeys(ex, sharedId, chosen, year, centreText, page, totals.totals),
		overhead: linePage(
			await recharges.overheadLines(ex, sharedId, year, pageOf(overheadPage)),
			overheadPage,
			linesOf(totals.totals, null)
		)
	};
}

const pageOf = (page: number) => ({ offset: (page - 1) * LINES_PER_PAGE, limit: LINES_PER_PAGE });

/** How many lines a partner (null: the overhead) has in the year, from the kept totals. */
const linesOf = (
	totals: readonly { partnerOrganisationId: number | null; lineCount: number }[],
	partnerId: number | null
) =>
	totals.filter((t) => t.partnerOrganisationId === partnerId).reduce((n, t) => n + t.lineCount, 0);

/** One page of lines, with where it is among them all. */
const linePage = <T>(rows: T[], page: number, count: number) => ({
	rows,
	page,
	pages: pageCount(count),
	count
});

/**
 * A partner's recharges of a year, each with the key that applied and its cost centre in words:
 * one page of them, or every line when no page is given (a statement counts them all).
 */
export async function keyedLines(
	ex: Executor,
	sharedId: number,
	partnerId: number,
	year: string,
	centreText: Map<number, string>,
	page?: { offset: number; limit: number }
) {
	const yearKeys = new Map((await keys.listKeys(ex, sharedId, year)).map((k) => [k.id, k]));
	const rows = await recharges.rechargesOfPartner(ex, sharedId, partnerId, year, page);
	return rows.map((r) => {
		const k = yearKeys.get(r.allocationKeyId);
		return {
			...r,
			keyApplied: k
				? `${KEY_SCOPE_LABEL[k.scope]}${k.kind === 'driver' ? ` (${k.measure})` : ' (fixed)'}`
				: '',
			costCentre: r.costCentreId == null ? '' : (centreText.get(r.costCentreId) ?? '')
		};
	});
}

/** One page of a partner's keyed lines of a year, with where it is among them all. */
async function linesWithKeys(
	ex: Executor,
	sharedId: number,
	partnerId: number,
	year: string,
	centreText: Map<number, string>,
	page: number,
	totals: readonly { partnerOrganisationId: number | null; lineCount: number }[]
) {
	return linePage(
		await keyedLines(ex, sharedId, partnerId, year, centreText, pageOf(page)),
		page,
		linesOf(totals, partnerId)
	);
}

/** A partner's view: every key and total of the service, and only its own cost centres and lines. */
export async function partnerView(
	ex: Executor,
	sharedId: number,
	partnerId: number,
	year: string,
	page = 1
) {
	const names = await partnerNamesOf(ex, sharedId);
	const own = await costCentres.listCostCentres(ex, sharedId, partnerId);
	const centreText = new Map(own.map((c) => [c.id, `${c.code} ${c.name}`]));
	const totals = await yearTotals(ex, sharedId, year);
	return {
		year,
		keys: await keyViews(ex, sharedId, year, names, centreText),
		costCentres: own.map(({ id, code, name, kind, partnerName, partnerOrganisationId }) => ({
			id,
			code,
			name,
			kind,
			partnerName,
			partnerOrganisationId
		})),
		...totals,
		lines: await linesWithKeys(ex, sharedId, partnerId, year, centreText, page, totals.totals)
	};
}
