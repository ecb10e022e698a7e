/**
 * The guard every load, action and endpoint calls first. A layout guard is not enough (it does not
 * protect form actions or +server.ts endpoints: kit issues #6315, #9482): `authorise` is called by
 * each route itself, and a coverage test checks it.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { can, type Action, type Role } from '$lib/domain/permissions';
import { transaction } from '../db/database';
import { recordAudit } from '../repos/audit';
import type { Actor } from '../services/actor';

export interface Authorised {
	actor: Actor & { userId: number };
	organisationId: number;
	role: Role;
}

type GuardEvent = Pick<RequestEvent, 'locals' | 'url' | 'request' | 'getClientAddress'>;

export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return '';
	}
}

function actorFrom(event: GuardEvent): Actor & { userId: number } {
	const user = event.locals.user!;
	return {
		organisationId: event.locals.organisation!.id,
		userId: user.id,
		displayName: user.email,
		requestId: event.locals.requestId,
		ip: clientAddress(event)
	};
}

/**
 * Lets the request through only for a signed-in user whose role may do `action`. Anyone signed
 * out is sent to sign in (and back afterwards); a refusal is a 403 with an audit row.
 */
export async function authorise(event: GuardEvent, action: Action): Promise<Authorised> {
	const { user, organisation } = event.locals;
	if (!user || !organisation) {
		const next = event.request.method === 'GET' ? `${event.url.pathname}${event.url.search}` : event.url.pathname;
		redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
	}
	const actor = actorFrom(event);
	if (!can(user.role, action)) {
		await transaction((tx) =>
			recordAudit(tx, actor, { entity: 'access', action: 'access-denied', detail: `${event.request.method} ${event.url.pathname} needs ${action}; role ${user.role}` })
		);
		error(403, 'You do not have permission to do that');
	}
	return { actor, organisationId: organisation.id, role: user.role };
}

/**
 * Answers 404 for a record that is missing or belongs to another organisation, the two being
 * indistinguishable to the caller. When it does exist elsewhere, the attempt is audited as a denial.
 */
export async function notFound(event: GuardEvent, entity: string, id: number, existsElsewhere: (organisationId: number, id: number) => Promise<boolean>): Promise<never> {
	if (event.locals.user && event.locals.organisation && (await existsElsewhere(event.locals.organisation.id, id))) {
		const actor = actorFrom(event);
		await transaction((tx) =>
			recordAudit(tx, actor, { entity, entityId: id, action: 'access-denied', detail: `${event.request.method} ${event.url.pathname}: record of another organisation` })
		);
	}
	error(404, 'Not found');
}
