import type { RequestHandler } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { parseAuditFilter } from '$lib/domain/audit';
import { csvFileName, toCsv } from '$lib/domain/csv/write';
import * as audit from '$lib/server/repos/audit';
import { nowIso } from '$lib/domain/dates';

export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'audit:read');
	const rows = await audit.exportAudit(
		db(),
		organisationId,
		parseAuditFilter(event.url.searchParams).filter
	);
	const body = toCsv(
		[
			'Time (UTC)',
			'Person',
			'User id',
			'Action',
			'Entity',
			'Entity id',
			'Before',
			'After',
			'Detail',
			'Request id',
			'Address'
		],
		rows.map((r) => [
			r.at,
			r.actor,
			r.userId,
			r.action,
			r.entity,
			r.entityId,
			r.before,
			r.after,
			r.detail,
			r.requestId,
			r.ip
		])
	);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${csvFileName('audit-trail', nowIso().slice(0, 10))}"`
		}
	});
};
