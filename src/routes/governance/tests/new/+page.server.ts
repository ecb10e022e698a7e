import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import { idParam, wholeNumberField } from '$lib/server/web/http';
import * as documents from '$lib/server/repos/governance-documents';
import { planSystems } from '$lib/server/services/governance-recovery';
import { recordTest } from '$lib/server/web/governance-record-pages';

/** The plan named by ?document= (a continuity or recovery plan of this organisation), else 404. */
async function planOf(event: RequestEvent, organisationId: number) {
	const raw = event.url.searchParams.get('document');
	if (raw == null) return null;
	const id = idParam(raw);
	const doc =
		(await documents.getDocument(db(), organisationId, id)) ??
		(await recordNotFound(event, 'governance_document', id));
	if (doc.kind === 'security_policy') error(404, 'Not found');
	return doc;
}

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'governance:write');
	const doc = await planOf(event, organisationId);
	if (!doc) {
		const plans = (await documents.listDocuments(db(), organisationId)).filter(
			(d) => d.kind !== 'security_policy'
		);
		return { plan: null, plans: plans.map((p) => ({ id: p.id, title: p.title })) };
	}
	const versions = await documents.listVersions(db(), organisationId, doc.id);
	const [authors, people, systems] = await Promise.all([
		documents.listAuthors(
			db(),
			organisationId,
			versions.map((v) => v.id)
		),
		documents.listPeople(db(), organisationId),
		planSystems(db(), organisationId, doc.id)
	]);
	return {
		plan: { id: doc.id, title: doc.title },
		plans: [],
		versions: versions.map((v) => ({
			id: v.id,
			number: v.number,
			status: v.status,
			authorIds: authors.filter((a) => a.versionId === v.id).map((a) => a.personId)
		})),
		people: people.map((p) => ({
			value: p.id,
			label: p.jobTitle ? `${p.name}, ${p.jobTitle}` : p.name
		})),
		systems
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { actor, organisationId } = await authorise(event, 'governance:write');
		const doc = await planOf(event, organisationId);
		if (!doc)
			return fail(400, {
				values: null,
				errors: { plan: 'Choose the plan that was tested, from the list' } as Record<string, string>
			});
		const form = await event.request.clone().formData();
		const versionId = wholeNumberField(form, 'versionId');
		const version =
			versionId == null ? undefined : await documents.getVersion(db(), organisationId, versionId);
		if (!version || version.documentId !== doc.id) error(404, 'Not found');
		const systems = await planSystems(db(), organisationId, doc.id);
		return recordTest(
			event,
			actor,
			version.id,
			doc.id,
			systems.map((s) => s.id)
		);
	}
};
