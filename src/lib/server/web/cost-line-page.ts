/**
 * What the two cost line pages (/systems/[id]/costs and /workstreams/[id]/costs) share: the page's
 * data, and the create, update and archive actions once the route has authorised the caller and
 * found the system or workstream in their organisation. Saves go through the versioned-save helper.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { answerButton, refuseButton } from './button-answer';
import { db } from '../db/database';
import { idParam, wholeNumberField } from './http';
import * as costLines from '../repos/cost-lines';
import * as funding from '../repos/funding';
import * as workstreams from '../repos/workstreams';
import * as costLineService from '../services/cost-lines';
import type { Actor } from '../services/actor';
import { recordNotFound } from './record';
import { answerSave, readVersion, refuse } from './versioned-save';
import {
	CONFIDENCE_LABEL,
	COST_CATEGORY_LABEL,
	SPEND_TYPE_LABEL,
	costLineToFormValues,
	parseCostLineForm,
	type Confidence,
	type CostCategory,
	type SpendType,
	EMPTY_LINE_FORM,
	LINE_FIELD_LABEL,
	LINE_FORM_ORDER,
	describeChanges,
	lineToFormValues,
	outcomeLabel,
	parseLineTarget,
	readLineForm,
	readOriginalValues,
	type LineFormField,
	type LineFormValues,
	totalsByYear
} from '$lib/domain/costs';
import { formatPence, parsePounds } from '$lib/domain/money';

/** The record a page's lines belong to. */
export type LineOwner = { kind: 'system'; id: number } | { kind: 'workstream'; id: number };

/** True when the page may show and change the line: the system's own, or the workstream's own (not a system's). */
function belongsTo(
	line: Pick<costLines.CostLineRow, 'systemId' | 'workstreamId'>,
	owner: LineOwner
): boolean {
	return owner.kind === 'system'
		? line.systemId === owner.id
		: line.systemId == null && line.workstreamId === owner.id;
}

const valuesOf = (line: costLines.CostLineRow | costLines.CostLineListRow): LineFormValues =>
	lineToFormValues(costLineToFormValues(line), line);

async function options(organisationId: number, owner: LineOwner) {
	const [sources, streams, outcomes] = await Promise.all([
		funding.listFundingSources(db(), organisationId),
		workstreams.listWorkstreams(db(), organisationId),
		owner.kind === 'system'
			? costLines.currentOutcomesOf(db(), organisationId, owner.id)
			: Promise.resolve([])
	]);
	return {
		fundingSources: sources.map((s) => ({ id: s.id, name: s.name, spendType: s.spendType })),
		workstreams: streams.map((w) => ({ id: w.id, name: w.name })),
		outcomes
	};
}

/** The page: live lines with their totals, the form's choices, and the line being edited (`?edit=`), if any. */
export async function loadLinePage(
	event: RequestEvent,
	organisationId: number,
	owner: LineOwner,
	canEdit: boolean
) {
	const editParam = canEdit ? event.url.searchParams.get('edit') : null;
	const [lines, choices, replacing] = await Promise.all([
		owner.kind === 'system'
			? costLines.listCostLinesOfSystem(db(), organisationId, owner.id)
			: costLines.listCostLinesOfWorkstream(db(), organisationId, owner.id),
		options(organisationId, owner),
		owner.kind === 'system' && canEdit
			? costLines.replacingWorkstreamOf(db(), organisationId, owner.id)
			: Promise.resolve(null)
	]);
	const editing = editParam
		? lines.find((l) => String(l.id) === editParam && belongsTo(l, owner))
		: undefined;
	// A link to edit a line this page does not hold answers 404, audited when the line is another organisation's.
	if (editParam && !editing) {
		const line = await costLines.getCostLine(db(), organisationId, idParam(editParam));
		// An archived line is not edited (a conflict says it was archived); anything else not this page's is a 404.
		if (!line || !belongsTo(line, owner))
			return recordNotFound(event, 'cost_line', idParam(editParam));
	}
	return {
		lines: lines.map(
			({ organisationId: _o, directorateId: _d, createdAt: _c, archivedAt: _a, ...line }) => ({
				...line,
				editable: belongsTo(line, owner)
			})
		),
		totals: totalsByYear(lines),
		...choices,
		// A system's new line is attributed to the workstream replacing it unless the officer says otherwise.
		newValues: {
			...EMPTY_LINE_FORM,
			confidence: 'estimate',
			workstreamId:
				owner.kind === 'workstream' ? String(owner.id) : replacing == null ? '' : String(replacing)
		},
		editing: editing
			? { id: editing.id, version: editing.version, values: valuesOf(editing) }
			: null
	};
}

/** Words for a conflict table: labels for codes, names for ids, amounts in pounds. */
async function shower(organisationId: number) {
	const [sources, streams] = await Promise.all([
		funding.listFundingSources(db(), organisationId),
		workstreams.listWorkstreams(db(), organisationId)
	]);
	return (field: LineFormField, value: string): string => {
		if (!value) return '';
		switch (field) {
			case 'spendType':
				return SPEND_TYPE_LABEL[value as SpendType] ?? value;
			case 'category':
				return COST_CATEGORY_LABEL[value as CostCategory] ?? value;
			case 'confidence':
				return CONFIDENCE_LABEL[value as Confidence] ?? value;
			case 'outcome':
				return outcomeLabel(value);
			case 'fundingSourceId':
				return sources.find((s) => String(s.id) === value)?.name ?? value;
			case 'workstreamId':
				return streams.find((w) => String(w.id) === value)?.name ?? value;
			case 'amount': {
				const money = parsePounds(value);
				return money.ok ? formatPence(money.pence) : value;
			}
			default:
				return value;
		}
	};
}

/** Creates (`lineId` absent) or updates a line from the posted form; redirects to the page when saved. */
export async function saveLine(
	event: RequestEvent,
	actor: Actor,
	owner: LineOwner,
	pagePath: string,
	mode: 'create' | 'update'
) {
	const form = await event.request.formData();
	const values = readLineForm(form);
	if (owner.kind === 'workstream')
		Object.assign(values, { outcome: '', workstreamId: String(owner.id) });
	const lineId = mode === 'update' ? wholeNumberField(form, 'lineId') : null;
	const posted = { values, ...readVersion(form, LINE_FORM_ORDER), recordId: lineId };
	let existing: costLines.CostLineRow | undefined;
	if (mode === 'update') {
		if (lineId == null)
			return refuse(posted, {
				financialYear: 'The cost line to change is missing: open it again from the list'
			});
		existing = await costLines.getCostLine(db(), actor.organisationId, lineId);
		if (!existing || !belongsTo(existing, owner)) return recordNotFound(event, 'cost_line', lineId);
	}
	const choices = await options(actor.organisationId, owner);
	const parsed = parseCostLineForm(values, {
		fundingSourceIds: new Set(choices.fundingSources.map((s) => s.id))
	});
	const outcomes = existing?.outcome ? [...choices.outcomes, existing.outcome] : choices.outcomes;
	const target = parseLineTarget(values, {
		outcomes,
		workstreamIds: new Set(choices.workstreams.map((w) => w.id))
	});
	const errors = { ...(parsed.ok ? {} : parsed.errors), ...(target.ok ? {} : target.errors) };
	if (!parsed.ok || !target.ok) return refuse(posted, errors);

	const lineTarget =
		owner.kind === 'system'
			? { systemId: owner.id, outcome: target.outcome, workstreamId: target.workstreamId }
			: { systemId: null, workstreamId: owner.id };
	const result =
		lineId == null
			? await costLineService.createCostLine(actor, lineTarget, parsed.value)
			: await costLineService.updateCostLine(
					actor,
					lineId,
					posted.version,
					lineTarget,
					parsed.value
				);
	return answerSave(event, result, posted, {
		record: { kind: 'cost_line', id: lineId ?? 0 },
		done: ({ line }) => ({
			to: `${pagePath}?saved=${line.id}`,
			message: 'Cost line saved. The totals include it.'
		}),
		conflict: {
			fields: LINE_FORM_ORDER,
			labels: LINE_FIELD_LABEL,
			show: await shower(actor.organisationId),
			saved: valuesOf,
			archived: (current) => current.archivedAt != null
		}
	});
}

/** Archives a line at the version shown; a conflict lists what changed since the list was opened. */
export async function archiveLine(
	event: RequestEvent,
	actor: Actor,
	owner: LineOwner,
	pagePath: string
) {
	const form = await event.request.formData();
	const lineId = wholeNumberField(form, 'lineId');
	if (lineId == null)
		return refuseButton(
			400,
			{ 'cost-lines': 'Choose a cost line to archive from the list' },
			{ version: -1, action: 'archive' }
		);
	const line = await costLines.getCostLine(db(), actor.organisationId, lineId);
	if (!line || !belongsTo(line, owner)) return recordNotFound(event, 'cost_line', lineId);
	const version = wholeNumberField(form, 'version') ?? -1;
	const original = readOriginalValues(form.get('original'), LINE_FORM_ORDER);
	const result = await costLineService.archiveCostLine(actor, lineId, version);
	return answerButton(event, result, {
		field: 'cost-lines',
		refusal: { version, recordId: lineId, action: 'archive' },
		record: { kind: 'cost_line', id: lineId },
		done: () => ({
			to: `${pagePath}?archived=${lineId}`,
			message: 'Cost line archived. It no longer counts in the totals.'
		}),
		// What changed since the list was opened, field by field; the table is the whole message.
		conflict: async (current) => ({
			errors: {},
			version: current.version,
			archived: current.archivedAt != null,
			rows: describeChanges(
				LINE_FORM_ORDER,
				LINE_FIELD_LABEL,
				original,
				valuesOf(current),
				null,
				await shower(actor.organisationId)
			)
		})
	});
}
