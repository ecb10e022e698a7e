/**
 * Reads a page of an OData entity set: the set's SQL (repos/odata-sets.ts) for the caller's
 * organisation, the request's filter, and a stable order that always ends with the set's key.
 * Without $orderby, pages continue after the last key read (keyset: each page reads only its own
 * rows, by index); with $orderby they continue by offset over the same order. Every value is bound.
 */
import type { InValue } from '@libsql/client';
import type { Executor } from '../db';
import { execute } from '../db/bulk';
import type { EntitySetDefinition, ODataProperty, QueryPlan } from '$lib/domain/odata';

/** Where a page starts: after these key values (keyset) or after this many rows of the order. */
export interface PagePosition {
	afterKey: (string | number)[] | null;
	offset: number;
}

export interface Page {
	rows: Record<string, unknown>[];
	/** Each row's key, in order: a next page starts after one of them. */
	keys: (string | number)[][];
}

type Plan = Pick<QueryPlan, 'select' | 'filter' | 'orderBy'>;

function keyProperties(set: EntitySetDefinition): ODataProperty[] {
	return set.key.map((k) => set.properties.find((p) => p.name === k)!);
}

function where(plan: Plan, args: InValue[]): string {
	if (!plan.filter) return '';
	args.push(...plan.filter.args);
	return ` AND (${plan.filter.sql})`;
}

/** How many rows of the set match the filter: for $count. */
export async function countRows(
	ex: Executor,
	set: EntitySetDefinition,
	plan: Plan,
	organisationId: number
): Promise<number> {
	const args: InValue[] = [organisationId];
	const result = await execute(ex, `SELECT count(*) ${set.source}${where(plan, args)}`, args);
	return Number(result.rows[0]?.[0] ?? 0);
}

/** One value as the feed gives it: Booleans as true/false, pounds from pence. */
function typed(property: ODataProperty, value: unknown): unknown {
	if (value === null || value === undefined) return null;
	if (property.type === 'Edm.Boolean') return Number(value) !== 0;
	if (property.type === 'Edm.Decimal') return Number(value) / 100;
	if (property.type === 'Edm.Int64' || property.type === 'Edm.Int32') return Number(value);
	return value;
}

/** `limit` rows of the set from `position`, in the plan's order then the key's. */
export async function readPage(
	ex: Executor,
	set: EntitySetDefinition,
	plan: Plan,
	organisationId: number,
	position: PagePosition,
	limit: number
): Promise<Page> {
	const keys = keyProperties(set);
	const args: InValue[] = [organisationId];
	const filter = where(plan, args);
	let after = '';
	if (position.afterKey && plan.orderBy.length === 0) {
		const marks = position.afterKey.map((value) => {
			args.push(value);
			return `?${args.length}`;
		});
		after = ` AND (${keys.map((k) => `(${k.sql})`).join(', ')}) > (${marks.join(', ')})`;
	}
	const order = [
		...plan.orderBy.map((o) => `(${o.property.sql}) ${o.descending ? 'DESC' : 'ASC'}`),
		...keys.map((k) => `(${k.sql}) ASC`)
	].join(', ');
	args.push(limit, position.offset);
	const columns = [...plan.select, ...keys].map((p) => `${p.sql}`).join(', ');
	const sql = `SELECT ${columns} ${set.source}${filter}${after} ORDER BY ${order} LIMIT ?${args.length - 1} OFFSET ?${args.length}`;
	const result = await execute(ex, sql, args);
	const width = plan.select.length;
	const rows = result.rows.map((row) => {
		const record: Record<string, unknown> = {};
		plan.select.forEach((p, i) => (record[p.name] = typed(p, row[i])));
		return record;
	});
	const rowKeys = result.rows.map((row) => keys.map((_, i) => row[width + i] as string | number));
	return { rows, keys: rowKeys };
}
