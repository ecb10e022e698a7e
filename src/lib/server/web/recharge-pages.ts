/**
 * The recharge page's form actions once the route has authorised the caller: parse with the domain
 * parser, call the service, answer through the one versioned-save helper (redirect with the banner,
 * or the form again as a FormFailure: 400 with errors, 409 with what someone else changed).
 */
import type { RequestEvent } from '@sveltejs/kit';
import { db } from '../db/database';
import * as partnerships from '../repos/governance-partnerships';
import * as keys from '../repos/recharge-keys';
import * as keyService from '../services/recharge-keys';
import * as centreService from '../services/partner-cost-centres';
import type { Actor } from '../services/actor';
import { answerSave, readVersion, refuse } from './versioned-save';
import { wholeNumberField } from './http';
import { text } from '$lib/domain/forms';
import {
	COST_CENTRE_KINDS,
	keyFormFields,
	keyFormValues,
	parseKeyForm,
	readKeyForm,
	type CostCentreKind
} from '$lib/domain/recharges';

const NOT_SHARED =
	'This organisation is not a shared service: a platform administrator records its partnership agreement first';

async function partnerIdsOf(organisationId: number): Promise<number[]> {
	const partners = await partnerships.listPartners(db(), organisationId);
	return [...new Set(partners.map((p) => p.partnerOrganisationId))];
}

function keyLabels(fields: readonly string[]): Record<string, string> {
	const words: Record<string, string> = {
		financialYear: 'Financial year',
		appliesTo: 'Applies to',
		costLineId: 'Cost line',
		kind: 'Kind of key',
		measure: 'Driver',
		source: 'Source',
		asAt: 'As at'
	};
	return Object.fromEntries(
		fields.map((f) => [
			f,
			words[f] ?? (f.startsWith('value-') ? 'A partner’s value' : 'A partner’s cost centre')
		])
	);
}

/** Creates or changes an allocation key; the year's recharges are worked out again in its transaction. */
export async function saveKey(event: RequestEvent, actor: Actor) {
	const form = await event.request.formData();
	const ids = await partnerIdsOf(actor.organisationId);
	const fields = keyFormFields(ids);
	const keyId = wholeNumberField(form, 'keyId');
	const posted = {
		values: readKeyForm(form, ids),
		...readVersion(form, fields),
		recordId: keyId,
		action: 'key'
	};
	if (!(await partnerships.getAgreement(db(), actor.organisationId)))
		return refuse(posted, { financialYear: NOT_SHARED });
	const parsed = parseKeyForm(posted.values, ids);
	if (!parsed.ok) return refuse(posted, parsed.errors);
	const result = await keyService.saveKey(actor, keyId, posted.version, parsed.value);
	return answerSave(event, result, posted, {
		record: { kind: 'allocation_key', id: keyId ?? 0 },
		done: ({ key }) => ({
			to: `/recharges?year=${encodeURIComponent(key.financialYear)}`,
			message: `Allocation key saved. The ${key.financialYear} recharges were worked out again with it.`
		}),
		conflict: {
			fields,
			labels: keyLabels(fields),
			saved: (current: keys.StoredKey) => keyFormValues(current, ids)
		}
	});
}

/** Removes a key at the version the page showed; its lines fall to the next key that covers them. */
export async function removeKey(event: RequestEvent, actor: Actor) {
	const form = await event.request.formData();
	const keyId = wholeNumberField(form, 'keyId');
	const posted = {
		values: { keyId: text(form, 'keyId') },
		version: wholeNumberField(form, 'version') ?? -1,
		original: null,
		recordId: keyId,
		action: 'remove'
	};
	if (keyId == null) return refuse(posted, { keyId: 'Choose a key to remove from the list' });
	const result = await keyService.removeKey(actor, keyId, posted.version);
	return answerSave(event, result, posted, {
		record: { kind: 'allocation_key', id: keyId },
		done: ({ key }) => ({
			to: `/recharges?year=${encodeURIComponent(key.financialYear)}`,
			message: `Allocation key removed. The ${key.financialYear} recharges were worked out again without it.`
		})
	});
}

/** Records a cost centre for one of the partners. */
export async function addCostCentre(event: RequestEvent, actor: Actor) {
	const form = await event.request.formData();
	const values = {
		partnerOrganisationId: text(form, 'partnerOrganisationId'),
		code: text(form, 'code'),
		name: text(form, 'name'),
		kind: text(form, 'kind')
	};
	const posted = { values, version: 0, original: null, action: 'centre' };
	if (!(await partnerships.getAgreement(db(), actor.organisationId)))
		return refuse(posted, { partnerOrganisationId: NOT_SHARED });
	const kind = (COST_CENTRE_KINDS as readonly string[]).includes(values.kind)
		? (values.kind as CostCentreKind)
		: null;
	if (!kind) return refuse(posted, { kind: 'Choose whether it is a service’s or a school’s' });
	const result = await centreService.addCostCentre(
		actor,
		wholeNumberField(form, 'partnerOrganisationId') ?? 0,
		{ code: values.code, name: values.name, kind }
	);
	return answerSave(event, result, posted, {
		record: { kind: 'partner_cost_centre', id: 0 },
		done: ({ centre }) => ({
			to: '/recharges',
			message: `Cost centre ${centre.code} recorded.`
		})
	});
}
