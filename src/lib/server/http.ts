/** Small helpers every route uses, so each stays a few lines. */
import { error } from '@sveltejs/kit';

/** The organisation the request acts for; the app refuses to serve before one exists. */
export function organisationOf(locals: App.Locals): { id: number; name: string; slug: string } {
	if (!locals.organisation) error(503, 'No organisation has been set up yet');
	return locals.organisation;
}

/** A route's numeric id; anything else is a 404, exactly like a missing record. */
export function idParam(value: string | undefined): number {
	if (!value || !/^[1-9]\d{0,15}$/.test(value)) error(404, 'Not found');
	const id = Number(value);
	if (!Number.isSafeInteger(id)) error(404, 'Not found');
	return id;
}

/** Who is acting. Until sign-in exists this is the organisation's strategy group, unnamed. */
export function actorOf(locals: App.Locals) {
	const organisation = organisationOf(locals);
	return { organisationId: organisation.id, userId: null, displayName: 'Strategy group officer' };
}
