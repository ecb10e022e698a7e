/**
 * The 'record a recovery test' page: the plan named by `?document=` (a continuity or recovery plan
 * of the caller's organisation, else the audited 404), what its form needs, and the action that
 * checks the posted version belongs to that plan before recording.
 */
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { db } from '../db/database';
import { recordNotFound } from './record';
import { idParam, wholeNumberField } from './http';
import { recordTest } from './governance-record-pages';
import * as documents from '../repos/governance-documents';
import { planSystems } from '../services/governance-recovery';
import type { Actor } from '../services/actor';
import { fieldError } from '$lib/domain/forms';

type PageEvent = RequestEvent & { url: URL };

/** The plan named by ?document= (a continuity or recovery plan of this organisation), else 404; null when none is named. */
async function planOf(event: PageEvent, organisationId: number) {
	const raw = event.url.searchParams.get('document');
	if (raw == null) return null;
	const id = idParam(raw);
	const doc =
		(await documents.getDocument(db(), organisationId, id)) ??
		(await recordNotFound(event, 'governance_document', id));
	if (doc.kind === 'security_policy') error(404, 'Not found');
	return doc;
}

/** The plans to choose from, or the chosen plan's versions (with authors), people and systems. */
export async function testPageData(event: PageEvent, organisationId: number) {
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
}

/** Records the test of the posted version, which must be a version of the plan the page names. */
export async function recordTestOfPlan(event: PageEvent, actor: Actor) {
	const doc = await planOf(event, actor.organisationId);
	if (!doc)
		return fail(400, {
			values: null,
			errors: fieldError('plan', 'Choose the plan that was tested, from the list')
		});
	const form = await event.request.clone().formData();
	const versionId = wholeNumberField(form, 'versionId');
	const version =
		versionId == null
			? undefined
			: await documents.getVersion(db(), actor.organisationId, versionId);
	if (!version || version.documentId !== doc.id) error(404, 'Not found');
	const systems = await planSystems(db(), actor.organisationId, doc.id);
	return recordTest(
		event,
		actor,
		version.id,
		doc.id,
		systems.map((s) => s.id)
	);
}
