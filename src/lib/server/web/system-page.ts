/**
 * A system's own page once the route has authorised the caller: the system with its review
 * history, workstreams, changes in words, cost total, next milestone, outage risk and recovery
 * objectives, what the caller's role may do there, and the audited reveal of its named contact.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { db } from '../db/database';
import type { Actor } from '../services/actor';
import * as systems from '../repos/systems';
import * as reviews from '../repos/reviews';
import * as workstreams from '../repos/workstreams';
import * as audit from '../repos/audit';
import * as costLines from '../repos/cost-lines';
import * as milestones from '../repos/milestones';
import * as outage from '../repos/outage';
import * as recovery from '../repos/governance-recovery';
import * as contacts from '../services/contacts';
import { recordNotFound, recordOf } from './record';
import { can, type Role } from '$lib/domain/permissions';
import { hasContact, systemOutageRisk } from '$lib/domain/systems';
import { todayInUk } from '$lib/domain/dates';
import { nextMilestone } from '$lib/domain/milestones';
import { sumPence } from '$lib/domain/rollups';
import { rtoOutageCost } from '$lib/domain/governance/recovery';

/** The page's data for the system `[id]` names in the caller's organisation, else the audited 404. */
export async function loadSystemPage(event: RequestEvent, organisationId: number, role: Role) {
	const system = await recordOf(event, organisationId, 'system', systems.getSystem);
	const id = system.id;
	const [history, links, changes] = await Promise.all([
		reviews.listReviewHistory(db(), organisationId, id),
		workstreams.listWorkstreamsOfSystem(db(), organisationId, id),
		audit.historyOf(db(), organisationId, 'system', id)
	]);
	const [plan, outageDefault] = await Promise.all([
		milestones.listMilestonesOfSystem(db(), organisationId, id),
		outage.getOutageDefault(db(), organisationId)
	]);
	// The repository masks a named person's details; they reach the page only through the audited reveal.
	const named = hasContact(system);
	const objectives = await recovery.getObjectives(db(), organisationId, id);
	return {
		system,
		history,
		links,
		// In words, names looked up for this organisation; the stored before/after stays on the server.
		changes: await audit.describeAudit(db(), organisationId, changes),
		hasContact: named,
		costTotalPence: sumPence(
			(await costLines.listCostLinesOfSystem(db(), organisationId, id)).map((l) => l.amountPence)
		),
		milestones: { next: nextMilestone(plan, todayInUk()), count: plan.length },
		outageRisk: systemOutageRisk(system, outageDefault.costPerUserHourPence),
		recovery: objectives
			? {
					objectives,
					cost: rtoOutageCost(objectives.rtoMinutes, system, outageDefault.costPerUserHourPence)
				}
			: null,
		can: {
			reveal: named && can(role, 'contact:read'),
			edit: can(role, 'catalogue:write'),
			review: can(role, 'review:write')
		}
	};
}

/** The named contact of the system `[id]` names, shown once; the service records who looked. */
export async function revealSystemContact(event: RequestEvent, actor: Actor, role: Role) {
	const system = await recordOf(event, actor.organisationId, 'system', systems.getSystem);
	const contact =
		(await contacts.revealContact(actor, role, system.id, 'view')) ??
		(await recordNotFound(event, 'system', system.id));
	return {
		contact: {
			name: contact.contactName,
			email: contact.contactEmail,
			phone: contact.contactPhone
		}
	};
}
