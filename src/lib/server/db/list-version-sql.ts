/**
 * The one definition of the triggers that keep `organisation_list_version`: what /systems shows beside
 * its rows (the three filter lists, the data-quality figures, whether a search reads the trigram
 * index) is kept per organisation in the app while this counter stands still. A trigger raises it in
 * the same statement as the change, so every write path (forms, imports, seeds, a restore's replay)
 * keeps it right; an update raises it only when a column those figures read changes, for the old
 * organisation and the new.
 *
 * To change it: change this file, then `npx drizzle-kit generate --custom --name list_version_<what>`
 * and paste what `npm run db:list-version-sql` prints into the new migration.
 */

/** Each table the list reads, with the columns whose change moves what it shows. */
export const LIST_VERSION_SOURCES = [
	{
		table: 'system',
		columns: ['organisation_id', 'lifecycle', 'criticality', 'personal_data', 'outcome_flags']
	},
	{ table: 'directorate', columns: ['organisation_id', 'name'] },
	{ table: 'service_area', columns: ['organisation_id', 'name'] },
	{ table: 'workstream', columns: ['organisation_id', 'name'] }
] as const;

const raise = (row: 'old' | 'new') =>
	`\tINSERT INTO \`organisation_list_version\`(organisation_id, version) VALUES (${row}.organisation_id, 1) ON CONFLICT(organisation_id) DO UPDATE SET version = version + 1;`;

/** Each trigger by name, as SQLite keeps its text (no final ';'). */
export function listVersionDefinitions(): { name: string; type: 'trigger'; sql: string }[] {
	return LIST_VERSION_SOURCES.flatMap(({ table, columns }) => {
		const changed = columns.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ');
		return [
			{ event: 'insert', on: `AFTER INSERT ON \`${table}\` BEGIN`, body: [raise('new')] },
			{ event: 'delete', on: `AFTER DELETE ON \`${table}\` BEGIN`, body: [raise('old')] },
			{
				event: 'update',
				on: `AFTER UPDATE OF ${columns.join(', ')} ON \`${table}\`\nWHEN ${changed} BEGIN`,
				body: [raise('old'), raise('new')]
			}
		].map(({ event, on, body }) => {
			const name = `${table}_list_version_${event}`;
			return {
				name,
				type: 'trigger' as const,
				sql: `CREATE TRIGGER \`${name}\` ${on}\n${body.join('\n')}\nEND`
			};
		});
	});
}

/** A migration's body that replaces the triggers with this definition, in drizzle-kit's statement format. */
export function listVersionMigrationSql(): string {
	const definitions = listVersionDefinitions();
	return [
		...definitions.map((d) => `DROP TRIGGER IF EXISTS \`${d.name}\`;`),
		...definitions.map((d) => `${d.sql};`)
	].join('\n--> statement-breakpoint\n');
}
