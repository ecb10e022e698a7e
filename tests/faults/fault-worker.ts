/**
 * The app's own services in a process of their own, for tests/faults/faults.test.ts to kill:
 * `vite-node --config vite.cli.config.ts tests/faults/fault-worker.ts -- <step> <state.json>` with
 * DATABASE_URL (and DATABASE_AUTH_TOKEN) set.
 *   prepare  loads the demo portfolio (79 systems and a business case awaiting decision), adds an
 *            editor and an approver, uploads a 50,000-row CSV and plans it; writes state.json.
 *   import   commits that upload.           approve  approves the demo business case.
 *   check    prints, as JSON, what a restarted app finds (after starting it: checks, migrations).
 * FAULT_STOP_AT=<regex>: when a statement matching it has run inside a write transaction, the
 * process prints 'stopped inside the transaction' and waits there for ever, holding the transaction
 * open, so a SIGKILL lands in the middle of it every time rather than when the timing happens to.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { InStatement, Transaction, TransactionMode } from '@libsql/client';
import { database, db, primaryDatabase, startDatabase, transaction } from '$lib/server/db/database';
import { loadDemoPortfolio } from '$lib/server/services/demo/load';
import * as users from '$lib/server/repos/users';
import * as caseRepo from '$lib/server/repos/business-cases';
import * as importService from '$lib/server/services/imports';
import * as decisions from '$lib/server/services/business-case-decisions';
import { execute } from '$lib/server/db/bulk';

const IMPORT_ROWS = 50_000;
const [step, stateFile] = process.argv.slice(2).filter((a) => a !== '--');

interface State {
	organisationId: number;
	editor: { organisationId: number; userId: number; displayName: string };
	approver: { organisationId: number; userId: number; displayName: string };
	uploadId: number;
	planHash: string;
	caseId: number;
	caseVersion: number;
	systemsBefore: number;
}

/** Holds the process inside the write transaction once a statement matching FAULT_STOP_AT has run. */
function stopInsideTransactionAt(pattern: RegExp): void {
	const client = primaryDatabase().client;
	const open = client.transaction.bind(client) as (mode?: TransactionMode) => Promise<Transaction>;
	client.transaction = (async (mode?: TransactionMode) => {
		const tx: Transaction = await open(mode);
		const run = tx.execute.bind(tx);
		tx.execute = (async (statement: InStatement) => {
			const result = await run(statement);
			const text = typeof statement === 'string' ? statement : statement.sql;
			if (pattern.test(text)) {
				console.log('stopped inside the transaction');
				await new Promise(() => {}); // until killed
			}
			return result;
		}) as typeof tx.execute;
		return tx;
	}) as typeof client.transaction;
}

const count = async (sql: string, args: (string | number)[] = []) =>
	Number((await execute(db(), sql, args)).rows[0]![0]);

async function prepare(): Promise<State> {
	const demo = await loadDemoPortfolio();
	const organisationId = demo.organisationId;
	const person = async (role: 'editor' | 'approver') => {
		const email = `fault.${role}@northshire.example`;
		const user = await transaction((tx) =>
			users.insertUser(tx, {
				organisationId,
				email,
				displayName: `Fault ${role}`,
				role,
				passwordHash: 'not-used-here'
			})
		);
		return { organisationId, userId: user.id, displayName: email };
	};
	const editor = await person('editor');
	const approver = await person('approver');
	const lines = ['System name,Supplier / Vendor,Annual cost (£),Hosting,Criticality,Personal data'];
	for (let i = 1; i <= IMPORT_ROWS; i++)
		lines.push(`Fault import system ${i},Supplier ${i % 97},${100 + (i % 1000)},SaaS,Low,No`);
	const upload = await importService.uploadFile(
		editor,
		'fault-import.csv',
		new TextEncoder().encode(`${lines.join('\n')}\n`)
	);
	if (!upload.ok) throw new Error(`upload refused: ${JSON.stringify(upload)}`);
	const preview = await importService.previewUpload(editor, upload.uploadId);
	if (!preview || preview.plan.counts.create !== IMPORT_ROWS)
		throw new Error(
			`the plan is not ${IMPORT_ROWS} creates: ${JSON.stringify(preview?.plan.counts)}`
		);
	const businessCase = (await caseRepo.listBusinessCases(db(), organisationId)).find(
		(c) => c.status === 'submitted'
	);
	if (!businessCase) throw new Error('the demo portfolio has no business case awaiting decision');
	const systemsBefore = await count('SELECT count(*) FROM system WHERE organisation_id = ?', [
		organisationId
	]);
	return {
		organisationId,
		editor,
		approver,
		uploadId: upload.uploadId,
		planHash: preview.planHash,
		caseId: businessCase.id,
		caseVersion: businessCase.version,
		systemsBefore
	};
}

/** What a restarted app finds: the import's systems and audit rows, the case's state and its frozen snapshot's hash. */
async function check(state: State) {
	const org = state.organisationId;
	const integrity = (await database().client.execute('PRAGMA integrity_check')).rows.map((r) =>
		String(r[0])
	);
	const systems = await count('SELECT count(*) FROM system WHERE organisation_id = ?', [org]);
	const imported = await count(
		"SELECT count(*) FROM system WHERE organisation_id = ? AND name LIKE 'Fault import system %'",
		[org]
	);
	const importAudits = await count(
		"SELECT count(*) FROM audit_event WHERE organisation_id = ? AND entity = 'import' AND action = 'import' AND entity_id = ?",
		[org, String(state.uploadId)]
	);
	const createdAudits = await count(
		"SELECT count(*) FROM audit_event WHERE organisation_id = ? AND entity = 'system' AND detail LIKE ?",
		[org, `Import ${state.uploadId} of %`]
	);
	const uploadKept = await count(
		'SELECT count(*) FROM import_upload WHERE organisation_id = ? AND id = ?',
		[org, String(state.uploadId)]
	);
	const businessCase = await caseRepo.getBusinessCase(db(), org, state.caseId);
	const version = await caseRepo.getVersion(
		db(),
		org,
		state.caseId,
		businessCase!.currentVersionNumber
	);
	const decideAudits = await count(
		"SELECT count(*) FROM audit_event WHERE organisation_id = ? AND entity = 'business_case' AND entity_id = ? AND action = 'decide'",
		[org, String(state.caseId)]
	);
	const frozen = version?.frozenAt
		? await decisions.verifyFrozenVersion(org, state.caseId, version.number)
		: null;
	return {
		integrity,
		systems,
		imported,
		importAudits,
		createdAudits,
		uploadKept,
		caseStatus: businessCase!.status,
		versionStatus: version!.status,
		frozenAt: version!.frozenAt,
		frozenHashMatches: frozen?.matches ?? null,
		decideAudits
	};
}

await startDatabase();
if (process.env.FAULT_STOP_AT) stopInsideTransactionAt(new RegExp(process.env.FAULT_STOP_AT, 'i'));
if (step === 'prepare') {
	writeFileSync(stateFile!, JSON.stringify(await prepare()));
	console.log('prepared');
} else {
	const state = JSON.parse(readFileSync(stateFile!, 'utf8')) as State;
	if (step === 'import') {
		console.log(
			'import',
			JSON.stringify(
				await importService.commitUpload(state.editor, state.uploadId, {}, state.planHash)
			)
		);
	} else if (step === 'approve') {
		const seen = await decisions.decisionBasis(state.organisationId, state.caseId);
		const decision = {
			outcome: 'approved',
			decisionMaker: 'cabinet',
			meetingDate: '2026-01-14',
			minuteRef: 'CAB/2026/014',
			keyDecision: true,
			conditions: '',
			reasons: ''
		} as const;
		console.log(
			'approve',
			JSON.stringify(
				await decisions.decideBusinessCase(
					state.approver,
					state.caseId,
					state.caseVersion,
					decision,
					{ fingerprint: seen!.fingerprint, lines: seen!.lines }
				)
			)
		);
	} else if (step === 'check') {
		console.log(`check ${JSON.stringify(await check(state))}`);
	} else {
		throw new Error(`unknown step ${step}`);
	}
}
process.exit(0);
