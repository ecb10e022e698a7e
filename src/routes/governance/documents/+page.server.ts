import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import { todayInUk } from '$lib/domain/dates';
import * as documentsRepo from '$lib/server/repos/governance-documents';
import * as register from '$lib/server/services/governance-register';
import * as recovery from '$lib/server/repos/governance-recovery';
import { addPerson, createDocument } from '$lib/server/web/governance-record-pages';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'governance:read');
	const canEdit = can(role, 'governance:write');
	const documents = await register.documentRegister(db(), organisationId, todayInUk());
	const [people, systems] = await Promise.all([
		documentsRepo.listPeople(db(), organisationId),
		canEdit ? recovery.listSystemsForGovernance(db(), organisationId) : []
	]);
	return {
		canEdit,
		documents: documents.map((d) => ({
			id: d.id,
			kind: d.kind,
			title: d.title,
			scope: d.scope,
			serviceName: d.serviceName,
			restricted: d.restricted,
			systems: d.systems.length,
			// The status only: a restricted policy's summary and link leave the server only on an audited read.
			latest: d.versions[0]
				? {
						number: d.versions[0].number,
						status: d.versions[0].status,
						ratified: d.versions[0].ratified
					}
				: null,
			current: d.current && {
				number: d.current.number,
				reviewBy: d.current.reviewBy,
				ratified: d.current.ratified,
				reviewOverdue: d.current.reviewOverdue
			}
		})),
		people: people.map((p) => ({
			value: p.id,
			label: p.jobTitle ? `${p.name}, ${p.jobTitle}` : p.name
		})),
		systems: systems.map((s) => ({ value: s.id, label: s.name }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { actor } = await authorise(event, 'governance:write');
		return createDocument(event, actor);
	},
	person: async (event) => {
		const { actor } = await authorise(event, 'governance:write');
		return addPerson(event, actor);
	}
};
