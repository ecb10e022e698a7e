/** Column and set helpers for the OData entity sets (odata-sets.ts, odata-sets-figures.ts). */
import {
	prop,
	type EntitySetDefinition,
	type EntitySetName,
	type ODataProperty
} from '$lib/domain/odata';

export const id = (name: string, sql: string, nullable = false) =>
	prop(name, 'Edm.Int64', sql, nullable);
export const str = (name: string, sql: string, nullable = false) =>
	prop(name, 'Edm.String', sql, nullable);
export const date = (name: string, sql: string, nullable = false) =>
	prop(name, 'Edm.Date', `substr(${sql}, 1, 10)`, nullable);
export const at = (name: string, sql: string, nullable = false) =>
	prop(name, 'Edm.DateTimeOffset', sql, nullable);
export const bool = (name: string, sql: string) => prop(name, 'Edm.Boolean', sql);
/** A financial year from its start year, as '2026/27'. */
export const yearOf = (startYear: string) =>
	`printf('%d/%02d', ${startYear}, (${startYear} + 1) % 100)`;

export function set(
	name: EntitySetName,
	typeName: string,
	description: string,
	key: string[],
	properties: ODataProperty[],
	source: string,
	exempt = false
): EntitySetDefinition {
	return { name, typeName, description, key, properties, source, ...(exempt ? { exempt } : {}) };
}
