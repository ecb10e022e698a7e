/**
 * The reconciliation pages' form actions once the route has authorised the caller: a partner's
 * ledger upload and commit (always for the caller's own organisation, on a shared service it is a
 * partner of today: any other is the audited 404 of a missing record), and the shared service's
 * tolerance. Thin routes call these.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { db } from '../db/database';
import * as partnerships from '../repos/governance-partnerships';
import * as ledgerImport from '../services/ledger-import';
import * as reconciliation from '../services/reconciliation';
import { importMaxBytes, uploadFile } from '../services/import-upload';
import type { Authorised } from '../auth/guard';
import { readUploadedFile } from './uploaded-file';
import { recordNotFound } from './record';
import { redirectWithSuccess } from './flash';
import { wholeNumberField } from './http';
import { todayInUk } from '$lib/domain/dates';
import { fieldError, text } from '$lib/domain/forms';
import { readLedgerImportOptions } from '$lib/domain/csv/preview-options';

/** The shared service `[id]` names, when the caller's organisation is its partner today; else the audited 404. */
export async function sharedServiceOfPartner(event: RequestEvent, organisationId: number) {
	const sharedId = Number(event.params.id);
	if (!(await partnerships.isPartnerOn(db(), sharedId, organisationId, todayInUk())))
		return recordNotFound(event, 'organisation', sharedId);
	return sharedId;
}

const pageOf = (sharedId: number) => `/recharges/reconciliation/shared/${sharedId}`;

/** Keeps the partner's file (after the upload checks) and opens its preview. */
export async function uploadLedger(event: RequestEvent, { actor, organisationId }: Authorised) {
	const sharedId = await sharedServiceOfPartner(event, organisationId);
	// Not request.formData(): it parses a 20 MB body in one synchronous step.
	const file = await readUploadedFile(event.request, 'file', importMaxBytes());
	if (!file.ok) return fail(400, { errors: fieldError('file', file.reason) });
	const kept = await uploadFile(actor, file.name, file.bytes);
	if (!kept.ok) return fail(400, { errors: fieldError('file', `${file.name}: ${kept.reason}`) });
	redirectWithSuccess(
		event,
		`${pageOf(sharedId)}?upload=${kept.uploadId}#preview`,
		`${file.name} uploaded. Check the preview, then import it.`
	);
}

const COMMIT_REFUSED = {
	'not-ready': 'This file cannot be imported until the problems below are fixed.',
	changed:
		'The file reads differently from the preview you saw, or another extract of the same years was imported since. Check the new preview below, then import again.'
} as const;

/** Imports the previewed extract, all or nothing, if the partner confirmed what it replaces. */
export async function commitLedger(event: RequestEvent, { actor, organisationId }: Authorised) {
	const sharedId = await sharedServiceOfPartner(event, organisationId);
	const form = await event.request.formData();
	const uploadId = wholeNumberField(form, 'upload');
	if (uploadId == null)
		return fail(400, { commitError: 'Upload a ledger extract and check its preview first.' });
	const result = await ledgerImport.commitLedger(
		actor,
		sharedId,
		uploadId,
		readLedgerImportOptions(form),
		text(form, 'plan'),
		text(form, 'replace') === 'yes'
	);
	if (result.ok)
		redirectWithSuccess(
			event,
			pageOf(sharedId),
			`${result.lineCount} ledger ${result.lineCount === 1 ? 'line' : 'lines'} of ${result.years.join(', ')} imported${
				result.replaced > 0 ? `, replacing the ${result.replaced} lines held before` : ''
			}.`
		);
	if (result.reason === 'not-found') return recordNotFound(event, 'import', uploadId);
	if (result.reason === 'confirm')
		return fail(400, {
			errors: fieldError(
				'replace',
				'Confirm that this extract replaces the ledger lines you uploaded before for the same years'
			)
		});
	return fail(409, { commitError: COMMIT_REFUSED[result.reason] });
}

/** Sets the shared service's tolerance. */
export async function saveTolerance(event: RequestEvent, { actor }: Authorised) {
	const form = await event.request.formData();
	const tolerance = text(form, 'tolerance');
	const result = await reconciliation.setTolerance(actor, tolerance);
	if (result.ok)
		redirectWithSuccess(event, '/recharges/reconciliation', 'Reconciliation tolerance saved.');
	return fail(400, {
		values: { tolerance },
		errors: result.reason === 'invalid' ? result.errors : { tolerance: 'Not saved' }
	});
}
