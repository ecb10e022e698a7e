/**
 * The OData v4 feed's model: entity sets of flat, typed columns, each read from one organisation's
 * rows. Pure: the SQL of each set lives in server/repos/odata-sets.ts; this describes its shape.
 */

/** The EDM primitive types the feed uses: pence as Int64, pounds as Decimal (scale 2), dates as Date. */
export type EdmType =
	| 'Edm.Int64'
	| 'Edm.Int32'
	| 'Edm.String'
	| 'Edm.Boolean'
	| 'Edm.Date'
	| 'Edm.DateTimeOffset'
	| 'Edm.Decimal';

export interface ODataProperty {
	name: string;
	type: EdmType;
	/** The SQL expression over the set's source that yields the column (never user input). */
	sql: string;
	nullable: boolean;
	/** A pounds column: the pence column it is read from, so a filter compares whole pence exactly. */
	poundsOf?: string;
}

export interface EntitySetDefinition {
	/** The set's name in URLs and scopes, e.g. Systems. */
	name: string;
	/** Its entity type's name in $metadata, e.g. System. */
	typeName: string;
	description: string;
	/** Properties that identify a row; never null. The feed's stable order ends with them. */
	key: readonly string[];
	properties: readonly ODataProperty[];
	/**
	 * `FROM ... WHERE ...` over the organisation's rows only: `?1` is the organisation id, the one
	 * value the source binds; filter values bind from `?2` on.
	 */
	source: string;
	/** Needs a scope of its own: a token given 'every set' does not read it (the exempt annex). */
	exempt?: boolean;
}

/** An OData error: answered as `{ error: { code, message } }` with this status. */
export class ODataError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly target?: string
	) {
		super(message);
		this.name = 'ODataError';
	}
}

/** The OData JSON error body (OData v4.01 JSON format, section 21). */
export function odataErrorBody(error: ODataError): {
	error: { code: string; message: string; target?: string };
} {
	return {
		error: {
			code: error.code,
			message: error.message,
			...(error.target ? { target: error.target } : {})
		}
	};
}

/** The most rows one response holds; a client asks for the next page through @odata.nextLink. */
export const MAX_PAGE_SIZE = 5_000;

/** Helper for the set definitions: a property, not null unless said. */
export function prop(
	name: string,
	type: EdmType,
	sql: string,
	nullable = false,
	poundsOf?: string
): ODataProperty {
	return { name, type, sql, nullable, ...(poundsOf ? { poundsOf } : {}) };
}

/** A pence column and its pounds twin (Decimal, scale 2), read from the same SQL. */
export function money(name: string, sql: string, nullable = false): ODataProperty[] {
	return [
		prop(`${name}Pence`, 'Edm.Int64', sql, nullable),
		prop(`${name}Pounds`, 'Edm.Decimal', sql, nullable, `${name}Pence`)
	];
}
