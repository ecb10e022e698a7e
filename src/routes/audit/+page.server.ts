import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { parseAuditFilter, actionLabel } from '$lib/domain/audit';
import * as audit from '$lib/server/repos/audit';
import * as users from '$lib/server/repos/users';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'audit:read');
	const { filter, typed, errors } = parseAuditFilter(event.url.searchParams);
	const [list, actions, people] = await Promise.all([
		audit.listAudit(db(), organisationId, filter),
		audit.listAuditActions(db(), organisationId),
		users.listUsers(db(), organisationId)
	]);
	// The rows leave the server in words; the stored before/after goes out only in /audit.csv.
	const rows = await audit.describeAudit(db(), organisationId, list.rows);
	return {
		filter,
		typed,
		errors,
		rows,
		total: list.total,
		actions: actions
			.map((a) => ({ value: a, label: actionLabel(a) }))
			.sort((x, y) => x.label.localeCompare(y.label)),
		people: people.map((p) => ({ value: String(p.id), label: `${p.displayName} (${p.email})` }))
	};
};
