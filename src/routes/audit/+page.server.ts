import type { PageServerLoad } from './$types';
import { db } from '$lib/server/database';
import { authorise } from '$lib/server/http';
import { parseAuditFilter } from '$lib/domain/audit-query';
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
	return { filter, typed, errors, ...list, actions, people: people.map((p) => ({ value: String(p.id), label: `${p.displayName} (${p.email})` })) };
};
