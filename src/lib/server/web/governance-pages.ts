/**
 * The governance forms' actions once the route has authorised the caller: parse with the domain
 * parser, call the service, and answer `fail(400|409, { values, errors, ... })` or redirect. All the
 * governance save code lives here (and in governance-record-pages.ts), so moving it onto the shared
 * versioned-save helper later is one change.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { redirectWithSuccess } from './flash';
import { wholeNumberField } from './http';
import type { Actor } from '../services/actor';
import * as recoveryService from '../services/governance-recovery';
import * as partnershipService from '../services/governance-partnerships';
import { describeChanges, readOriginalValues, text } from '$lib/domain/forms';
import { parseDateInput } from '$lib/domain/dates';
import { QUORUM_RULE_LABEL, type QuorumRule } from '$lib/domain/governance/quorum';
import {
	AGREEMENT_FIELDS,
	AGREEMENT_LABELS,
	OBJECTIVE_FIELDS,
	OBJECTIVE_LABELS,
	objectiveComparable,
	objectiveValues,
	parseAgreementForm,
	parseObjectiveForm,
	readAgreementForm,
	readObjectiveForm
} from '$lib/domain/governance/forms';
import { isoToInput } from '$lib/domain/dates';

/** Saves a system's recovery objectives from the version its form was opened at. */
export async function saveObjectives(event: RequestEvent, actor: Actor, systemId: number) {
	const form = await event.request.formData();
	const values = readObjectiveForm(form);
	// '' means the form was opened when the system had none; a tampered value never matches, so it is a conflict.
	const versionText = text(form, 'version');
	const version = versionText === '' ? null : (wholeNumberField(form, 'version') ?? -1);
	const original = readOriginalValues(form.get('original'), OBJECTIVE_FIELDS);
	const parsed = parseObjectiveForm(values);
	if (!parsed.ok)
		return fail(400, { values, errors: parsed.errors, version: versionText, original });
	const result = await recoveryService.saveObjectives(actor, systemId, version, parsed.value);
	if (result.ok)
		redirectWithSuccess(event, `/systems/${systemId}/recovery`, 'Recovery objectives saved.');
	if (result.reason === 'not-found')
		return fail(404, {
			values,
			errors: { rto: 'The system is no longer there' },
			version: versionText,
			original
		});
	const saved = objectiveComparable(objectiveValues(result.current));
	const conflict = describeChanges(
		OBJECTIVE_FIELDS,
		OBJECTIVE_LABELS,
		original,
		saved,
		objectiveComparable(values)
	);
	return fail(409, {
		values,
		errors: {},
		version: result.current ? String(result.current.version) : '',
		original: saved,
		conflict
	});
}

const agreementShow = (field: string, value: string) =>
	field === 'quorumRule' ? (QUORUM_RULE_LABEL[value as QuorumRule] ?? value) : value;

export function agreementValues(
	a:
		| {
				title: string;
				reference: string;
				signedOn: string;
				quorumRule: QuorumRule;
				quorumMinimum: number | null;
		  }
		| undefined
) {
	return a
		? {
				title: a.title,
				reference: a.reference,
				signedOn: isoToInput(a.signedOn),
				quorumRule: a.quorumRule,
				quorumMinimum: a.quorumMinimum == null ? '' : String(a.quorumMinimum)
			}
		: { title: '', reference: '', signedOn: '', quorumRule: 'all', quorumMinimum: '' };
}

/** Creates or saves the partnership agreement from the version its form was opened at. */
export async function saveAgreement(event: RequestEvent, actor: Actor) {
	const form = await event.request.formData();
	const values = readAgreementForm(form);
	const versionText = text(form, 'version');
	const version = versionText === '' ? null : (wholeNumberField(form, 'version') ?? -1);
	const original = readOriginalValues(form.get('original'), AGREEMENT_FIELDS);
	const parsed = parseAgreementForm(values);
	if (!parsed.ok)
		return fail(400, {
			form: 'agreement',
			values,
			errors: parsed.errors,
			version: versionText,
			original
		});
	const result = await partnershipService.saveAgreement(actor, version, parsed.value);
	if (result.ok)
		redirectWithSuccess(event, '/governance/partnership', 'Partnership agreement saved.');
	const saved = agreementValues(result.current);
	const conflict = describeChanges(
		AGREEMENT_FIELDS,
		AGREEMENT_LABELS,
		original,
		saved,
		values,
		agreementShow
	);
	return fail(409, {
		form: 'agreement',
		values,
		errors: {},
		version: String(result.current.version),
		original: saved,
		conflict
	});
}

function dateField(
	errors: Record<string, string>,
	field: string,
	label: string,
	raw: string
): string | null {
	if (raw === '') {
		errors[field] = `Enter the ${label.toLowerCase()}`;
		return null;
	}
	const d = parseDateInput(raw);
	if (!d.ok) errors[field] = `${label}: ${d.reason}`;
	return d.ok ? d.iso : null;
}

/** Adds a partner organisation from the day it joined. */
export async function joinPartner(event: RequestEvent, actor: Actor) {
	const form = await event.request.formData();
	const values = {
		partnerOrganisationId: text(form, 'partnerOrganisationId'),
		joinedOn: text(form, 'joinedOn')
	};
	const errors: Record<string, string> = {};
	const partnerId = wholeNumberField(form, 'partnerOrganisationId');
	if (partnerId == null) errors.partnerOrganisationId = 'Choose the partner organisation';
	const joinedOn = dateField(errors, 'joinedOn', 'Date joined', values.joinedOn);
	if (partnerId == null || joinedOn == null) return fail(400, { form: 'join', values, errors });
	const result = await partnershipService.addPartner(actor, partnerId, joinedOn);
	if (!result.ok) return fail(400, { form: 'join', values, errors: result.errors });
	redirectWithSuccess(event, '/governance/partnership', 'Partner added.');
}

/** Records the day a partner left. */
export async function leavePartner(event: RequestEvent, actor: Actor) {
	const form = await event.request.formData();
	const values = { membershipId: text(form, 'membershipId'), leftOn: text(form, 'leftOn') };
	const errors: Record<string, string> = {};
	const membershipId = wholeNumberField(form, 'membershipId');
	const leftOn = dateField(errors, 'leftOn', 'Date left', values.leftOn);
	if (membershipId == null) errors.leftOn = 'Choose the partner that left';
	if (membershipId == null || leftOn == null) return fail(400, { form: 'leave', values, errors });
	const result = await partnershipService.recordPartnerLeft(actor, membershipId, leftOn);
	if (!result.ok) return fail(400, { form: 'leave', values, errors: result.errors });
	redirectWithSuccess(event, '/governance/partnership', 'Partner recorded as left.');
}

/** Which partners a system is run for. */
export async function setSystemPartners(event: RequestEvent, actor: Actor) {
	const form = await event.request.formData();
	const systemId = wholeNumberField(form, 'systemId');
	const partnerIds = form
		.getAll('partnerIds')
		.map(String)
		.filter((v) => /^[1-9]\d{0,15}$/.test(v))
		.map(Number);
	if (systemId == null)
		return fail(400, { form: 'systems', values: {}, errors: { systemId: 'Choose a system' } });
	const result = await partnershipService.setSystemPartners(actor, systemId, partnerIds);
	if (!result.ok) return fail(400, { form: 'systems', values: {}, errors: result.errors });
	redirectWithSuccess(event, '/governance/partnership', 'Partners of the system saved.');
}
