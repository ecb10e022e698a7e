import type { PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import { dashboardFigures } from '$lib/server/services/dashboard';
import { listIssuedReports } from '$lib/server/services/committee-reports';
import { db } from '$lib/server/db/database';
import * as cases from '$lib/server/repos/business-cases';
import * as recoveryGuard from '$lib/server/repos/governance-continuity';
import { todayInUk } from '$lib/domain/dates';

const CONTINUITY_SHOWN = 25;

export const load: PageServerLoad = async (event) => {
	// Everyone signed in lands here; committee members, who read issued reports only, get their own page.
	const { organisationId, role, actor } = await authorise(event, 'report:read-issued');
	if (!can(role, 'catalogue:read'))
		return { committeeOnly: true as const, reports: await listIssuedReports(organisationId) };
	// At most a screenful of continuity risks here, soonest switch-off first; the CSV lists them all.
	const figures = await dashboardFigures(organisationId, CONTINUITY_SHOWN);
	// An approver lands on what awaits their decision.
	const awaitingDecision = can(role, 'business-case:decide')
		? await cases.listAwaitingDecisionBy(db(), organisationId, actor.userId)
		: null;
	return {
		committeeOnly: false as const,
		...figures,
		awaitingDecision,
		recoveryRisks: can(role, 'governance:read')
			? await recoveryGuard.listUnprovenRecovery(
					db(),
					organisationId,
					todayInUk(),
					CONTINUITY_SHOWN
				)
			: null
	};
};
