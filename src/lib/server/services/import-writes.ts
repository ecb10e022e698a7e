/**
 * The write side of an import's commit: each round of planned changes written as multi-row
 * statements (systems, workstream links, reviews) with an audit row per change, inside the
 * commit's transaction (services/imports.ts decides the plan).
 */
import { letOthersRun } from '../db/bulk';
import * as systemsBulk from '../repos/systems-bulk';
import * as reviews from '../repos/reviews';
import * as workstreams from '../repos/workstreams';
import { recordAuditMany, type AuditEntry } from '../repos/audit';
import type { PlannedChange } from '$lib/domain/csv/plan';
import { outcomeFlags, reviewStatusOf, type ReviewInput } from '$lib/domain/review';
import type { SystemInput } from '$lib/domain/system-form';
import type { Executor } from '../db';
import type { Actor } from './actor';
import { moveSystemCostLines } from './cost-lines';

/** Thrown inside the commit's transaction to roll back everything written so far. */
export class ImportAbandoned extends Error {
	constructor(readonly reason: 'not-ready' | 'changed') {
		super(`import abandoned: ${reason}`);
	}
}

/** Changes written per statement round: small enough that other requests run between rounds. */
const WRITE_ROUND = 1_000;

/** Writes `changes` a round at a time, letting other requests run between rounds. */
export async function applyChanges(tx: Executor, actor: Actor, changes: PlannedChange[], workstreamIds: ReadonlyMap<string, number>, detail: string, fileName: string): Promise<void> {
	for (let i = 0; i < changes.length; i += WRITE_ROUND) {
		await applyRound(tx, actor, changes.slice(i, i + WRITE_ROUND), workstreamIds, detail, fileName);
		await letOthersRun();
	}
}

/** Writes one round of planned changes: systems, links, reviews and an audit row for each change. */
async function applyRound(tx: Executor, actor: Actor, changes: PlannedChange[], workstreamIds: ReadonlyMap<string, number>, detail: string, fileName: string): Promise<void> {
	const creates = changes.filter((c) => c.kind === 'create');
	const ids = await systemsBulk.insertSystems(tx, actor.organisationId, creates.map((c) => c.input));
	creates.forEach((c, i) => (c.systemId = ids[i]!));
	const updates = changes.filter((c) => c.kind === 'update' && c.changed.length > 0);
	const stale = await systemsBulk.updateSystems(tx, actor.organisationId, updates.map((c) => ({ id: c.systemId!, version: c.version!, input: c.input })));
	if (stale.length > 0) throw new ImportAbandoned('changed'); // saved by someone else meanwhile
	// A system's cost lines are totalled by its directorate: move them with it (as an edit does).
	for (const c of updates) if (c.changed.includes('directorateId')) await moveSystemCostLines(tx, actor.organisationId, c.systemId!, c.input.directorateId);

	const links = changes.flatMap((c) =>
		c.link.map((name) => ({ systemId: c.systemId!, workstreamId: workstreamIds.get(name)!, note: c.review?.outcomes.some((o) => o.outcome === 'replace' && o.workstream === name) ? 'Delivers the replacement' : 'Imported' }))
	);
	await workstreams.ensureLinkedMany(tx, actor.organisationId, links);

	const reviewed = changes.filter((c) => c.review);
	const inputs = reviewed.map((c): { systemId: number; review: ReviewInput } => ({
		systemId: c.systemId!,
		review: {
			reviewedOn: c.review!.reviewedOn,
			reviewer: c.review!.reviewer,
			summary: `Imported from ${fileName}`,
			outcomes: c.review!.outcomes.map((o) => ({ outcome: o.outcome, rationale: o.rationale, status: o.status, targetDate: o.targetDate, workstreamId: o.workstream ? workstreamIds.get(o.workstream)! : null }))
		}
	}));
	const reviewIds = await reviews.recordReviews(tx, actor.organisationId, inputs);
	await systemsBulk.setReviewSummaries(tx, actor.organisationId, inputs.map(({ systemId, review }) => ({ id: systemId, reviewStatus: reviewStatusOf(review.outcomes), outcomeCount: review.outcomes.length, outcomeFlags: outcomeFlags(review.outcomes) })));

	const entries: AuditEntry[] = [];
	for (const c of changes) {
		if (c.kind === 'create') entries.push({ entity: 'system', entityId: c.systemId, action: 'create', after: auditable(c.input), detail });
		else if (c.kind === 'update' && c.changed.length > 0) entries.push({ entity: 'system', entityId: c.systemId, action: 'update', ...changedFields(c), detail });
		if (c.link.length > 0) entries.push({ entity: 'system', entityId: c.systemId, action: 'link', after: { workstreams: c.link }, detail });
	}
	reviewed.forEach((c, i) => {
		const before = c.previousReview ? { outcomes: c.previousReview.outcomes.map((o) => `${o.outcome} (${o.status})`) } : null;
		entries.push({ entity: 'system', entityId: c.systemId, action: 'review', before, after: { reviewId: reviewIds[i], reviewedOn: c.review!.reviewedOn, reviewer: c.review!.reviewer, outcomes: c.review!.outcomes.map((o) => `${o.outcome} (${o.status})`) }, detail });
	});
	await recordAuditMany(tx, actor, entries);
}

const CONTACT_FIELDS = new Set<keyof SystemInput>(['contactName', 'contactEmail', 'contactPhone']);
const masked = (key: keyof SystemInput, value: unknown) => (CONTACT_FIELDS.has(key) ? (value ? '[personal data]' : '') : value);

/** A new system's fields that have a value, for the audit trail; a named person's details only as present. */
function auditable(input: SystemInput): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key in input) {
		const value = input[key as keyof SystemInput];
		if (value !== '' && value !== null) out[key] = masked(key as keyof SystemInput, value);
	}
	return out;
}

function changedFields(c: PlannedChange): { before: Record<string, unknown>; after: Record<string, unknown> } {
	const before: Record<string, unknown> = {};
	const after: Record<string, unknown> = {};
	for (const key of c.changed) {
		before[key] = masked(key, c.previous?.[key]);
		after[key] = masked(key, c.input[key]);
	}
	return { before, after };
}
