/**
 * The funding sources page's save: a new source, or the one named by the form's `sourceId` at the
 * version it was opened at, through the one versioned-save path (a conflict names each field that
 * someone else changed, in words).
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Authorised } from '../auth/guard';
import { wholeNumberField } from './http';
import { recordOf } from './record';
import { answerSave, readVersion, refuse } from './versioned-save';
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
import * as funding from '../repos/funding';
import * as fundingService from '../services/funding';

const show = (field: SourceField, value: string): string =>
	field === 'kind'
		? (FUNDING_KIND_LABEL[value as FundingKind] ?? value)
		: field === 'spendType'
			? (SPEND_TYPE_LABEL[value as SpendType] ?? value)
			: value;

/** Creates a source, or updates the one named by the form's `sourceId` at the version it was opened at. */
export async function saveSource(
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
