/**
 * Queries built once per database handle. drizzle builds a query's SQL from its builder on every
 * call (about a tenth of the CPU of a page read that runs five statements); a query of fixed shape,
 * with `sql.placeholder` for its values and `.prepare()` at the end, is built the first time a
 * handle runs it and kept for that handle (a transaction's handle keeps its own while it lives).
 */
const kept = new WeakMap<object, Map<(ex: never) => unknown, unknown>>();

/** The query `build` makes on `ex`, built on the first call for this handle and kept. */
export function preparedOn<E extends object, Q>(ex: E, build: (ex: E) => Q): Q {
	let queries = kept.get(ex);
	if (!queries) kept.set(ex, (queries = new Map()));
	let query = queries.get(build as (ex: never) => unknown) as Q | undefined;
	if (query === undefined) {
		query = build(ex);
		queries.set(build as (ex: never) => unknown, query);
	}
	return query;
}
