/**
 * Backup and restore of a database on a libSQL server (sqld), through the server's own client API,
 * while the app runs. A backup reads every table inside one read transaction (one snapshot: every
 * transaction committed before its first read is in it, none committed later, and writers are not
 * held up) and writes the rows into a new SQLite file with the same schema, which backup.ts then
 * checks and names like a backup of the embedded file; either engine's backup restores into either.
 * A restore replaces every table on the server inside one write transaction, so the server holds
 * either the old database or the restored one, never a mixture.
 */
import {
	createClient,
	type Client,
	type InStatement,
	type InValue,
	type Transaction
} from '@libsql/client';

/** Rows fetched per request: well under sqld's 10 MB response limit for this app's widest rows. */
const PAGE_ROWS = 2_000;
/** Rows per INSERT statement, under SQLite's limit of 32,766 bound values for the widest table. */
const INSERT_ROWS = 200;

interface SchemaObject {
	type: string;
	name: string;
	sql: string;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function schemaOf(reader: Client | Transaction): Promise<SchemaObject[]> {
	const rows = (
		await reader.execute(
			"SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
		)
	).rows;
	return rows.map((r) => ({ type: String(r.type), name: String(r.name), sql: String(r.sql) }));
}

/** The tables FTS5 makes for each of its virtual tables: made again with it, never copied or dropped alone. */
const FTS_SHADOWS = ['data', 'idx', 'content', 'docsize', 'config'];

/**
 * Splits a schema's tables into those to create (virtual tables included, their shadow tables not),
 * those whose rows are copied (plain tables), and the FTS5 virtual tables, whose index is rebuilt
 * from their content table once its rows are in.
 */
function tablesOf(schema: SchemaObject[]): {
	create: SchemaObject[];
	copy: string[];
	virtual: string[];
} {
	const tables = schema.filter((o) => o.type === 'table');
	const virtual = tables.filter((o) => /^CREATE VIRTUAL TABLE/i.test(o.sql)).map((o) => o.name);
	const shadow = (name: string) =>
		virtual.some((v) => name.startsWith(`${v}_`) && FTS_SHADOWS.includes(name.slice(v.length + 1)));
	const create = tables.filter((o) => !shadow(o.name));
	return {
		create,
		copy: create.filter((o) => !virtual.includes(o.name)).map((o) => o.name),
		virtual
	};
}

/** Rebuilds each FTS5 index from its content table (the search index holds only trigrams and rowids). */
function rebuildStatements(virtual: string[]): string[] {
	return virtual.map((v) => `INSERT INTO ${quote(v)}(${quote(v)}) VALUES ('rebuild')`);
}

/**
 * Tables in an order where every table comes after the tables its foreign keys point at (a table
 * pointing at itself is fine), so rows can be inserted table by table with foreign keys enforced.
 */
async function parentsFirst(reader: Client | Transaction, tables: string[]): Promise<string[]> {
	const parents = new Map<string, Set<string>>();
	for (const table of tables) {
		const keys = (
			await reader.execute(
				`SELECT "table" AS parent FROM pragma_foreign_key_list(${`'${table.replaceAll("'", "''")}'`})`
			)
		).rows;
		parents.set(
			table,
			new Set(keys.map((k) => String(k.parent)).filter((p) => p !== table && tables.includes(p)))
		);
	}
	const ordered: string[] = [];
	const visit = (table: string, path: Set<string>) => {
		if (ordered.includes(table) || path.has(table)) return;
		path.add(table);
		for (const parent of parents.get(table) ?? []) visit(parent, path);
		ordered.push(table);
	};
	for (const table of tables) visit(table, new Set());
	return ordered;
}

/** Inserts `rows` (with `columns`) into `table` in multi-row statements, through `run`. */
async function insertRows(
	run: (statements: InStatement[]) => Promise<unknown>,
	table: string,
	columns: string[],
	rows: unknown[][]
): Promise<void> {
	if (rows.length === 0) return;
	const perStatement = Math.max(
		1,
		Math.min(INSERT_ROWS, Math.floor(32_000 / Math.max(1, columns.length)))
	);
	const statements: InStatement[] = [];
	for (let start = 0; start < rows.length; start += perStatement) {
		const chunk = rows.slice(start, start + perStatement);
		const placeholders = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
		statements.push({
			sql: `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${placeholders}`,
			args: chunk.flat() as never
		});
	}
	await run(statements);
}

/** Every row of `table`, a page at a time, in rowid order (all of this app's tables have rowids). */
async function* pagesOf(
	reader: Client | Transaction,
	table: string
): AsyncGenerator<{ columns: string[]; rows: unknown[][] }> {
	let after: unknown = null;
	for (;;) {
		const result = await reader.execute({
			sql: `SELECT rowid AS "__backup_rowid", * FROM ${quote(table)} ${after === null ? '' : 'WHERE rowid > ?'} ORDER BY rowid LIMIT ${PAGE_ROWS}`,
			args: after === null ? [] : [after as bigint]
		});
		if (result.rows.length === 0) return;
		const columns = result.columns.slice(1);
		yield { columns, rows: result.rows.map((r) => columns.map((_, i) => r[i + 1])) };
		after = result.rows[result.rows.length - 1]![0];
		if (result.rows.length < PAGE_ROWS) return;
	}
}

/**
 * Copies the database on the server at `url` into a new SQLite file at `path`, from one read
 * transaction's snapshot; returns the row count of every table as read in that snapshot.
 */
export async function dumpServerDatabase(
	url: string,
	authToken: string | undefined,
	path: string
): Promise<Record<string, number>> {
	const server = createClient({ url, authToken, intMode: 'bigint' });
	const file = createClient({ url: `file:${path}`, intMode: 'bigint' });
	const counts: Record<string, number> = {};
	try {
		const snapshot = await server.transaction('read');
		try {
			const schema = await schemaOf(snapshot);
			const { create, copy: tables, virtual } = tablesOf(schema);
			await file.execute('PRAGMA journal_mode = OFF');
			await file.execute('PRAGMA foreign_keys = OFF');
			await file.batch(
				create.map((o) => o.sql),
				'write'
			);
			for (const table of tables) {
				counts[table] = 0;
				for await (const page of pagesOf(snapshot, table)) {
					await insertRows(
						(statements) => file.batch(statements, 'write'),
						table,
						page.columns,
						page.rows
					);
					counts[table] += page.rows.length;
				}
			}
			const sequences = (
				await snapshot.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
			).rows.length
				? (await snapshot.execute('SELECT name, seq FROM sqlite_sequence')).rows
				: [];
			if (sequences.length)
				await file.batch(
					sequences.map((s) => ({
						sql: 'INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)',
						args: [s.name, s.seq] as InValue[]
					})),
					'write'
				);
			if (virtual.length) await file.batch(rebuildStatements(virtual), 'write');
			// Indexes, triggers and views after the rows: quicker to build once, and no trigger fires on copied rows.
			await file.batch(
				schema.filter((o) => o.type !== 'table').map((o) => o.sql),
				'write'
			);
		} finally {
			snapshot.close();
		}
	} finally {
		server.close();
		file.close();
	}
	return counts;
}

/**
 * Replaces the database on the server at `url` with the database in the (already checked) file at
 * `path`: in one write transaction, every table, index, trigger and view is dropped and made again
 * from the file, and the rows copied in, parents first. Foreign keys stay enforced throughout.
 */
export async function restoreServerDatabase(
	path: string,
	url: string,
	authToken: string | undefined
): Promise<void> {
	const server = createClient({ url, authToken, intMode: 'bigint' });
	const file = createClient({ url: `file:${path}`, intMode: 'bigint' });
	try {
		const incoming = await schemaOf(file);
		const incomingSplit = tablesOf(incoming);
		const incomingTables = await parentsFirst(file, incomingSplit.copy);
		const tx = await server.transaction('write');
		try {
			const current = await schemaOf(tx);
			for (const view of current.filter((o) => o.type === 'view'))
				await tx.execute(`DROP VIEW ${quote(view.name)}`);
			const currentSplit = tablesOf(current);
			const currentTables = await parentsFirst(tx, currentSplit.copy);
			// The virtual tables first (dropping one drops its shadow tables), then children before parents:
			// dropping a table deletes its rows, which its children's foreign keys would refuse.
			for (const table of [...currentSplit.virtual, ...[...currentTables].reverse()])
				await tx.execute(`DROP TABLE ${quote(table)}`);
			for (const object of incomingSplit.create) await tx.execute(object.sql);
			for (const table of incomingTables) {
				for await (const page of pagesOf(file, table)) {
					await insertRows(
						async (statements) => {
							for (const statement of statements) await tx.execute(statement);
						},
						table,
						page.columns,
						page.rows
					);
				}
			}
			if (
				(await file.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")).rows
					.length
			) {
				await tx.execute('DELETE FROM sqlite_sequence');
				for (const s of (await file.execute('SELECT name, seq FROM sqlite_sequence')).rows) {
					await tx.execute({
						sql: 'INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)',
						args: [s.name, s.seq] as InValue[]
					});
				}
			}
			for (const statement of rebuildStatements(incomingSplit.virtual)) await tx.execute(statement);
			for (const object of incoming.filter((o) => o.type !== 'table')) await tx.execute(object.sql);
			const broken = await tx.execute('PRAGMA foreign_key_check');
			if (broken.rows.length > 0)
				throw new Error(`the backup has ${broken.rows.length} row(s) pointing at missing records`);
			await tx.commit();
		} finally {
			tx.close();
		}
	} finally {
		server.close();
		file.close();
	}
}
