/**
 * What a cost lines import is planned against and what the plan is made of: the organisation's
 * systems, workstreams, funding sources and live lines, the change each row makes, the counts, and
 * when a row is exactly a line already held.
 */
import type { CostLineInput, SpendType } from '../costs/cost';
import type { Outcome } from '../systems/review';
import type { RowProblem } from './rows';
import type { UnknownValue, ValueMapping } from './value-mapping';
import type { ValueSet } from './value-words';
import type { MissingKind, MissingName } from './cost-import-findings';

// ---- Planning an import ----------------------------------------------------------------------------

export interface CostImportSystem {
	id: number;
	name: string;
	externalRef: string | null;
	directorateId: number | null;
}

/** A live line as an import compares it. */
export interface ExistingCostLine extends CostLineInput {
	id: number;
	version: number;
	systemId: number | null;
	outcome: Outcome | null;
	workstreamId: number | null;
}

/** What the organisation holds, for matching; every name is keyed in nameKey form (./cost-import-findings). */
export interface CostImportContext {
	systemsByRef: ReadonlyMap<string, CostImportSystem>;
	systemsByName: ReadonlyMap<string, readonly CostImportSystem[]>;
	workstreams: ReadonlyMap<string, number>;
	fundingSources: ReadonlyMap<string, { id: number; name: string; spendType: SpendType }>;
	/** Each system's current review outcomes. */
	outcomesOf: ReadonlyMap<number, readonly Outcome[]>;
	/** Live lines the file refers to by Line reference. */
	lines: ReadonlyMap<number, ExistingCostLine>;
	/**
	 * The live lines of the systems and workstreams the file names: a row with no Line reference that
	 * is exactly one of these is taken to be it, so importing the same file twice adds nothing.
	 */
	candidates: readonly ExistingCostLine[];
	/** The organisation's answers for words not known out of the box (the preview's, or the saved ones). */
	values?: ValueMapping;
}

export interface CostLineTargetPlan {
	systemId: number | null;
	directorateId: number | null;
	outcome: Outcome | null;
	workstreamId: number | null;
}

export type PlannedCostChange =
	| { kind: 'create'; row: number; target: CostLineTargetPlan; input: CostLineInput }
	| {
			kind: 'update';
			row: number;
			id: number;
			version: number;
			target: CostLineTargetPlan;
			input: CostLineInput;
			before: ExistingCostLine;
	  };

export interface CostImportCounts {
	create: number;
	update: number;
	unchanged: number;
	rejected: number;
}

export interface CostImportPlan {
	changes: PlannedCostChange[];
	problems: RowProblem[];
	counts: CostImportCounts;
	/** Each distinct value not known out of the box, with the rows using it and how it was read. */
	values: UnknownValue[];
	/** Each name the organisation does not hold, once, with the rows using it. */
	missing: MissingName[];
}

/** Told, row by row, of the values not known out of the box and the names not found. */
export interface CostRowObserver {
	value(row: number, set: ValueSet, text: string, mapped: string | undefined): void;
	missing(row: number, kind: MissingKind, text: string): void;
}
export const signature = (
	target: Omit<CostLineTargetPlan, 'directorateId'>,
	input: CostLineInput
) =>
	JSON.stringify([
		target.systemId,
		target.outcome,
		target.workstreamId,
		input.financialYear,
		input.spendType,
		input.category,
		input.amountPence,
		input.confidence,
		input.fundingSourceId,
		input.description
	]);

export function sameLine(
	line: ExistingCostLine,
	target: CostLineTargetPlan,
	input: CostLineInput
): boolean {
	return (
		line.systemId === target.systemId &&
		line.outcome === target.outcome &&
		line.workstreamId === target.workstreamId &&
		line.financialYear === input.financialYear &&
		line.spendType === input.spendType &&
		line.category === input.category &&
		line.amountPence === input.amountPence &&
		line.confidence === input.confidence &&
		line.fundingSourceId === input.fundingSourceId &&
		line.description === input.description
	);
}
