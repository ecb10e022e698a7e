/**
 * The answers a systems-import preview was made with, as its forms and links carry them (query
 * parameters) and its commit form posts them: the separator and sheet, the column mapping, each
 * value's and each name's answer, and the values for every new system. One list, so the page and
 * the server that checks a commit's answers against its preview spell them alike.
 */
import { fileReadingParams } from './preview-options';
import type { Delimiter } from './delimiter';
import { mappingParams, type Mapping } from './mapping';
import { valueMappingParams, type UnknownValue } from './value-mapping';
import { nameChoiceParams } from './name-choices';
import type { UnknownName } from './name-sets';
import { wholeImportParamsOf, type MissingColumn } from './missing-columns';

export interface PreviewAnswers {
	delimiter: Delimiter;
	workbook?: Parameters<typeof fileReadingParams>[0]['workbook'];
	mapping: Mapping;
	values: readonly UnknownValue[];
	names: readonly UnknownName[];
	missing: readonly MissingColumn[];
}

/** The separator and column mapping. */
export function columnSettings(p: PreviewAnswers): [string, string][] {
	return [...fileReadingParams(p), ...mappingParams(p.mapping)];
}

/** Every answer, in the order the commit form posts them. */
export function previewSettings(p: PreviewAnswers): [string, string][] {
	return [
		...columnSettings(p),
		...valueMappingParams(p.values),
		...nameChoiceParams(p.names),
		...wholeImportParamsOf(p.missing)
	];
}
