/**
 * What an import will do, decided before anything is written: each good row creates a system,
 * updates one (matched by external reference, else by exact name) or leaves it unchanged. An update
 * changes only the fields the file gives; a filled Outcomes cell records a new review when it
 * differs from the current one. Pure, so the preview and the commit decide identically.
 */
import { SYSTEM_FIELD_LABEL } from '../systems/system-form';
import { REQUIRED_FOR_NEW, type ImportRow, type RowIdentity, type RowProblem } from './rows';
import { NewSystemValues } from './missing-columns';
import { mergeUpdate } from './merge';
import { AGREED_SHOWN, replacesAgreed, type AgreedReviews } from './agreed-reviews';
import { planReview, type PlannedReview, type WorkstreamLookup } from './plan-review';
import { SystemMatcher } from './system-matcher';
import type {
	ExistingKey,
	ExistingSystem,
	ImportCounts,
	ImportPlan,
	PlanDefaults,
	PlannedChange
} from './plan-types';

export type { CurrentOutcome, PlannedReview, WorkstreamLookup } from './plan-review';
export type {
	ExistingKey,
	ExistingSystem,
	ImportCounts,
	ImportPlan,
	PlanDefaults,
	PlannedChange
} from './plan-types';

/** Warnings kept for the preview; the rest are counted. */
const WARNINGS_SHOWN = 200;

const NO_LINKS: string[] = [];

/**
 * Plans an import a slice of rows at a time, so a large file is never held whole: the planner
 * keeps only each existing system's id, name and reference, and the caller loads the full records
 * of the systems a slice matches (`matchIds`) before adding its rows. Rows are matched against the
 * existing systems and against each other: a system may appear once per file.
 */
export class ImportPlanner {
	private readonly matcher = new SystemMatcher();
	private readonly claimed = new Map<number | string, number>();
	private readonly problems: RowProblem[] = [];
	private readonly counts: ImportCounts = {
		create: 0,
		update: 0,
		unchanged: 0,
		rejected: 0,
		reviews: 0,
		links: 0
	};
	private readonly findWorkstream: WorkstreamLookup;
	private readonly warnings: ImportPlan['warnings'] = { shown: [], total: 0 };
	private readonly agreed: AgreedReviews;
	/** Each new system the file would create, once, rows refused for other reasons included (see newSystemCount). */
	private readonly newSystems = new Set<string>();

	constructor(
		existing: Iterable<ExistingKey>,
		/** The organisation's workstreams: lower-case name -> name as spelt, or a lookup (which may also know names this import creates). */
		workstreams: ReadonlyMap<string, string> | WorkstreamLookup,
		private readonly defaults: PlanDefaults
	) {
		this.findWorkstream =
			typeof workstreams === 'function'
				? workstreams
				: (name) => workstreams.get(name.toLowerCase());
		this.agreed = { shown: [], total: 0, replace: defaults.replaceAgreed === true };
		this.addExisting(existing);
	}

	/** More of the organisation's existing systems to match against (a large portfolio comes a page at a time). */
	addExisting(existing: Iterable<ExistingKey>): void {
		this.matcher.add(existing);
	}

	/**
	 * Problems found before planning (unreadable rows); they count as rejected rows. A row read far
	 * enough to know its name (`identity`) that names no existing system is still a new system the file
	 * means to create: it counts towards what the values chosen for every new system apply to.
	 */
	reject(problems: readonly RowProblem[], identity?: RowIdentity): void {
		for (const p of problems) this.problems.push(p);
		if (!identity || (!identity.name && !identity.externalRef)) return;
		const { id, ambiguous, key } = this.matcher.match(identity.externalRef, identity.name);
		if (id === undefined && !ambiguous) this.newSystems.add(key);
	}

	/** How many distinct new systems the file names, whether or not their rows are refused (a repeated row counts once). */
	get newSystemCount(): number {
		return this.newSystems.size;
	}

	private matchOfRow(r: ImportRow) {
		const ref = r.given.has('externalRef') ? r.input.externalRef : null;
		return { ref, ...this.matcher.match(ref, r.input.name) };
	}

	/** The existing systems these rows would update: load them, then `add` each row. */
	matchIds(rows: readonly ImportRow[]): number[] {
		const ids = new Set<number>();
		for (const r of rows) {
			const { id } = this.matchOfRow(r);
			if (id !== undefined) ids.add(id);
		}
		return [...ids];
	}

	/** Plans one row; returns its change, or null when the row is rejected (see `finish`), with every problem it has. */
	add(r: ImportRow, loaded: ReadonlyMap<number, ExistingSystem>): PlannedChange | null {
		const before = this.problems.length;
		const problem = (column: string, reason: string) => {
			this.problems.push({
				row: r.row,
				column,
				reason,
				...(r.input.name ? { name: r.input.name } : {})
			});
		};
		const { ref, named, id, byRef, ambiguous, key: newKey } = this.matchOfRow(r);
		const match = id === undefined ? undefined : loaded.get(id);
		if (id !== undefined && !match) throw new Error(`system ${id} was matched but not loaded`);
		if (ambiguous)
			problem(
				'Name',
				`${named.length} systems are called '${r.input.name}': add an external reference column to say which`
			);
		if (!match && !ambiguous) this.newSystems.add(newKey);
		const key = match ? match.id : newKey;
		const earlier = this.claimed.get(key);
		if (earlier !== undefined)
			problem(
				ref ? 'External reference' : 'Name',
				`Row ${earlier} is the same system: each system may appear once`
			);
		// Claimed even if this row is refused, so a repeat is reported in the same round, not after the first row is fixed.
		else this.claimed.set(key, r.row);
		const unknown = (r.workstreams ?? []).filter((w) => this.findWorkstream(w) === undefined);
		if (unknown.length > 0)
			problem(
				'Workstreams',
				`There is no workstream called ${unknown.map((w) => `'${w}'`).join(' or ')}`
			);
		const wanted = new Set((r.workstreams ?? []).flatMap((w) => this.findWorkstream(w) ?? []));

		// An ambiguous name may be an update: what a new system would need is not asked of it.
		let newInput = r.input;
		if (!match && !ambiguous) {
			// A required column the file lacks takes the value chosen for every new system, else one reason points at that choice.
			const filled = this.defaults.newSystemValues?.fill(r.input, r.given);
			if (filled?.unchosen.length) {
				const { column, reason } = NewSystemValues.reason(filled.unchosen);
				problem(column, reason);
			}
			if (filled) newInput = filled.input;
			const missing = REQUIRED_FOR_NEW.filter(
				(f) => !r.given.has(f) && !filled?.covered.includes(f)
			);
			if (missing.length > 0) {
				const names = missing.map((f) => SYSTEM_FIELD_LABEL[f]).join(', ');
				problem(names, `A new system needs ${names}`);
			}
		}
		const warnings: RowProblem[] = [];
		const warn = (column: string, reason: string) =>
			warnings.push({ row: r.row, column, reason, name: r.input.name });
		const review = r.review
			? planReview(
					r.review,
					match?.review ?? null,
					wanted,
					{
						findWorkstream: this.findWorkstream,
						today: this.defaults.today,
						source: this.defaults.source
					},
					problem,
					warn
				)
			: null;
		const merged = match ? mergeUpdate(match.input, r.given, r.input) : null;
		for (const [column, reason] of merged?.problems ?? []) problem(column, reason);
		if (this.problems.length > before) return null;
		if (review) for (const o of review.outcomes) if (o.workstream) wanted.add(o.workstream);
		// An agreed decision is replaced only with the officer's tick; without it the row is left out, listed and counted.
		const leftOut =
			match !== undefined &&
			replacesAgreed(match.review, review) &&
			this.noteAgreed(r.row, match, review!);
		if (!leftOut) this.keepWarnings(warnings);
		if (review && !leftOut) this.counts.reviews++;

		if (!match) {
			const link = wanted.size > 0 ? [...wanted] : NO_LINKS;
			this.counts.create++;
			this.counts.links += link.length;
			return {
				row: r.row,
				kind: 'create',
				systemId: null,
				version: null,
				input: newInput,
				changed: [],
				previous: null,
				link,
				review,
				previousReview: null,
				matchedBy: null,
				leftOut: false
			};
		}
		const { changed } = merged!;
		const link =
			wanted.size > 0
				? [...wanted].filter((w) => !match.workstreams.has(w.toLowerCase()))
				: NO_LINKS;
		const kind = changed.length === 0 && link.length === 0 && !review ? 'unchanged' : 'update';
		if (!leftOut) {
			this.counts[kind]++;
			this.counts.links += link.length;
		}
		// An unchanged row keeps the record it matched rather than a copy.
		const input = changed.length === 0 ? match.input : merged!.input;
		return {
			row: r.row,
			kind,
			systemId: match.id,
			version: match.version,
			input,
			changed,
			previous: match.input,
			link,
			review,
			previousReview: match.review,
			matchedBy: byRef ? 'reference' : 'name',
			leftOut
		};
	}

	/** Lists a row that would supersede an agreed review; true when it is left out (no tick). */
	private noteAgreed(row: number, match: ExistingSystem, review: PlannedReview): boolean {
		this.agreed.total++;
		if (this.agreed.shown.length < AGREED_SHOWN)
			this.agreed.shown.push({
				row,
				systemId: match.id,
				name: match.input.name,
				before: match.review!.outcomes,
				after: review.outcomes
			});
		return !this.agreed.replace;
	}

	private keepWarnings(warnings: readonly RowProblem[]): void {
		this.warnings.total += warnings.length;
		for (const w of warnings)
			if (this.warnings.shown.length < WARNINGS_SHOWN) this.warnings.shown.push(w);
	}

	/** The problems (sorted by row) and counts, once every row has been added. */
	finish(): Omit<ImportPlan, 'changes'> {
		// Stable: a row's problems stay in the order its columns were read.
		this.problems.sort((a, b) => a.row - b.row);
		return {
			problems: this.problems,
			counts: { ...this.counts, rejected: new Set(this.problems.map((p) => p.row)).size },
			warnings: this.warnings,
			agreed: this.agreed
		};
	}
}

/** Plans a whole import at once (for small files and tests). */
export function planImport(
	rows: readonly ImportRow[],
	existing: readonly ExistingSystem[],
	workstreams: ReadonlyMap<string, string>,
	earlierProblems: readonly RowProblem[] = [],
	defaults: PlanDefaults = { today: '1970-01-01', source: 'a spreadsheet' }
): ImportPlan {
	const planner = new ImportPlanner(
		existing.map((s) => ({ id: s.id, name: s.input.name, externalRef: s.input.externalRef })),
		workstreams,
		defaults
	);
	const loaded = new Map(existing.map((s) => [s.id, s]));
	planner.reject(earlierProblems);
	const changes = rows
		.map((r) => planner.add(r, loaded))
		.filter((c): c is PlannedChange => c !== null && !c.leftOut);
	return { changes, ...planner.finish() };
}
