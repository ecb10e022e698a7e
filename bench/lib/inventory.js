/**
 * A council's system inventory as CSV, the way the import benchmark feeds it to the app: the export's
 * headings (SYSTEM_CSV_HEADER without the two review columns, which the system import does not read),
 * values as officers type them ('£12,500.00', '31/03/2027', 'SaaS', 'Yes'), a UTF-8 BOM and CRLF line
 * ends as Excel writes them, and a handful of deliberately bad rows so rejection is exercised.
 * Names come from bench/generate.js, so every directorate and service area exists in the bench organisation.
 */
import { DIRECTORATES, KINDS, prng, SERVICE_AREAS, SUBJECTS, SUPPLIERS } from '../generate.js';

/** Bump when the generated file changes, so figures from different versions are not compared. */
export const INVENTORY_VERSION = 2;

/**
 * Values in the council's own words that the app does not know out of the box, with the officer's
 * answer for each (the preview's vk/vv pairs: `set:words` and a code). Only the measured file uses them;
 * the earlier file says the same thing in the app's own words, so the answers are not remembered yet.
 */
export const OWN_WORDS = [
	{
		column: 'Hosting',
		set: 'hosting',
		text: 'Azure tenancy',
		code: 'saas',
		plain: 'Software as a service'
	},
	{
		column: 'Hosting',
		set: 'hosting',
		text: 'Shire Hall server room',
		code: 'on_premises',
		plain: 'On-premises'
	},
	{
		column: 'Criticality',
		set: 'criticality',
		text: 'Tier 1',
		code: 'critical',
		plain: 'Critical'
	},
	{ column: 'Criticality', set: 'criticality', text: 'Tier 3', code: 'low', plain: 'Low' },
	{
		column: 'Personal data held',
		set: 'personalData',
		text: 'GDPR Article 9',
		code: 'special_category',
		plain: 'Special category data'
	},
	{ column: 'Lifecycle status', set: 'lifecycle', text: 'BAU', code: 'live', plain: 'Live' }
];
const OWN = Object.fromEntries(OWN_WORDS.map((w) => [w.text, w]));
/** The preview's answers, as src/lib/domain/csv/value-mapping.ts readValueMappingParams reads them. */
export const valueAnswerParams = () =>
	OWN_WORDS.flatMap((w, i) => [
		[
			`vk${i}`,
			`${w.set}:${w.text
				.toLowerCase()
				.replace(/[^a-z0-9]+/g, ' ')
				.trim()}`
		],
		[`vv${i}`, w.code]
	]);

/** src/lib/domain/csv/systems.ts SYSTEM_CSV_HEADER, less 'Review status' and 'Outcomes': 15 columns. */
export const INVENTORY_HEADER = [
	'External reference',
	'Name',
	'Supplier',
	'Product',
	'Directorate',
	'Service area',
	'Hosting',
	'Criticality',
	'Number of users',
	'Annual run cost (£)',
	'Contract start',
	'Contract end',
	'Contract notice date',
	'Personal data held',
	'Lifecycle status'
];
const COLUMN = Object.fromEntries(INVENTORY_HEADER.map((h, i) => [h, i]));

/**
 * The bad rows, each replacing one good row at evenly spread positions. Each is rejected by the app
 * for one reason; the blank line is ignored rather than rejected and is not counted as a row.
 */
const BAD_ROWS = [
	{
		why: "shorthand cost '12.5k'",
		edit: (cells) => (cells[COLUMN['Annual run cost (£)']] = '12.5k')
	},
	{
		why: "no such date '31/02/2027'",
		edit: (cells) => (cells[COLUMN['Contract end']] = '31/02/2027')
	},
	{ why: "unknown hosting 'Mainframe'", edit: (cells) => (cells[COLUMN.Hosting] = 'Mainframe') },
	{
		why: 'unknown directorate',
		edit: (cells) => (cells[COLUMN.Directorate] = 'Department of Magic')
	},
	{ why: 'ragged row (12 cells)', edit: (cells) => cells.splice(12) },
	{
		why: "lifecycle 'Archived'",
		edit: (cells) => (cells[COLUMN['Lifecycle status']] = 'Archived')
	},
	{ why: 'blank name', edit: (cells) => (cells[COLUMN.Name] = '') },
	{
		why: 'contract end before start',
		edit: (cells) => (
			(cells[COLUMN['Contract start']] = '01/04/2026'),
			(cells[COLUMN['Contract end']] = '31/03/2025'),
			(cells[COLUMN['Contract notice date']] = '')
		)
	},
	{
		why: "cost with three decimals '£1,234.567'",
		edit: (cells) => (cells[COLUMN['Annual run cost (£)']] = '£1,234.567')
	},
	{ why: "user count 'lots'", edit: (cells) => (cells[COLUMN['Number of users']] = 'lots') },
	{
		why: "two-digit year '31/03/27'",
		edit: (cells) => (cells[COLUMN['Contract start']] = '31/03/27')
	},
	// Filled in below with the external reference of an earlier good row: the same system twice.
	{ why: 'external reference repeated from an earlier row', edit: null }
];

const BASE_DAY = Date.UTC(2026, 10, 1);
const DAY_MS = 86_400_000;

const ukDate = (ms) => {
	const d = new Date(ms);
	return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};
const isoDate = (ms) => new Date(ms).toISOString().slice(0, 10);
const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** Pence to '£12,500.00'. */
const pounds = (pence) =>
	`£${thousands(Math.floor(pence / 100))}.${String(pence % 100).padStart(2, '0')}`;
/** RFC 4180 quoting, as Excel writes it: only cells holding a comma, a quote or a line break. */
const csvCell = (cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/**
 * Generates the inventory. Returns the file's bytes, where the bad rows are (spreadsheet row
 * numbers: the heading is row 1), and what a correct import of it into an empty organisation does.
 * @param {{ rows?: number, seed?: number }} [options]
 */
export function generateInventory({ rows = 100_000, seed = 20261122, updateShare = 0.4 } = {}) {
	const random = prng(seed);
	const pick = (list) => list[Math.floor(random() * list.length)];
	const chance = (p) => random() < p;
	const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
	const weighted = (pairs) => {
		let r = random();
		for (const [value, weight] of pairs) if ((r -= weight) < 0) return value;
		return pairs[pairs.length - 1][0];
	};

	const badEvery = Math.floor(rows / (BAD_ROWS.length + 1));
	const badAt = new Map(
		rows >= (BAD_ROWS.length + 1) * 2 ? BAD_ROWS.map((bad, k) => [(k + 1) * badEvery, bad]) : []
	);
	const blankLineAfter = Math.floor(rows / 2) + 1;

	const lines = [INVENTORY_HEADER.map(csvCell).join(',')];
	const earlier = [lines[0]];
	const badRows = [];
	let firstRef = null;
	for (let i = 0; i < rows; i++) {
		if (i === blankLineAfter) lines.push('');
		const id = i + 1;
		const areaIndex = between(0, SERVICE_AREAS.length - 1);
		const [directorateIndex, serviceArea] = SERVICE_AREAS[areaIndex];
		const hasDirectorate = chance(0.97);
		const supplier = chance(0.04) ? '' : pick(SUPPLIERS);
		const kind = pick(KINDS);
		const subject = pick(SUBJECTS);
		// Unique names, unlike bench/generate.js's, so they never match a generated system by name.
		const name = `${subject} ${kind} (${['North', 'South', 'East', 'West', 'Central'][id % 5]}) ${id.toString(36).toUpperCase().padStart(4, '0')}`;
		const hasContract = chance(0.85);
		const start = BASE_DAY - between(0, 3650) * DAY_MS;
		const end = start + between(365, 3650) * DAY_MS;
		const date = (ms) => (chance(0.05) ? isoDate(ms) : ukDate(ms));
		const users = chance(0.1) ? null : Math.round(Math.exp(random() * 9));
		// Run costs spread log-uniformly from about £400 to £700,000 a year, mostly whole pounds.
		const cost = chance(0.15)
			? null
			: Math.round(Math.exp(6 + random() * 7.5) / 50) * 5000 + (chance(0.2) ? between(1, 99) : 0);
		const cells = [
			chance(0.03) ? '' : `INV-${String(id).padStart(6, '0')}`,
			name,
			// Some cells have the stray spaces spreadsheets collect; the app trims them.
			chance(0.01) ? `${supplier} ` : supplier,
			`${supplier || 'Bespoke'} ${kind} ${between(1, 12)}.${between(0, 9)}`,
			hasDirectorate ? DIRECTORATES[directorateIndex] : '',
			hasDirectorate && chance(0.9) ? serviceArea : '',
			weighted([
				['On-premises', 0.32],
				['Hosted', 0.2],
				['Software as a service', 0.27],
				['SaaS', 0.07],
				['Cloud', 0.05],
				['On prem', 0.03],
				['Azure tenancy', 0.03],
				['Shire Hall server room', 0.03]
			]),
			weighted([
				['Low', 0.22],
				['Medium', 0.4],
				['High', 0.25],
				['Critical', 0.07],
				['Tier 1', 0.03],
				['Tier 3', 0.03]
			]),
			users == null ? '' : users >= 1000 && chance(0.5) ? thousands(users) : String(users),
			cost == null ? '' : chance(0.9) ? pounds(cost) : (cost / 100).toFixed(2),
			hasContract ? date(start) : '',
			hasContract ? date(end) : '',
			hasContract && chance(0.5) ? date(end - between(30, 180) * DAY_MS) : '',
			weighted([
				['None', 0.25],
				['Personal data', 0.4],
				['Special category data', 0.17],
				['GDPR Article 9', 0.03],
				['Yes', 0.1],
				['No', 0.05]
			]),
			weighted([
				['Live', 0.85],
				['BAU', 0.05],
				['Being replaced', 0.05],
				['Decommissioned', 0.05]
			])
		];
		// Two rows in five update a system the earlier file created: there it had another product version
		// and another cost, and the app's own words; here a tenth of them have blank cells, which never erase.
		const updates = random() < updateShare;
		let earlierCells = null;
		if (updates) {
			earlierCells = cells.map((cell) => OWN[cell]?.plain ?? cell);
			earlierCells[COLUMN.Product] = `${cells[COLUMN.Product]} (2024)`;
			earlierCells[COLUMN['Annual run cost (£)']] = pounds((cost ?? 100_000) + 250_000);
			if (random() < 0.1) {
				earlierCells[COLUMN.Supplier] ||= 'Capita';
				earlierCells[COLUMN['Number of users']] ||= '250';
				cells[COLUMN.Supplier] = '';
				cells[COLUMN['Number of users']] = '';
			}
		}
		const bad = badAt.get(i);
		if (bad) {
			if (bad.edit) bad.edit(cells);
			else cells[COLUMN['External reference']] = firstRef.ref;
			badRows.push({ row: lines.length + 1, why: bad.why });
		} else if (!firstRef && cells[0]) {
			firstRef = { ref: cells[0], row: lines.length + 1 };
		}
		if (earlierCells && !bad) earlier.push(earlierCells.map(csvCell).join(','));
		lines.push(cells.map(csvCell).join(','));
	}
	const text = `\uFEFF${lines.join('\r\n')}\r\n`;
	const bytes = Buffer.from(text, 'utf8');
	const updated = earlier.length - 1;
	return {
		bytes,
		/** The systems already in the database before the measured import: the good updating rows as they were. */
		earlierBytes: Buffer.from(`\uFEFF${earlier.join('\r\n')}\r\n`, 'utf8'),
		earlierRows: updated,
		rows,
		columns: INVENTORY_HEADER.length,
		badRows,
		ownWordRows: OWN_WORDS.map((w) => ({
			...w,
			rows: lines.filter((line) => line.split(',').includes(w.text)).length
		})),
		expected: {
			create: rows - badRows.length - updated,
			update: updated,
			unchanged: 0,
			rejected: badRows.length
		}
	};
}
