/**
 * `npm run backup [-- --dir data/backups --keep 14]`: a checked, consistent copy of the database
 * (the embedded file, or a sqld server through its client API) while the app runs (db/backup.ts),
 * then the oldest backups beyond --keep deleted.
 * `npm run restore -- FILE`: checks FILE and puts it in place of DATABASE_URL's database; the app must be
 * stopped. Exit code 0 when done, 1 when refused or failed (nothing changed), 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { backupDatabase, restoreBackup } from '../db/backup';
import { DEFAULT_DATABASE_URL } from '../db';

const USAGE =
	'Usage: npm run backup [-- --dir data/backups --keep 14]   |   npm run restore -- FILE';
let parsed;
try {
	parsed = parseArgs({
		allowPositionals: true,
		options: { dir: { type: 'string' }, keep: { type: 'string' } }
	});
} catch (error) {
	console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
	process.exit(2);
}
const { values, positionals } = parsed;
const [command, file, ...rest] = positionals;
const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;

function table(tables: Record<string, number>): string {
	return Object.entries(tables)
		.map(([name, rows]) => `  ${name.padEnd(32)} ${rows.toLocaleString('en-GB')}`)
		.join('\n');
}

try {
	if (command === 'backup' && !file) {
		const keep =
			values.keep === undefined ? Number(process.env.BACKUP_KEEP || 14) : Number(values.keep);
		const report = await backupDatabase(
			url,
			values.dir || process.env.BACKUP_DIR || 'data/backups',
			{ keep }
		);
		console.log(
			`Backed up to ${report.file} (${report.bytes.toLocaleString('en-GB')} bytes): integrity check ok. Rows per table:\n${table(report.tables)}`
		);
		if (report.removed.length)
			console.log(
				`Deleted ${report.removed.length} older backup(s), keeping the newest ${keep}: ${report.removed.join(', ')}`
			);
	} else if (
		command === 'restore' &&
		file &&
		rest.length === 0 &&
		values.dir === undefined &&
		values.keep === undefined
	) {
		const result = await restoreBackup(file, url);
		console.log(`Restored ${file}: integrity check ok. Rows per table:\n${table(result.tables)}`);
		if (result.previous) console.log(`The database it replaced is kept as ${result.previous}.`);
	} else {
		console.error(USAGE);
		process.exit(2);
	}
} catch (error) {
	console.error(
		`${command} refused: ${error instanceof Error ? error.message.split('\n')[0] : error}. Nothing was changed.`
	);
	process.exit(1);
}
