/**
 * What a cost import finds in a file beside each row's own problems: every name the organisation
 * does not hold (a system, a system's external reference, a workstream, a funding source), listed
 * once with how many rows use it, so the officer fixes one name rather than reading the same refusal
 * row after row. Costs belong to what already exists, so the import never creates any of these.
 */

export const MISSING_KINDS = ['system', 'systemRef', 'workstream', 'fundingSource'] as const;
export type MissingKind = (typeof MISSING_KINDS)[number];

/** A name the file uses that matches nothing the organisation holds. */
export interface MissingName {
	kind: MissingKind;
	/** As the file first spells it. */
	text: string;
	/** Distinct rows using it (all of them rejected). */
	rows: number;
}

export const MISSING_KIND_LABEL: Record<MissingKind, string> = {
	system: 'System name',
	systemRef: 'System external reference',
	workstream: 'Workstream',
	fundingSource: 'Funding source'
};

/** Why each kind of name is refused and what to do, in the officer's terms. */
export const MISSING_REASON: Record<MissingKind, string> = {
	system:
		'No system has this name. Cost lines are added only to systems already in the catalogue: add the system (or import it with Import systems) first, or correct the name in the file',
	systemRef:
		'No system has this external reference. Correct it in the file, or leave it blank to match the system by its name',
	workstream:
		'No workstream has this name. Correct it in the file, or leave it blank for a system’s own cost',
	fundingSource:
		'No funding source has this name. Add it under Funding first, correct it in the file, or leave it blank'
};

/**
 * The form a name is matched in: trimmed, runs of spaces (a non-breaking one included) as one, and
 * any case, so 'CareFlow ' and 'careflow' are one system. Nothing else is loosened: 'Care Flow'
 * is another name.
 */
export const nameKey = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** The most names listed (the rejected-rows download still has every row). */
export const MISSING_NAME_LIMIT = 200;

/** Counts each missing name by the rows using it, a row once; the most used first. */
export class MissingNameTally {
	private readonly names = new Map<string, MissingName & { lastRow: number }>();

	see(row: number, kind: MissingKind, text: string): void {
		const key = `${kind}:${nameKey(text)}`;
		const known = this.names.get(key);
		if (known) {
			if (known.lastRow !== row) known.rows++;
			known.lastRow = row;
		} else if (this.names.size < MISSING_NAME_LIMIT)
			this.names.set(key, { kind, text: text.trim(), rows: 1, lastRow: row });
	}

	list(): MissingName[] {
		return [...this.names.values()]
			.map(({ lastRow: _, ...n }) => n)
			.sort(
				(a, b) =>
					b.rows - a.rows ||
					MISSING_KINDS.indexOf(a.kind) - MISSING_KINDS.indexOf(b.kind) ||
					a.text.localeCompare(b.text)
			);
	}
}
