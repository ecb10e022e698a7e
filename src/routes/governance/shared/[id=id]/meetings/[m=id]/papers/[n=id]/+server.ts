import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import { fileResponse } from '$lib/server/web/governance-files';
import { todayInUk } from '$lib/domain/dates';
import { readSharedPaper } from '$lib/server/services/governance-papers';

/** A shared service's meeting paper, downloaded by one of its partners (not a partner today: the audited 404). */
export const GET: RequestHandler = async (event) => {
	const { actor } = await authorise(event, 'governance:read');
	const sharedId = Number(event.params.id);
	const meetingId = Number(event.params.m);
	const read = await readSharedPaper(
		actor,
		sharedId,
		meetingId,
		Number(event.params.n),
		todayInUk()
	);
	if (read.ok) return fileResponse(read.file);
	if (read.reason === 'not-partner') return recordNotFound(event, 'organisation', sharedId);
	if (read.reason === 'not-found') return recordNotFound(event, 'governance_meeting', meetingId);
	error(404, 'Not found');
};
