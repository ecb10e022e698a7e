/**
 * An import preview's settings as its links and forms carry them (`?delimiter=semicolon&col0=name&vk0=...`),
 * read once for the page, its downloads and its commit, so each plans the file the same way.
 */
import { DELIMITER_PARAM, delimiterFromParam, type Delimiter } from './delimiter';
import { sheetFromParam, type WorkbookInfo } from './xlsx-values';
import { readMappingParams } from './mapping';
import { readValueMappingParams } from './value-mapping';
import { readImportChoiceParams } from './name-choices';
import { isLedgerField } from '../recharges/ledger-columns';
import { readWholeCostParams } from './cost-layout';

type Params = URLSearchParams | FormData;

/** How the file is read: a CSV file's separator, a workbook's sheet. */
export function readFileReading(params: Params) {
	return {
		delimiter: delimiterFromParam(params.get('delimiter')),
		sheet: sheetFromParam(params.get('sheet'))
	};
}

/** The same, written back as parameters for the preview's forms and links. */
export function fileReadingParams(file: {
	delimiter: Delimiter;
	workbook?: WorkbookInfo;
}): [string, string][] {
	return [
		['delimiter', DELIMITER_PARAM[file.delimiter]],
		...(file.workbook?.sheet != null ? [['sheet', file.workbook.sheet] as [string, string]] : [])
	];
}

/** How the file is read and what its own words mean: both imports' first settings. */
function readWordsOptions(params: Params) {
	return { ...readFileReading(params), values: readValueMappingParams(params) };
}

/** The cost line import's settings: those, and a value for every line for each column the file lacks. */
export function readCostImportOptions(params: Params) {
	return { ...readWordsOptions(params), whole: readWholeCostParams(params) };
}

/** The systems import's settings: those, what each column holds, and the answers for names and missing columns. */
export function readSystemImportOptions(params: Params) {
	return {
		...readWordsOptions(params),
		mapping: readMappingParams(params),
		...readImportChoiceParams(params)
	};
}

/** A partner's ledger extract's settings: how the file is read and what each column holds. */
export function readLedgerImportOptions(params: Params) {
	return { ...readFileReading(params), mapping: readMappingParams(params, isLedgerField) };
}
