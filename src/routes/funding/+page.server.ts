import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { saveSource } from '$lib/server/web/funding-page';
import { idParam } from '$lib/server/web/http';
import { ownRecord } from '$lib/server/web/record';
import { can } from '$lib/domain/permissions';
import { sourceComparable, sourceToFormValues } from '$lib/domain/costs';
import * as funding from '$lib/server/repos/funding';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	const canEdit = can(role, 'catalogue:write');
	const sources = await funding.listFundingSources(db(), organisationId);
	const editParam = canEdit ? event.url.searchParams.get('edit') : null;
	const edit = editParam
		? await ownRecord(
				event,
				'funding_source',
				idParam(editParam),
				sources.find((s) => String(s.id) === editParam)
			)
		: undefined;
	const editing = edit
		? {
				id: edit.id,
				name: edit.name,
				version: edit.version,
				values: sourceToFormValues(edit),
				original: sourceComparable(sourceToFormValues(edit))
			}
		: null;
	return {
		canEdit,
		sources: sources.map(({ organisationId: _o, createdAt: _c, updatedAt: _u, ...s }) => s),
		editing
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		return saveSource(event, actor, 'create');
	},
	update: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		return saveSource(event, actor, 'update');
	}
};
