import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db/database';
import { authorise, type Authorised } from '$lib/server/auth/guard';
import { idParam, wholeNumberField } from '$lib/server/web/http';
import { ownRecord, recordOf } from '$lib/server/web/record';
import { answerSave, readVersion, refuse } from '$lib/server/web/versioned-save';
import { can } from '$lib/domain/permissions';
import {
	FUNDING_KIND_LABEL,
	SPEND_TYPE_LABEL,
	parseFundingSourceForm,
	type FundingKind,
	type SpendType,
	SOURCE_FIELDS,
	SOURCE_FIELD_LABEL,
	notesError,
	readSourceForm,
	sourceComparable,
	sourceToFormValues,
	type SourceField
} from '$lib/domain/costs';
import * as funding from '$lib/server/repos/funding';
import * as fundingService from '$lib/server/services/funding';

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

const show = (field: SourceField, value: string): string =>
	field === 'kind'
		? (FUNDING_KIND_LABEL[value as FundingKind] ?? value)
		: field === 'spendType'
			? (SPEND_TYPE_LABEL[value as SpendType] ?? value)
			: value;

/** Creates a source, or updates the one named by the form's `sourceId` at the version it was opened at. */
async function saveSource(
	event: RequestEvent,
	actor: Authorised['actor'],
	mode: 'create' | 'update'
) {
	const form = await event.request.formData();
	const sourceId = mode === 'update' ? wholeNumberField(form, 'sourceId') : null;
	const posted = {
		values: readSourceForm(form),
		...readVersion(form, SOURCE_FIELDS),
		recordId: sourceId
	};
	if (mode === 'update') {
		if (sourceId == null)
			return refuse(posted, {
				name: 'The funding source to change is missing: open it again from the list'
			});
		await recordOf(
			event,
			actor.organisationId,
			'funding_source',
			funding.getFundingSource,
			sourceId
		);
	}
	const parsed = parseFundingSourceForm(posted.values);
	const errors = { ...(parsed.ok ? {} : parsed.errors), ...notesError(posted.values) };
	if (!parsed.ok || Object.keys(errors).length > 0) return refuse(posted, errors);
	const change = { ...parsed.value, notes: posted.values.notes };
	const result =
		sourceId == null
			? await fundingService.createFundingSource(actor, change)
			: await fundingService.updateFundingSource(actor, sourceId, posted.version, change);
	return answerSave(event, result, posted, {
		record: { kind: 'funding_source', id: sourceId ?? 0 },
		done: ({ source }) => ({
			to: `/funding?saved=${source.id}`,
			message: `Funding source saved: ${source.name}.`
		}),
		conflict: {
			fields: SOURCE_FIELDS,
			labels: SOURCE_FIELD_LABEL,
			show,
			saved: (current) => sourceComparable(sourceToFormValues(current)),
			yours: sourceComparable
		}
	});
}

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
