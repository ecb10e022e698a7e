/**
 * The recharge statement pages once the route has authorised the caller: which statement the caller
 * may see (the shared service's officers see every one of theirs; a partner only its own, once
 * issued; anything else the audited 404), and the form actions: prepare, issue, agree, dispute and
 * discard, each answering as every form does (redirect with the banner, or the one FormFailure).
 */
import type { RequestEvent } from '@sveltejs/kit';
import { db, snapshotRead } from '../db/database';
import * as statements from '../repos/recharge-statements';
import * as service from '../services/recharge-statements';
import * as views from '../services/recharge-statement-views';
import * as checks from '../services/recharge-statement-checks';
import { csvProducedResponse } from './csv-response';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';
import type { SpendType } from '$lib/domain/costs';
import type { Authorised } from '../auth/guard';
import type { Actor } from '../services/actor';
import type { StatementResult } from '../services/recharge-statements';
import { recordNotFound } from './record';
import { redirectWithSuccess } from './flash';
import { refuseButton } from './button-answer';
import { refuse } from './versioned-save';
import { wholeNumberField } from './http';
import { can } from '$lib/domain/permissions';
import { text } from '$lib/domain/forms';
import { FINGERPRINT_FIELD } from '$lib/domain/hashing';
import {
	STATEMENT_CSV_HEADER,
	periodLabel,
	statementCsvRows,
	statementFileStem
} from '$lib/domain/recharges';

type PageEvent = Pick<
	RequestEvent,
	'locals' | 'url' | 'request' | 'getClientAddress' | 'cookies' | 'params'
>;

/**
 * The statement `id` as the caller may read it: their own organisation's (the officer's view), or
 * one issued to their organisation (the partner's view); else the 404, audited when it exists.
 */
export async function statementFor(
	event: PageEvent,
	auth: Pick<Authorised, 'organisationId'>,
	id: number
) {
	return readable(event, auth.organisationId, id);
}

async function readable(event: PageEvent, organisationId: number, id: number) {
	const own = await statements.getStatement(db(), organisationId, id);
	const row =
		own ??
		(await statements.getStatementOfPartner(db(), organisationId, id)) ??
		(await recordNotFound(event, 'recharge_statement', id));
	return { row, audience: own ? ('officer' as const) : ('partner' as const) };
}

/**
 * A statement the caller may read but not act on this way (a partner issuing or deleting, an officer
 * answering): refused on the button with why, nothing changed.
 */
async function wrongSide(
	event: PageEvent,
	actor: Actor,
	id: number,
	needed: 'officer' | 'partner',
	action: string,
	version: number
) {
	const { audience } = await readable(event, actor.organisationId, id);
	if (audience === needed) return null;
	return refuseButton(
		400,
		{
			[action]:
				needed === 'officer'
					? 'Only the shared service’s officers issue or delete a statement: as its partner, agree or dispute it'
					: 'Only the partner’s own users agree or dispute a statement'
		},
		{ version, action }
	);
}

/** Where the page of lines starts, from the query string the page's next and previous links carry. */
function pageAt(url: URL): views.PageAt {
	const q = url.searchParams;
	const whole = (name: string) => {
		const n = Number(q.get(name));
		return q.has(name) && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
	};
	const cursor = (name: string) => {
		const [spendType, line] = (q.get(name) ?? '').split(':');
		const costLineId = Number(line);
		return (spendType === 'capital' || spendType === 'revenue') &&
			Number.isSafeInteger(costLineId) &&
			costLineId >= 0
			? { spendType: spendType as SpendType, costLineId }
			: undefined;
	};
	return {
		from: whole('from'),
		adjustment: whole('adjustment'),
		after: cursor('after'),
		before: q.get('before') === 'end' ? 'end' : cursor('before')
	};
}

/** Everything the statement page shows (its figures and one page of lines), with what the caller may do to it. */
export async function statementPage(event: PageEvent, auth: Authorised, id: number) {
	const { row, audience } = await statementFor(event, auth, id);
	const writer = can(auth.role, 'governance:write');
	const { figures, page } = await views.statementView(db(), row, pageAt(event.url));
	return {
		statement: {
			id: row.id,
			status: row.status,
			version: row.version,
			createdBy: row.createdBy,
			issuedAt: row.issuedAt,
			issuedBy: row.issuedBy,
			contentHash: row.contentHash,
			respondedAt: row.respondedAt,
			respondedBy: row.respondedBy,
			disputeReason: row.disputeReason
		},
		audience,
		figures,
		page,
		check: await checks.checkSummary(row),
		canIssue: audience === 'officer' && row.status === 'draft' && writer,
		canAnswer: audience === 'partner' && row.status === 'issued' && writer
	};
}

/** The issue confirmation: the draft's figures, its first page of lines, and the fingerprint of every line. */
export async function issuePage(event: PageEvent, auth: Authorised, id: number) {
	const { row, audience } = await statementFor(event, auth, id);
	if (audience !== 'officer' || row.status !== 'draft') return null;
	const { figures, page } = await views.statementView(db(), row, {});
	const digest = await views.draftDigest(db(), row);
	return {
		statement: { id, version: row.version },
		figures,
		page,
		fingerprint: digest.contentHash
	};
}

/** The full check of an issued statement: every stored line against the hash it was issued with. */
export async function checkLines(event: PageEvent, auth: Authorised, id: number) {
	const { row } = await statementFor(event, auth, id);
	const result = await checks.checkEveryLine(db(), row);
	return { lineCheck: result, action: 'check' };
}

/** The statement's lines as CSV, read and written a batch at a time in one snapshot. */
export async function statementCsvDownload(event: PageEvent, auth: Authorised, id: number) {
	const { row } = await statementFor(event, auth, id);
	const head = await views.headOf(db(), row);
	const named = { ...head, period: periodLabel(row.financialYear, row.quarter) };
	return csvProducedResponse(
		STATEMENT_CSV_HEADER,
		csvFileName(statementFileStem(head), todayInUk()),
		(emit) =>
			snapshotRead(async (ex) => {
				for await (const batch of views.statementLineBatches(ex, row))
					await emit(statementCsvRows(named, batch, row.contentHash));
			})
	);
}

/** A refusal from the statement services, as the one FormFailure on the button's field. */
async function refused(
	event: PageEvent,
	result: Exclude<StatementResult, { ok: true }>,
	id: number,
	version: number,
	action: string,
	values: Record<string, string> = {}
) {
	switch (result.reason) {
		case 'not-found':
			return recordNotFound(event, 'recharge_statement', id);
		case 'conflict':
			return refuseButton(
				409,
				{
					[action]: 'Someone changed this statement after you opened it: it is shown as it is now'
				},
				{ version: result.current.version, values, action, conflict: true }
			);
		case 'forbidden':
			return refuseButton(403, { [action]: result.message }, { version, values, action });
		case 'invalid': {
			// A rule about the whole statement is shown on the button; a field's on the field.
			const errors = result.errors.form ? { [action]: result.errors.form } : result.errors;
			return refuseButton(400, errors, { version, values, action });
		}
	}
}

/** Prepares a draft statement for one partner and period. */
export async function prepareStatement(event: PageEvent, actor: Actor) {
	const form = await event.request.formData();
	const values = {
		partnerOrganisationId: text(form, 'partnerOrganisationId'),
		financialYear: text(form, 'financialYear').trim(),
		quarter: text(form, 'quarter')
	};
	const posted = { values, version: 0, original: null, action: 'prepare' };
	const quarter = wholeNumberField(form, 'quarter');
	if (quarter == null) return refuse(posted, { quarter: 'Choose the whole year or a quarter' });
	const result = await service.createStatementDraft(actor, {
		partnerOrganisationId: wholeNumberField(form, 'partnerOrganisationId') ?? 0,
		financialYear: values.financialYear,
		quarter
	});
	if (result.ok)
		redirectWithSuccess(
			event,
			`/recharges/statements/${result.statement.id}`,
			`Draft statement for ${periodLabel(result.statement.financialYear, result.statement.quarter)} prepared. Its lines are worked out from the recharges until it is issued.`
		);
	return refuse(posted, result.reason === 'invalid' ? result.errors : { form: 'Not prepared' });
}

/** Issues the draft exactly as the confirmation page showed it. */
export async function issueStatement(event: PageEvent, actor: Actor, id: number) {
	const form = await event.request.formData();
	const version = wholeNumberField(form, 'version') ?? -1;
	const fingerprint = text(form, FINGERPRINT_FIELD);
	const refusal = await wrongSide(event, actor, id, 'officer', 'issue', version);
	if (refusal) return refusal;
	const result = await service.issueStatement(actor, id, version, fingerprint);
	if (result.ok)
		redirectWithSuccess(
			event,
			`/recharges/statements/${id}`,
			'Statement issued and frozen. The partner can now read it, and agree or dispute it.'
		);
	return refused(event, result, id, version, 'issue');
}

/** The partner's answer: agreed, or disputed with its reason (kept as typed when refused). */
export async function answerStatement(
	event: PageEvent,
	actor: Actor,
	id: number,
	status: 'agreed' | 'disputed'
) {
	const form = await event.request.formData();
	const version = wholeNumberField(form, 'version') ?? -1;
	const reason = status === 'disputed' ? text(form, 'reason') : '';
	const action = status === 'agreed' ? 'agree' : 'dispute';
	const refusal = await wrongSide(event, actor, id, 'partner', action, version);
	if (refusal) return refusal;
	const result = await service.answerStatement(actor, id, version, { status, reason });
	if (result.ok)
		redirectWithSuccess(
			event,
			`/recharges/statements/${id}`,
			status === 'agreed'
				? 'Statement agreed.'
				: 'Statement disputed. The shared service’s officers can read your reason.'
		);
	return refused(event, result, id, version, action, { reason });
}

/** Deletes a draft prepared by mistake. */
export async function discardStatement(event: PageEvent, actor: Actor, id: number) {
	const form = await event.request.formData();
	const version = wholeNumberField(form, 'version') ?? -1;
	const refusal = await wrongSide(event, actor, id, 'officer', 'discard', version);
	if (refusal) return refusal;
	const result = await service.discardStatementDraft(actor, id, version);
	if (result.ok) redirectWithSuccess(event, '/recharges/statements', 'Draft statement deleted.');
	return refused(event, result, id, version, 'discard');
}
