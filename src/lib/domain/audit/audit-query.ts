/** The audit page's filters, read from the URL (shared by the page and its CSV export). */
import { parseDateInput, isoToInput } from '../dates';

export interface AuditFilter {
	userId: number | null;
	entity: string;
	entityId: string;
	action: string;
	from: string;
	to: string;
	page: number;
	size: number;
}

export interface AuditFilterForm {
	filter: AuditFilter;
	/** The date fields as typed, and any problem with them. */
	typed: { from: string; to: string };
	errors: Record<string, string>;
}

// Entities are snake_case ('business_case'), actions kebab-case ('sign-in').
const TOKEN = /^[a-z][a-z0-9_-]{0,40}$/;

export function parseAuditFilter(params: URLSearchParams): AuditFilterForm {
	const errors: Record<string, string> = {};
	const user = params.get('user');
	const typed = { from: (params.get('from') ?? '').trim(), to: (params.get('to') ?? '').trim() };
	const dates = { from: '', to: '' };
	for (const key of ['from', 'to'] as const) {
		if (!typed[key]) continue;
		const parsed = parseDateInput(typed[key]);
		if (parsed.ok) dates[key] = parsed.iso;
		else errors[key] = `${key === 'from' ? 'From' : 'To'} date: ${parsed.reason}`;
	}
	if (dates.from && dates.to && dates.to < dates.from)
		errors.to = 'To date must be on or after the from date';
	const page = Number(params.get('page'));
	const entity = params.get('entity') ?? '';
	const action = params.get('action') ?? '';
	const entityId = params.get('entityId') ?? '';
	return {
		filter: {
			userId: user && /^\d{1,12}$/.test(user) ? Number(user) : null,
			entity: TOKEN.test(entity) ? entity : '',
			entityId: /^\d{1,15}$/.test(entityId) ? entityId : '',
			action: TOKEN.test(action) ? action : '',
			from: dates.from,
			to: errors.to ? '' : dates.to,
			page: Number.isInteger(page) && page > 0 && page < 1_000_000 ? page : 1,
			size: 50
		},
		typed,
		errors
	};
}

export function auditFilterToParams(filter: Partial<AuditFilter>): URLSearchParams {
	const params = new URLSearchParams();
	if (filter.userId != null) params.set('user', String(filter.userId));
	if (filter.entity) params.set('entity', filter.entity);
	if (filter.entityId) params.set('entityId', filter.entityId);
	if (filter.action) params.set('action', filter.action);
	if (filter.from) params.set('from', isoToInput(filter.from));
	if (filter.to) params.set('to', isoToInput(filter.to));
	if (filter.page && filter.page > 1) params.set('page', String(filter.page));
	return params;
}
