/**
 * 'This id is a record of my organisation, else a 404': the one lookup every route uses. A record
 * that is missing and one that belongs to another organisation answer the same 404, so ids reveal
 * nothing; the second is written to the audit trail as a denied access.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { db, transaction } from '../db/database';
import { actorFrom } from '../auth/guard';
import { idParam } from './http';
import { organisationOfRecord, type RecordKind } from '../repos/access';
import { recordAudit } from '../repos/audit';
import type { Executor } from '../db';

export type { RecordKind };

type RecordEvent = Pick<RequestEvent, 'locals' | 'url' | 'request' | 'getClientAddress'>;
type ParamsEvent = RecordEvent & { params: Partial<Record<string, string>> };

/**
 * Answers 404 for record `id` of `kind`. When the caller is signed in and the record is another
 * organisation's, the attempt is audited first. Never returns.
 */
export async function recordNotFound(
	event: RecordEvent,
	kind: RecordKind,
	id: number
): Promise<never> {
	const { user, organisation } = event.locals;
	if (user && organisation) {
		const holder = await organisationOfRecord(db(), kind, id);
		if (holder != null && holder !== organisation.id) {
			await transaction((tx) =>
				recordAudit(tx, actorFrom(event), {
					entity: kind,
					entityId: id,
					action: 'access-denied',
					detail: `${event.request.method} ${event.url.pathname}: record of another organisation`
				})
			);
		}
	}
	error(404, 'Not found');
}

/** `found` when there is one (looked up in the caller's organisation), else the 404 of recordNotFound. */
export async function ownRecord<T>(
	event: RecordEvent,
	kind: RecordKind,
	id: number,
	found: T | null | undefined
): Promise<T> {
	return found ?? recordNotFound(event, kind, id);
}

/** A repo's getter: the record `id` of the organisation, or nothing. */
type Getter<T> = (
	ex: Executor,
	organisationId: number,
	id: number
) => Promise<T | null | undefined>;

/**
 * The record the route's `[id]` (or `id`, when given) names, fetched with `get` within the
 * caller's organisation, or the 404 of recordNotFound.
 */
export async function recordOf<T>(
	event: ParamsEvent,
	organisationId: number,
	kind: RecordKind,
	get: Getter<T>,
	id: number = idParam(event.params.id)
): Promise<T> {
	return ownRecord(event, kind, id, await get(db(), organisationId, id));
}
