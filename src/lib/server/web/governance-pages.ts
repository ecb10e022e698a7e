/**
 * The governance forms' actions once the route has authorised the caller: parse with the domain
 * parser, call the service, and redirect or answer the form again. The two versioned records (a
 * system's recovery objectives, the partnership agreement) answer through the one versioned-save
 * helper as a FormFailure; the partner lists' plain forms answer `fail(400, { form, values, errors })`.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { redirectWithSuccess } from './flash';
import { wholeNumberField } from './http';
import type { Actor } from '../services/actor';
import * as recoveryService from '../services/governance-recovery';
import * as partnershipService from '../services/governance-partnerships';
import { fieldError, text } from '$lib/domain/forms';
import { answerSave, readVersion, refuse } from './versioned-save';
import { parseDateInput } from '$lib/domain/dates';
import { QUORUM_RULE_LABEL, type QuorumRule } from '$lib/domain/governance/quorum';
import {
	AGREEMENT_FIELDS,
	AGREEMENT_LABELS,
	type AgreementValues,
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

/**
 * The version a create-or-change form posts: 0 when it was opened before the record existed (a
 * stored version starts at 1), which the services take as null. A missing or tampered one is -1
 * (readVersion), which never matches, so it is a conflict.
 */
const openedAt = (version: number): number | null => (version === 0 ? null : version);

/** Saves a system's recovery objectives from the version its form was opened at. */
export async function saveObjectives(event: RequestEvent, actor: Actor, systemId: number) {
	const form = await event.request.formData();
	const posted = { values: readObjectiveForm(form), ...readVersion(form, OBJECTIVE_FIELDS) };
	const parsed = parseObjectiveForm(posted.values);
	if (!parsed.ok) return refuse(posted, parsed.errors);
	const result = await recoveryService.saveObjectives(
		actor,
		systemId,
		openedAt(posted.version),
		parsed.value
	);
	return answerSave(event, result, posted, {
		record: { kind: 'system', id: systemId },
		done: () => ({ to: `/systems/${systemId}/recovery`, message: 'Recovery objectives saved.' }),
		conflict: {
			fields: OBJECTIVE_FIELDS,
			labels: OBJECTIVE_LABELS,
			// Durations compared as minutes, so '4h' typed and '240m' saved are the same.
			saved: (current) => objectiveComparable(objectiveValues(current.objectives)),
			yours: objectiveComparable
		}
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
): AgreementValues {
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
	const posted = {
		values: readAgreementForm(form),
		...readVersion(form, AGREEMENT_FIELDS),
		action: 'agreement'
	};
	const parsed = parseAgreementForm(posted.values);
	if (!parsed.ok) return refuse(posted, parsed.errors);
	const result = await partnershipService.saveAgreement(
		actor,
		openedAt(posted.version),
		parsed.value
	);
	return answerSave(event, result, posted, {
		// There is one agreement per organisation: it is found by the caller's organisation, never by an id.
		record: { kind: 'organisation', id: actor.organisationId },
		done: () => ({ to: '/governance/partnership', message: 'Partnership agreement saved.' }),
		conflict: {
			fields: AGREEMENT_FIELDS,
			labels: AGREEMENT_LABELS,
			saved: agreementValues,
			show: agreementShow
		}
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
		return fail(400, {
			form: 'systems',
			values: {},
			errors: fieldError('systemId', 'Choose a system')
		});
	const result = await partnershipService.setSystemPartners(actor, systemId, partnerIds);
	if (!result.ok) return fail(400, { form: 'systems', values: {}, errors: result.errors });
	redirectWithSuccess(event, '/governance/partnership', 'Partners of the system saved.');
}
