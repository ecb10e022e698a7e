import { fail } from '@sveltejs/kit';
import { redirectWithSuccess } from '$lib/server/web/flash';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import {
	costPerUserHourPence,
	DEFAULT_WORKING_HOURS,
	parseLoadedCostForm,
	describeLoadedCost,
	parseDirectCostForm
} from '$lib/domain/systems';
import * as outage from '$lib/server/repos/outage';
import * as outageService from '$lib/server/services/outage';
import { text } from '$lib/domain/forms';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	const current = await outage.getOutageDefault(db(), organisationId);
	return {
		current,
		workingHours: DEFAULT_WORKING_HOURS,
		canEdit: can(role, 'catalogue:write'),
		done: event.url.searchParams.get('done')
	};
};

export const actions: Actions = {
	/** Works the default out from a typical salary plus on-costs over the hours worked in a year. */
	salary: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const form = await event.request.formData();
		const values = {
			annualSalary: text(form, 'annualSalary'),
			onCostPercent: text(form, 'onCostPercent'),
			workingHoursPerYear: text(form, 'workingHoursPerYear')
		};
		const parsed = parseLoadedCostForm(values);
		if (!parsed.ok) return fail(400, { action: 'salary' as const, values, errors: parsed.errors });
		await outageService.setOutageDefault(actor, {
			costPerUserHourPence: costPerUserHourPence(parsed.value),
			basis: describeLoadedCost(parsed.value)
		});
		redirectWithSuccess(event, '/settings/outage?done=saved', 'Default cost per user-hour saved.');
	},
	/** Sets the default directly, with a note of how it was arrived at. */
	direct: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const form = await event.request.formData();
		const values = { costPerUserHour: text(form, 'costPerUserHour'), basis: text(form, 'basis') };
		const parsed = parseDirectCostForm(values);
		if (!parsed.ok) return fail(400, { action: 'direct' as const, values, errors: parsed.errors });
		await outageService.setOutageDefault(actor, parsed.value);
		redirectWithSuccess(event, '/settings/outage?done=saved', 'Default cost per user-hour saved.');
	}
};
