/**
 * A partner's ledger extract, imported as the cost-line import imports a file: kept on upload after
 * the upload checks, previewed with every rejected row and all its reasons (./ledger-plan.ts), then
 * committed all or nothing, and only if the file still reads exactly as previewed. An extract
 * replaces the partner's lines of the years it covers, and only once the partner has confirmed it;
 * the import is audited in the partner's trail and the shared service's.
 */
import { createHash } from 'node:crypto';
import { db, transaction } from '../db/database';
import * as imports from '../repos/imports';
import * as ledger from '../repos/ledger';
import { recordAudit } from '../repos/audit';
import type { Actor } from './actor';
import type { Executor } from '../db';
import {
	planLedger,
	yearsOf,
	type LedgerPreview,
	type LedgerReadOptions,
	type Planned
} from './ledger-plan';

export type { LedgerPreview, LedgerReadOptions } from './ledger-plan';

/** The preview of the partner's upload, or null when the upload is not the caller's (or gone). */
export async function previewLedger(
	actor: Actor,
	sharedId: number,
	uploadId: number,
	options: LedgerReadOptions
): Promise<LedgerPreview | null> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	if (!upload) return null;
	const { lines: _lines, ...preview } = await planLedger(
		db(),
		sharedId,
		actor.organisationId,
		{ ...upload, bytes: new Uint8Array(upload.bytes) },
		options
	);
	return preview;
}

export type LedgerCommit =
	| { ok: true; extractId: number; lineCount: number; years: string[]; replaced: number }
	| { ok: false; reason: 'not-found' | 'not-ready' | 'changed' | 'confirm' };

/**
 * Writes the previewed extract, all or nothing: refused while any row has a problem, when the file
 * no longer plans as previewed, or when it replaces lines the partner has not confirmed replacing.
 */
export async function commitLedger(
	actor: Actor,
	sharedId: number,
	uploadId: number,
	options: LedgerReadOptions,
	seenPlanHash: string,
	confirmedReplace: boolean
): Promise<LedgerCommit> {
	const upload = await imports.getUpload(db(), actor.organisationId, uploadId);
	if (!upload) return { ok: false, reason: 'not-found' };
	// Read and checked outside the write lock (the file is read on the upload-check worker).
	const plan = await planLedger(
		db(),
		sharedId,
		actor.organisationId,
		{ ...upload, bytes: new Uint8Array(upload.bytes) },
		options
	);
	if (plan.planHash !== seenPlanHash) return { ok: false, reason: 'changed' };
	return transaction(async (tx) => {
		// Posted twice: the first commit deleted the upload.
		if (!(await imports.uploadExists(tx, actor.organisationId, uploadId)))
			return { ok: false, reason: 'not-found' };
		const result = await writeLedger(tx, actor, sharedId, plan, confirmedReplace);
		if (result.ok) await imports.deleteUpload(tx, actor.organisationId, uploadId);
		return result;
	});
}

const countLines = (n: number) => `${n} ${n === 1 ? 'line' : 'lines'}`;

/** Replaces the partner's lines of the plan's years with the plan's lines, audited in both trails. */
export async function writeLedger(
	tx: Executor,
	actor: Actor,
	sharedId: number,
	plan: Planned,
	confirmedReplace: boolean
): Promise<LedgerCommit> {
	if (plan.fileProblem || plan.mappingProblems.length > 0 || plan.problems.length > 0)
		return { ok: false, reason: 'not-ready' };
	if (plan.years.some((y) => y.held) && !confirmedReplace) return { ok: false, reason: 'confirm' };
	const partnerId = actor.organisationId;
	const years = plan.years.map((y) => y.financialYear);
	// Another extract of these years committed since the preview: what this replaces is not what was confirmed.
	const heldNow = await yearsOf(tx, sharedId, partnerId, plan.lines);
	if (JSON.stringify(heldNow.map((y) => y.held)) !== JSON.stringify(plan.years.map((y) => y.held)))
		return { ok: false, reason: 'changed' };
	const replaced = await ledger.deleteLinesOfYears(tx, sharedId, partnerId, years);
	const extract = await ledger.insertExtract(tx, {
		organisationId: sharedId,
		partnerOrganisationId: partnerId,
		fileName: plan.fileName.slice(0, 255),
		sha256: plan.sha256,
		financialYears: years.join(','),
		lineCount: plan.lines.length,
		uploadedBy: actor.displayName
	});
	await ledger.insertLines(tx, extract, plan.lines);
	const entry = {
		entity: 'ledger_extract',
		entityId: extract.id,
		action: replaced > 0 ? 'replace' : 'import',
		after: { fileName: extract.fileName, sha256: extract.sha256, years, lines: plan.lines.length },
		detail: `Ledger extract ${extract.fileName}: ${countLines(plan.lines.length)} of ${years.join(', ')}${
			replaced > 0 ? `, replacing ${countLines(replaced)} held before` : ''
		}`
	};
	await recordAudit(tx, actor, entry);
	await recordAudit(tx, actor, entry, sharedId);
	return { ok: true, extractId: extract.id, lineCount: plan.lines.length, years, replaced };
}

/** Imports a file in one step when it has no problems (the demo loader; scripts). */
export async function importLedgerFile(
	actor: Actor,
	sharedId: number,
	fileName: string,
	bytes: Uint8Array,
	confirmedReplace = false
): Promise<LedgerCommit & { preview?: LedgerPreview }> {
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const plan = await planLedger(
		db(),
		sharedId,
		actor.organisationId,
		{ id: 0, fileName, sha256, bytes },
		{}
	);
	const result = await transaction((tx) =>
		writeLedger(tx, actor, sharedId, plan, confirmedReplace)
	);
	const { lines: _lines, ...preview } = plan;
	return { ...result, preview };
}
