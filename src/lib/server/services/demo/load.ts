/**
 * Loads the demo portfolio through the same repos and services the app uses. Every step looks for
 * what is already there first, so loading twice (or after an interrupted load) never duplicates.
 */
import { db, transaction } from '$lib/server/db/database';
import * as organisations from '$lib/server/repos/organisations';
import * as workstreams from '$lib/server/repos/workstreams';
import * as systemsRepo from '$lib/server/repos/systems';
import * as reviewsRepo from '$lib/server/repos/reviews';
import * as systemService from '../systems';
import * as reviewService from '../reviews';
import type { Actor } from '../actor';
import { loadDemoCosts } from './load-costs';
import { loadDemoBusinessCase } from './load-business-case';
import { loadDemoGovernance } from './load-governance';
import { loadDemoRecharges } from './load-recharges';
import { loadDemoLedger } from './load-ledger';
import {
	DEMO_ORGANISATION,
	DEMO_DIRECTORATE,
	DEMO_SERVICE_AREAS,
	DEMO_WORKSTREAMS,
	DEMO_SYSTEMS
} from './demo-portfolio';

export interface SeedSummary {
	organisationId: number;
	systems: number;
	reviews: number;
	/** Cost lines and milestones added by this load (0 when loaded again). */
	costLines: number;
	milestones: number;
	/** Business cases added by this load (0 when loaded again). */
	businessCases: number;
}

export async function loadDemoPortfolio(
	org: { slug: string; name: string } = DEMO_ORGANISATION
): Promise<SeedSummary> {
	const organisation = await transaction(
		async (tx) =>
			(await organisations.getOrganisationBySlug(tx, org.slug)) ??
			organisations.createOrganisation(tx, org)
	);
	const organisationId = organisation.id;
	const actor: Actor = { organisationId, userId: null, displayName: 'Demo data loader' };

	const { directorateId, serviceAreaIds, workstreamIds } = await transaction(async (tx) => {
		const directorates = await organisations.listDirectorates(tx, organisationId);
		const directorate =
			directorates.find((d) => d.name === DEMO_DIRECTORATE) ??
			(await organisations.createDirectorate(tx, organisationId, DEMO_DIRECTORATE));
		const areas = await organisations.listServiceAreas(tx, organisationId);
		const serviceAreaIds = new Map<string, number>();
		for (const name of DEMO_SERVICE_AREAS) {
			const area =
				areas.find((a) => a.name === name) ??
				(await organisations.createServiceArea(tx, organisationId, directorate.id, name));
			serviceAreaIds.set(name, area.id);
		}
		const existing = await workstreams.listWorkstreams(tx, organisationId);
		const workstreamIds = new Map<string, number>();
		for (const w of DEMO_WORKSTREAMS) {
			const found =
				existing.find((e) => e.name === w.name) ??
				(await workstreams.createWorkstream(tx, organisationId, w));
			workstreamIds.set(w.name, found.id);
		}
		return { directorateId: directorate.id, serviceAreaIds, workstreamIds };
	});

	let reviews = 0;
	for (const demo of DEMO_SYSTEMS) {
		const existing = await systemsRepo.findSystemByExternalRef(db(), organisationId, demo.ref);
		const saved =
			existing ??
			(await systemService.createSystem(actor, {
				contactName: '',
				contactEmail: '',
				contactPhone: '',
				...demo.system,
				directorateId,
				serviceAreaId: serviceAreaIds.get(demo.serviceArea) ?? null,
				externalRef: demo.ref
			}));
		for (const name of demo.workstreams) {
			const workstreamId = workstreamIds.get(name);
			if (workstreamId != null)
				await transaction((tx) =>
					workstreams.ensureLinked(tx, organisationId, workstreamId, saved.id, 'Demo portfolio')
				);
		}
		if (demo.review && !(await reviewsRepo.getCurrentReview(db(), organisationId, saved.id))) {
			const result = await reviewService.recordReview(actor, saved.id, null, {
				reviewedOn: demo.review.reviewedOn,
				reviewer: demo.review.reviewer,
				summary: demo.review.summary,
				outcomes: demo.review.outcomes.map((o) => ({
					outcome: o.outcome,
					rationale: o.rationale,
					status: o.status,
					targetDate: o.targetDate,
					workstreamId: o.workstream ? (workstreamIds.get(o.workstream) ?? null) : null
				}))
			});
			if (result.ok) reviews++;
		}
	}
	// After the reviews: a system's cost line defaults to the workstream replacing it.
	const costs = await loadDemoCosts(actor, workstreamIds);
	// After the costs and milestones: the preferred option pulls its figures from the cost model.
	const businessCases = await loadDemoBusinessCase(actor, workstreamIds);
	// The three-council ICT partnership this council is a partner of, with its governance record.
	if (org.slug === DEMO_ORGANISATION.slug) {
		await loadDemoGovernance(organisationId);
		await loadDemoRecharges();
		await loadDemoLedger(org.slug);
	}
	return { organisationId, systems: DEMO_SYSTEMS.length, reviews, ...costs, businessCases };
}
