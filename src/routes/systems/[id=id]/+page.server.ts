import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import { can } from '$lib/domain/permissions';
import { hasContact, systemOutageRisk } from '$lib/domain/systems';
import * as systems from '$lib/server/repos/systems';
import * as reviews from '$lib/server/repos/reviews';
import * as workstreams from '$lib/server/repos/workstreams';
import * as audit from '$lib/server/repos/audit';
import * as contacts from '$lib/server/services/contacts';
import * as costLines from '$lib/server/repos/cost-lines';
import * as milestones from '$lib/server/repos/milestones';
import * as outage from '$lib/server/repos/outage';
import { todayInUk } from '$lib/domain/dates';
import { nextMilestone } from '$lib/domain/milestones';
import { sumPence } from '$lib/domain/rollups';
import * as recovery from '$lib/server/repos/governance-recovery';
import { rtoOutageCost } from '$lib/domain/governance/recovery';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	const id = Number(event.params.id);
	const system = await systems.getSystem(db(), organisationId, id);
	if (!system) return recordNotFound(event, 'system', id);
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
};

export const actions: Actions = {
	/** Shows the named contact, once, and records who looked. */
	reveal: async (event) => {
		const { actor, organisationId, role } = await authorise(event, 'contact:read');
		const id = Number(event.params.id);
		if (!(await systems.getSystem(db(), organisationId, id)))
			return recordNotFound(event, 'system', id);
		const contact =
			(await contacts.revealContact(actor, role, id, 'view')) ??
			(await recordNotFound(event, 'system', id));
		return {
			contact: {
				name: contact.contactName,
				email: contact.contactEmail,
				phone: contact.contactPhone
			}
		};
	}
};
