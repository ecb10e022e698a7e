import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import { fileResponse } from '$lib/server/web/governance-files';
import * as meetings from '$lib/server/repos/governance-meetings';
import { readPaper } from '$lib/server/services/governance-papers';

/** A meeting's minutes or papers, always as a download. */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'governance:read');
	const meetingId = Number(event.params.id);
	if (!(await meetings.getMeeting(db(), organisationId, meetingId)))
		return recordNotFound(event, 'governance_meeting', meetingId);
	const file = await readPaper(organisationId, meetingId, Number(event.params.n));
	if (!file) error(404, 'Not found');
	return fileResponse(file);
};
