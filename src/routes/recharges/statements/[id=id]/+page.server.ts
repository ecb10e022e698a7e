import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { idParam } from '$lib/server/web/http';
import {
	answerStatement,
	checkLines,
	discardStatement,
	statementPage
} from '$lib/server/web/recharge-statement-pages';

/**
 * One recharge statement: the shared service's officers see theirs (a draft live, an issued one
 * frozen); a partner sees only its own issued statements and answers them. Anything else is the
 * audited 404.
 */
export const load: PageServerLoad = async (event) =>
	statementPage(event, await authorise(event, 'governance:read'), idParam(event.params.id));

export const actions: Actions = {
	agree: async (event) =>
		answerStatement(
			event,
			(await authorise(event, 'governance:write')).actor,
			idParam(event.params.id),
			'agreed'
		),
	dispute: async (event) =>
		answerStatement(
			event,
			(await authorise(event, 'governance:write')).actor,
			idParam(event.params.id),
			'disputed'
		),
	check: async (event) =>
		checkLines(event, await authorise(event, 'governance:read'), idParam(event.params.id)),
	discard: async (event) =>
		discardStatement(
			event,
			(await authorise(event, 'governance:write')).actor,
			idParam(event.params.id)
		)
};
