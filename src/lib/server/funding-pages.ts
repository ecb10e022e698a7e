/**
 * The /funding page's actions once the route has authorised the caller: create a source, or save a
 * source and its allocations from the version the form was opened at.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { redirectWithSuccess } from './web/flash';
import { db } from './db/database';
import { notFound } from './auth/guard';
import { wholeNumberField } from './web/http';
import * as funding from './repos/funding';
import * as fundingService from './services/funding';
import type { Actor } from './services/actor';
import { FUNDING_KIND_LABEL, SPEND_TYPE_LABEL, parseFundingSourceForm, type FundingKind, type SpendType, SOURCE_FIELDS, SOURCE_FIELD_LABEL, describeChanges, notesError, readOriginalValues, readSourceForm, sourceComparable, sourceToFormValues, type ChangeRow, type SourceField, type SourceFormValues } from '$lib/domain/costs';

const sourceExists = (organisationId: number, id: number) => funding.fundingSourceExistsElsewhere(db(), organisationId, id);

const show = (field: SourceField, value: string): string =>
	field === 'kind' ? (FUNDING_KIND_LABEL[value as FundingKind] ?? value) : field === 'spendType' ? (SPEND_TYPE_LABEL[value as SpendType] ?? value) : value;

/** What a refused save sends back: what was typed, the problems, and for a conflict what changed. */
interface SourceFormState {
	values: SourceFormValues;
	errors: Record<string, string>;
	version?: number;
	original?: Record<SourceField, string> | null;
	sourceId: number | null;
	conflict?: ChangeRow[];
}
const refuse = (status: number, state: SourceFormState) => fail(status, state);

/** Creates (`mode` 'create') or updates the source named by the form's `sourceId`; redirects to /funding when saved. */
export async function saveSource(event: RequestEvent, actor: Actor, mode: 'create' | 'update') {
	const form = await event.request.formData();
	const values = readSourceForm(form);
	let sourceId: number | null = null;
	if (mode === 'update') {
		sourceId = wholeNumberField(form, 'sourceId');
		if (sourceId == null) return refuse(400, { values, errors: { name: 'The funding source to change is missing: open it again from the list' }, sourceId });
		if (!(await funding.getFundingSource(db(), actor.organisationId, sourceId))) return notFound(event, 'funding_source', sourceId, sourceExists);
	}
	// A missing or tampered version can never match, so it is treated as a conflict, never a 500.
	const version = wholeNumberField(form, 'version') ?? -1;
	const original = readOriginalValues(form.get('original'), SOURCE_FIELDS);
	const parsed = parseFundingSourceForm(values);
	const errors = { ...(parsed.ok ? {} : parsed.errors), ...notesError(values) };
	if (!parsed.ok || Object.keys(errors).length > 0) return refuse(400, { values, errors, version, original, sourceId });
	const change = { ...parsed.value, notes: values.notes };
	const result = sourceId == null ? await fundingService.createFundingSource(actor, change) : await fundingService.updateFundingSource(actor, sourceId, version, change);
	if (result.ok) redirectWithSuccess(event, `/funding?saved=${result.source.id}`, `Funding source saved: ${result.source.name}.`);
	if (result.reason === 'not-found') return notFound(event, 'funding_source', sourceId ?? 0, sourceExists);
	if (result.reason === 'duplicate-name') return refuse(400, { values, errors: { name: 'A funding source with this name already exists' }, version, original, sourceId });
	const saved = sourceComparable(sourceToFormValues(result.current));
	const conflict = describeChanges(SOURCE_FIELDS, SOURCE_FIELD_LABEL, original, saved, sourceComparable(values), show);
	return refuse(409, { values, errors: {}, version: result.current.version, original: saved, sourceId, conflict });
}
