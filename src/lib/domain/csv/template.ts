/**
 * The blank template offered on the import page: the export's own headings, a Description column
 * whose example cell says how blank cells and the clear marker work (where the officer will see it),
 * and one example row written as the export writes it.
 */
import { SYSTEM_CSV_HEADER } from './systems';
import { toCsv } from './write';
import { CLEAR_MARKER } from './clear-marker';

export const TEMPLATE_NOTE = `Example row: replace it with your own systems. When a row updates a system already in the app, a blank cell keeps the system's value; write ${CLEAR_MARKER} in a cell to remove the value.`;

export function importTemplateCsv(): string {
	return toCsv(
		[...SYSTEM_CSV_HEADER, 'Description'],
		[
			[
				'CFA-001',
				"Children's Social Care Record",
				'Example Supplier Ltd',
				'Example Product 7',
				'',
				'',
				'Software as a service',
				'Critical',
				850,
				'125000.00',
				'2022-04-01',
				'2027-03-31',
				'2026-09-30',
				'Special category data',
				'Live',
				'Not yet reviewed',
				'',
				TEMPLATE_NOTE
			]
		]
	);
}
