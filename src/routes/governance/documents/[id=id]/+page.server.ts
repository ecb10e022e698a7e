import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import { can } from '$lib/domain/permissions';
import { todayInUk } from '$lib/domain/dates';
import * as documents from '$lib/server/repos/governance-documents';
import * as meetings from '$lib/server/repos/governance-meetings';
import * as register from '$lib/server/services/governance-register';
import { recordRestrictedView } from '$lib/server/services/governance-documents';
import { addVersion, approveVersion, editDraft } from '$lib/server/web/governance-record-pages';
import { draftState } from '$lib/server/services/governance-drafts';

async function documentOf(event: RequestEvent, organisationId: number) {
	const id = Number(event.params.id);
	return (
		(await documents.getDocument(db(), organisationId, id)) ??
		recordNotFound(event, 'governance_document', id)
	);
}

export const load: PageServerLoad = async (event) => {
	const { actor, organisationId, role } = await authorise(event, 'governance:read');
	const doc = await documentOf(event, organisationId);
	const canEdit = can(role, 'governance:write');
	const entry = (await register.documentRegister(db(), organisationId, todayInUk())).find(
		(d) => d.id === doc.id
	)!;
	// Every view of a restricted security policy is recorded, as the scrutiny committee asked.
	if (doc.restricted) await recordRestrictedView(actor, doc.id, 'opened the document');
	const [people, meetingList] = canEdit
		? await Promise.all([
				documents.listPeople(db(), organisationId),
				meetings.listMeetings(db(), organisationId)
			])
		: [[], []];
	const draft = entry.versions.find((v) => v.status === 'draft');
	return {
		document: entry,
		canEdit,
		draftEdit:
			canEdit && draft
				? {
						versionId: draft.id,
						...(await draftState(db(), organisationId, doc.id, draft.id))!
					}
				: null,
		people: people.map((p) => ({
			value: p.id,
			label: p.jobTitle ? `${p.name}, ${p.jobTitle}` : p.name
		})),
		meetings: meetingList.map((m) => ({
			value: String(m.id),
			label: `${m.title} (${m.meetingOn})${m.quorate ? '' : ': not quorate'}`
		}))
	};
};

export const actions: Actions = {
	addVersion: async (event) => {
		const { actor } = await authorise(event, 'governance:write');
		const doc = await documentOf(event, actor.organisationId);
		return addVersion(event, actor, doc.id);
	},
	editDraft: async (event) => {
		const { actor } = await authorise(event, 'governance:write');
		const doc = await documentOf(event, actor.organisationId);
		return editDraft(event, actor, doc.id);
	},
	approve: async (event) => {
		const { actor } = await authorise(event, 'governance:write');
		const doc = await documentOf(event, actor.organisationId);
		return approveVersion(event, actor, doc.id);
	}
};
