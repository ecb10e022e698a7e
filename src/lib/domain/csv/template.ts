/** The blank template offered on the import page: the export's own headings and one example row. */
import { systemsCsv } from './systems';

export function importTemplateCsv(): string {
	return systemsCsv([
		{
			externalRef: 'CFA-001', name: "Children's Social Care Record", supplier: 'Example Supplier Ltd', product: 'Example Product 7',
			directorateName: '', serviceAreaName: '', hosting: 'saas', criticality: 'critical', userCount: 850, annualRunCostPence: 12_500_000,
			contractStart: '2022-04-01', contractEnd: '2027-03-31', contractNotice: '2026-09-30', personalData: 'special_category', lifecycle: 'live',
			reviewStatus: 'not_reviewed', outcomes: []
		}
	]);
}
