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

/** The signed-in caller as the audit trail names them (the guard has checked there is one). */
export function actorFrom(event: GuardEvent): Actor & { userId: number } {
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
		const next =
			event.request.method === 'GET'
				? `${event.url.pathname}${event.url.search}`
				: event.url.pathname;
		redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
	}
	const actor = actorFrom(event);
	if (!can(user.role, action)) {
		await transaction((tx) =>
			recordAudit(tx, actor, {
				entity: 'access',
				action: 'access-denied',
				detail: `${event.request.method} ${event.url.pathname} needs ${action}; role ${user.role}`
			})
		);
		error(403, 'You do not have permission to do that');
	}
	return { actor, organisationId: organisation.id, role: user.role };
}
