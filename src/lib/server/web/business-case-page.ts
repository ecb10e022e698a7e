/**
 * What the business case pages share once a route has authorised the caller: finding the case (or
 * the version) named by the URL in the caller's organisation, reading the posted version and item,
 * and turning a service's answer into a redirect or the form's state (never a stack trace).
 */
import { error, fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { wholeNumberField } from './http';
import * as cases from '../repos/business-cases';
import * as caseService from '../services/business-cases';
import * as decisions from '../services/business-case-decisions';
import type { FormFailure } from '$lib/domain/forms';
import { redirectWithSuccess } from './flash';
import { recordOf } from './record';
import { refuse, type Posted } from './versioned-save';
import { answerButton } from './button-answer';
import { authorise } from '../auth/guard';
import type { Actor } from '../services/actor';
import type { CaseResult } from '../services/business-case-draft';
import type { BusinessCaseContent } from '$lib/domain/business-cases';
import type { Parsed } from '$lib/domain/systems';

type Event = Pick<RequestEvent, 'params' | 'locals' | 'url' | 'request' | 'getClientAddress'> & {
	params: Partial<Record<string, string>>;
};

/** The case named by `[id]` with its current version, history and decisions, or a 404 (audited when it is another organisation's). */
export async function caseOf(
	event: Event,
	organisationId: number
): Promise<caseService.BusinessCaseDetail> {
	return recordOf(event, organisationId, 'business_case', (_ex, organisationId, id) =>
		caseService.getBusinessCaseDetail(organisationId, id)
	);
}

/** Version `[n]` of case `[id]`: its figures (a frozen one's snapshot as approved), and for a frozen one the hash check. */
export async function versionOf(event: Event, organisationId: number) {
	const id = Number(event.params.id);
	const number = Number(event.params.n);
	const businessCase = await recordOf(
		event,
		organisationId,
		'business_case',
		cases.getBusinessCase,
		id
	);
	const version = await caseService.getVersion(organisationId, id, number);
	if (!version) error(404, 'Not found');
	const figures = (await caseService.figuresOf(organisationId, id, number))!;
	const verified = version.snapshot
		? ((await decisions.verifyFrozenVersion(organisationId, id, number)) ?? null)
		: null;
	const { content: _c, snapshot: _s, ...summary } = version;
	return { businessCase, version: summary, figures, verified };
}

/** The case version a form was opened at; a missing or tampered one can never match, so it is a conflict, never a 500. */
export const postedVersion = (form: FormData) => wholeNumberField(form, 'version') ?? -1;

/** The option, risk or benefit a form edits ('option-2'), or null for a new one; anything malformed is a 404. */
export function postedItem(form: FormData, prefix: 'option' | 'risk' | 'benefit'): string | null {
	const raw = String(form.get('itemId') ?? '');
	if (raw === '') return null;
	if (
		!new RegExp(`^${prefix}-[1-9]\\d{0,5}$`).test(raw) &&
		!(prefix === 'option' && raw === 'do-minimum')
	)
		error(404, 'Not found');
	return raw;
}

/** The item `?edit=` names (null when the page is not editing one); an id the case does not hold is a 404. */
export function itemToEdit<I extends { id: string }>(url: URL, items: I[]): I | null {
	const edit = url.searchParams.get('edit');
	if (!edit) return null;
	return items.find((i) => i.id === edit) ?? error(404, 'Not found');
}

/**
 * A list of a case's items edited on a page of its own (risks, benefits): the page's own parts. The
 * load, the save and the remove are the same for each and live here.
 */
export interface CaseItemPage<I extends { id: string }, V, P> {
	/** The item's id prefix ('risk-3') and the page's path under the case ('risks'). */
	prefix: 'risk' | 'benefit';
	path: string;
	/** 'Risk': starts the success banners. */
	label: string;
	items: (content: BusinessCaseContent) => I[];
	toValues: (item: I) => V;
	read: (form: FormData) => V;
	parse: (values: V) => Parsed<P, V>;
	save: (
		actor: Actor,
		caseId: number,
		version: number,
		itemId: string | null,
		input: P
	) => Promise<CaseResult>;
	remove: (actor: Actor, caseId: number, version: number, itemId: string) => Promise<CaseResult>;
}

/** The page's data: the case, its status, the item being edited (`?edit=risk-2`, else a 404) and the empty form; `list` adds the page's own list. */
export async function loadCaseItems<I extends { id: string }, V, P, L extends object>(
	event: Event,
	page: CaseItemPage<I, V, P>,
	empty: V,
	list: (items: I[]) => L
) {
	const { organisationId } = await authorise(event, 'business-case:write');
	const { businessCase, current } = await caseOf(event, organisationId);
	const items = page.items(current.content);
	const editing = itemToEdit(event.url, items);
	return {
		businessCase: { id: businessCase.id, title: businessCase.title, version: businessCase.version },
		status: current.status,
		...list(items),
		editing: editing ? { id: editing.id, values: page.toValues(editing) } : null,
		newValues: empty
	};
}

/** The save and remove actions of an item page: authorise, find the case, parse, call the service, answer. */
export function caseItemActions<I extends { id: string }, V, P extends { title: string }>(
	page: CaseItemPage<I, V, P>
) {
	const caseOfPost = async (event: Event & Pick<RequestEvent, 'cookies'>) => {
		const { actor } = await authorise(event, 'business-case:write');
		const { businessCase } = await caseOf(event, actor.organisationId);
		const form = await event.request.formData();
		const version = postedVersion(form);
		return { actor, caseId: businessCase.id, form, version, itemId: postedItem(form, page.prefix) };
	};
	return {
		save: async (event: Event & Pick<RequestEvent, 'cookies'>) => {
			const { actor, caseId, form, version, itemId } = await caseOfPost(event);
			const values = page.read(form);
			const parsed = page.parse(values);
			if (!parsed.ok)
				return answer(
					{ ok: false, reason: 'invalid', errors: parsed.errors },
					{ event, values, version, itemId, field: 'title', redirectTo: '' }
				);
			const result = await page.save(actor, caseId, version, itemId, parsed.value);
			return answer(result, {
				event,
				values,
				version,
				itemId,
				field: 'title',
				redirectTo: `/business-cases/${caseId}/${page.path}?saved=1`,
				message: `${page.label} saved: ${parsed.value.title}.`
			});
		},
		remove: async (event: Event & Pick<RequestEvent, 'cookies'>) => {
			const { actor, caseId, version, itemId } = await caseOfPost(event);
			if (!itemId) error(404, 'Not found');
			const result = await page.remove(actor, caseId, version, itemId);
			return answer(result, {
				event,
				values: null,
				version,
				itemId,
				field: 'items',
				redirectTo: `/business-cases/${caseId}/${page.path}?removed=1`,
				message: `${page.label} removed.`
			});
		}
	};
}

/**
 * Answers a form's post: to `redirectTo` with `message` in the success banner when saved; otherwise
 * the form again (the one FormFailure), with what was typed, the problems (a refusal's reason on
 * `field`), and, for a conflict, the version now saved: a case-level conflict has no field rows (the
 * notice sends the officer to the case); when the figures moved under a decision, the rows say what moved.
 */
export function answer<V>(
	result: CaseResult,
	state: {
		event: Pick<RequestEvent, 'cookies' | 'url'>;
		values: V;
		version: number;
		itemId?: string | null;
		field: string;
		redirectTo: string;
		message?: string;
	}
): ActionFailure<FormFailure<V>> {
	const { values, version, itemId = null, field } = state;
	if (result.ok) redirectWithSuccess(state.event, state.redirectTo, state.message ?? 'Saved.');
	const posted: Posted<V> = { values, version, original: null, recordId: itemId };
	switch (result.reason) {
		case 'not-found':
			error(404, 'Not found');
		// falls through: error() throws
		case 'conflict':
			// 409, so `use:enhance` reloads what is beside the form (a decision's figures); what was typed stays.
			return fail(409, {
				...refuse({ ...posted, version: result.current.version }, {}).data,
				conflict: result.changes ?? []
			});
		case 'invalid':
			return refuse(posted, result.errors);
		case 'refused':
			return refuse(posted, { [field]: result.message });
		case 'forbidden':
			return refuse(posted, { [field]: result.message }, 403);
	}
}

/** What the case page's banner says after each workflow step. */
const WORKFLOW_DONE = {
	submitted: 'Submitted for decision. It can no longer be edited unless withdrawn.',
	withdrawn: 'Withdrawn to draft.',
	revised: 'A new draft version has been started. The decided version is unchanged.'
} as const;

/**
 * Answers a workflow button (submit, withdraw, revise): to the case page when done, else the one
 * FormFailure with each problem under a key naming the page where it is put right
 * (`workflowProblemHref`): 'options:1', 'edit:2', or 'case:1' for the case as now saved.
 */
export function answerWorkflow(
	event: Pick<RequestEvent, 'cookies' | 'url' | 'locals' | 'request' | 'getClientAddress'>,
	caseId: number,
	result: CaseResult,
	done: keyof typeof WORKFLOW_DONE,
	version: number
) {
	return answerButton(event, result, {
		field: 'case',
		refusal: { version, action: done },
		record: { kind: 'business_case', id: caseId },
		done: () => ({ to: `/business-cases/${caseId}?done=${done}`, message: WORKFLOW_DONE[done] }),
		problems: (messages) =>
			Object.fromEntries(
				messages.map((m, i) => [`${/option/i.test(m) ? 'options' : 'edit'}:${i + 1}`, m])
			),
		conflict: (current) => ({
			errors: {
				'case:1':
					'Someone else changed this business case after you opened it: check it as now saved, then try again'
			},
			version: current.version
		})
	});
}
