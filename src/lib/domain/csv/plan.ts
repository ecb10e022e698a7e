/**
 * What an import will do, decided before anything is written: each good row creates a system,
 * updates one (matched by external reference, else by exact name) or leaves it unchanged. An update
 * changes only the fields the file gives. Pure, so the preview and the commit decide identically.
 */
import type { SystemInput, SystemFormField } from '../system-form';
import { SYSTEM_FIELD_LABEL } from '../system-form';
import { REQUIRED_FOR_NEW, type ImportRow, type RowProblem } from './rows';

export interface ExistingSystem {
	id: number;
	version: number;
	input: SystemInput;
	/** Names of the workstreams it is linked to, lower case. */
	workstreams: ReadonlySet<string>;
}

export interface PlannedChange {
	row: number;
	kind: 'create' | 'update' | 'unchanged';
	systemId: number | null;
	version: number | null;
	input: SystemInput;
	/** Workstream names (as the organisation spells them) to link that are not linked yet. */
	link: string[];
}

export interface ImportPlan {
	changes: PlannedChange[];
	problems: RowProblem[];
	counts: { create: number; update: number; unchanged: number; rejected: number };
}

/** Form field -> the SystemInput key it sets. */
const INPUT_KEY: Partial<Record<SystemFormField, keyof SystemInput>> = { annualRunCost: 'annualRunCostPence' };
const inputKey = (field: SystemFormField) => INPUT_KEY[field] ?? (field as keyof SystemInput);

export function planImport(rows: readonly ImportRow[], existing: readonly ExistingSystem[], workstreams: ReadonlyMap<string, string>, earlierProblems: readonly RowProblem[] = []): ImportPlan {
	const byRef = new Map<string, ExistingSystem>();
	const byName = new Map<string, ExistingSystem[]>();
	for (const s of existing) {
		if (s.input.externalRef) byRef.set(s.input.externalRef, s);
		byName.set(s.input.name, [...(byName.get(s.input.name) ?? []), s]);
	}
	const problems: RowProblem[] = [...earlierProblems];
	const changes: PlannedChange[] = [];
	const claimed = new Map<number | string, number>();

	for (const r of rows) {
		const ref = r.given.has('externalRef') ? r.input.externalRef : null;
		const named = byName.get(r.input.name) ?? [];
		const match = (ref ? byRef.get(ref) : undefined) ?? (named.length === 1 ? named[0] : undefined);
		if (!match && !ref && named.length > 1) {
			problems.push({ row: r.row, column: 'Name', reason: `${named.length} systems are called '${r.input.name}': add an external reference column to say which` });
			continue;
		}
		const key = match ? match.id : `new:${ref ?? r.input.name}`;
		const earlier = claimed.get(key);
		if (earlier !== undefined) {
			problems.push({ row: r.row, column: ref ? 'External reference' : 'Name', reason: `Row ${earlier} is the same system: each system may appear once` });
			continue;
		}
		const unknown = (r.workstreams ?? []).filter((w) => !workstreams.has(w.toLowerCase()));
		if (unknown.length > 0) {
			problems.push({ row: r.row, column: 'Workstreams', reason: `There is no workstream called ${unknown.map((w) => `'${w}'`).join(' or ')}` });
			continue;
		}
		const wanted = (r.workstreams ?? []).map((w) => workstreams.get(w.toLowerCase())!);

		if (!match) {
			const missing = REQUIRED_FOR_NEW.filter((f) => !r.given.has(f));
			if (missing.length > 0) {
				problems.push({ row: r.row, column: missing.map((f) => SYSTEM_FIELD_LABEL[f]).join(', '), reason: `A new system needs ${missing.map((f) => SYSTEM_FIELD_LABEL[f]).join(', ')}` });
				continue;
			}
			claimed.set(key, r.row);
			changes.push({ row: r.row, kind: 'create', systemId: null, version: null, input: r.input, link: [...new Set(wanted)] });
			continue;
		}

		claimed.set(key, r.row);
		const merged: SystemInput = { ...match.input };
		for (const field of r.given) {
			const k = inputKey(field);
			(merged as unknown as Record<string, unknown>)[k] = r.input[k];
			if (field === 'serviceAreaId' && !r.given.has('directorateId')) merged.directorateId = r.input.directorateId;
		}
		const link = [...new Set(wanted.filter((w) => !match.workstreams.has(w.toLowerCase())))];
		const same = (Object.keys(merged) as (keyof SystemInput)[]).every((k) => merged[k] === match.input[k]);
		changes.push({ row: r.row, kind: same && link.length === 0 ? 'unchanged' : 'update', systemId: match.id, version: match.version, input: merged, link });
	}
	problems.sort((a, b) => a.row - b.row);
	const count = (kind: PlannedChange['kind']) => changes.filter((c) => c.kind === kind).length;
	return { changes, problems, counts: { create: count('create'), update: count('update'), unchanged: count('unchanged'), rejected: new Set(problems.map((p) => p.row)).size } };
}
