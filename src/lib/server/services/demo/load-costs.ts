/**
 * Loads the demo portfolio's funding, cost lines, milestones and outage figures through the same
 * services the app uses. Each item is looked for first, so loading again never duplicates.
 */
import { db } from '$lib/server/db/database';
import * as funding from '$lib/server/repos/funding';
import * as costLines from '$lib/server/repos/cost-lines';
import * as milestones from '$lib/server/repos/milestones';
import * as systemsRepo from '$lib/server/repos/systems';
import * as fundingService from '../funding';
import * as costService from '../cost-lines';
import * as milestoneService from '../milestones';
import * as outageService from '../outage';
import type { Actor } from '../actor';
import { DEMO_COST_LINES, DEMO_FUNDING_SOURCES, DEMO_MILESTONES, DEMO_OUTAGE } from './demo-costs';

const pence = (pounds: number) => Math.round(pounds * 100);

function required<T>(value: T | undefined, what: string): T {
	if (value === undefined)
		throw new Error(`demo data names ${what}, which is not in the demo portfolio`);
	return value;
}

export async function loadDemoCosts(
	actor: Actor,
	workstreamIds: ReadonlyMap<string, number>
): Promise<{ costLines: number; milestones: number }> {
	const organisationId = actor.organisationId;
	const systemIds = new Map<string, number>();
	const systemId = async (ref: string) => {
		if (!systemIds.has(ref))
			systemIds.set(
				ref,
				required(await systemsRepo.findSystemByExternalRef(db(), organisationId, ref), ref).id
			);
		return systemIds.get(ref)!;
	};

	const fundingIds = new Map<string, number>();
	for (const f of DEMO_FUNDING_SOURCES) {
		const existing = await funding.getFundingSourceByName(db(), organisationId, f.name);
		if (existing) {
			fundingIds.set(f.name, existing.id);
			continue;
		}
		const allocations = Object.entries(f.allocations).map(([financialYear, pounds]) => ({
			financialYear,
			amountPence: pence(pounds)
		}));
		const result = await fundingService.createFundingSource(actor, {
			name: f.name,
			kind: f.kind,
			spendType: f.spendType,
			notes: f.notes,
			allocations
		});
		if (!result.ok) throw new Error(`demo funding source ${f.name}: ${result.reason}`);
		fundingIds.set(f.name, result.source.id);
	}

	let createdLines = 0;
	const existingLines = new Map<string, Set<string>>();
	for (const line of DEMO_COST_LINES) {
		const sid = line.system ? await systemId(line.system) : null;
		const wid = line.workstream
			? required(workstreamIds.get(line.workstream), line.workstream)
			: null;
		const scope = sid != null ? `s${sid}` : `w${wid}`;
		if (!existingLines.has(scope)) {
			const rows =
				sid != null
					? await costLines.listCostLinesOfSystem(db(), organisationId, sid)
					: (await costLines.listCostLinesOfWorkstream(db(), organisationId, wid!)).filter(
							(l) => l.systemId == null
						);
			existingLines.set(
				scope,
				new Set(rows.map((l) => `${l.financialYear}|${l.category}|${l.description}`))
			);
		}
		if (existingLines.get(scope)!.has(`${line.financialYear}|${line.category}|${line.description}`))
			continue;
		const target =
			sid != null ? { systemId: sid, outcome: line.outcome ?? null } : { workstreamId: wid };
		const result = await costService.createCostLine(actor, target, {
			financialYear: line.financialYear,
			spendType: line.spendType,
			category: line.category,
			amountPence: pence(line.pounds),
			confidence: line.confidence,
			fundingSourceId: line.funding ? required(fundingIds.get(line.funding), line.funding) : null,
			description: line.description
		});
		if (!result.ok)
			throw new Error(`demo cost line '${line.description}': ${JSON.stringify(result)}`);
		createdLines++;
	}

	let createdMilestones = 0;
	const existingMilestones = new Set(
		(await milestones.listMilestones(db(), organisationId)).map(
			(m) => `${m.workstreamId ?? ''}|${m.systemId ?? ''}|${m.kind}`
		)
	);
	for (const m of DEMO_MILESTONES) {
		const target = m.system
			? { systemId: await systemId(m.system), outcome: m.outcome ?? null }
			: { workstreamId: required(workstreamIds.get(m.workstream!), m.workstream!) };
		const key =
			'systemId' in target ? `|${target.systemId}|${m.kind}` : `${target.workstreamId}||${m.kind}`;
		if (existingMilestones.has(key)) continue;
		const result = await milestoneService.createMilestone(actor, target, {
			kind: m.kind,
			plannedDate: m.planned,
			forecastDate: m.forecast ?? null,
			actualDate: m.actual ?? null,
			note: m.note ?? ''
		});
		if (!result.ok)
			throw new Error(`demo milestone ${m.kind} of ${m.system ?? m.workstream}: ${result.reason}`);
		createdMilestones++;
	}

	for (const [ref, [concurrentUsers, hours, ownRate]] of Object.entries(DEMO_OUTAGE)) {
		const found = required(
			await systemsRepo.getSystem(db(), organisationId, await systemId(ref)),
			ref
		);
		if (found.concurrentUsers != null) continue;
		await outageService.setSystemOutage(actor, found.id, found.version, {
			concurrentUsers,
			outageMinutesPerYear: hours * 60,
			costPerUserHourPence: ownRate == null ? null : pence(ownRate)
		});
	}
	return { costLines: createdLines, milestones: createdMilestones };
}
