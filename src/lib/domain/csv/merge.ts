/**
 * An update's new record: the system as it is, with only the fields the row gives replaced. A blank
 * cell is not given (rows.ts), so the values it would have erased stay. Because a row may now give one
 * of a pair and keep the other, the pairs the form checks together are checked again on the result.
 */
import type { SystemFormField, SystemInput } from '../systems/system-form';
import { SYSTEM_FIELD_LABEL } from '../systems/system-form';
import { CLEAR_MARKER } from './clear-marker';
import { IMPORT_FIELD_LABEL } from './mapping';

/** Form field -> the SystemInput key it sets. */
const INPUT_KEY: Partial<Record<SystemFormField, keyof SystemInput>> = {
	annualRunCost: 'annualRunCostPence'
};
export const inputKey = (field: SystemFormField) =>
	INPUT_KEY[field] ?? (field as keyof SystemInput);

export interface Merged {
	input: SystemInput;
	/** The keys whose value differs from the system's. */
	changed: (keyof SystemInput)[];
	/** [column, reason] for each pair the result would break. */
	problems: [string, string][];
}

export function mergeUpdate(
	current: SystemInput,
	given: ReadonlySet<SystemFormField>,
	row: SystemInput
): Merged {
	const merged: SystemInput = { ...current };
	for (const field of given) {
		const k = inputKey(field);
		(merged as unknown as Record<string, unknown>)[k] = row[k];
		// A service area names its directorate: the row's reading of it (rows.ts) comes with it. Clearing the service area keeps the directorate.
		if (field === 'serviceAreaId' && !given.has('directorateId') && row.serviceAreaId != null)
			merged.directorateId = row.directorateId;
	}
	const changed: (keyof SystemInput)[] = [];
	for (const k of Object.keys(merged) as (keyof SystemInput)[])
		if (merged[k] !== current[k]) changed.push(k);

	const problems: [string, string][] = [];
	// A service area belongs to one directorate: the one kept would be in the wrong directorate after a move.
	if (
		merged.serviceAreaId != null &&
		!given.has('serviceAreaId') &&
		merged.directorateId !== current.directorateId
	) {
		problems.push([
			IMPORT_FIELD_LABEL.serviceArea,
			`The system's service area is in its current directorate: give its service area in the new directorate, or write ${CLEAR_MARKER}, in a Service area column`
		]);
	}
	if (merged.contractStart && merged.contractEnd && merged.contractEnd < merged.contractStart) {
		problems.push([
			SYSTEM_FIELD_LABEL.contractEnd,
			`Contract end must be on or after the contract start (the system's is kept where the cell is blank)`
		]);
	}
	if (merged.contractNotice && merged.contractEnd && merged.contractNotice > merged.contractEnd) {
		problems.push([
			SYSTEM_FIELD_LABEL.contractNotice,
			`Contract notice date must be on or before the contract end (the system's is kept where the cell is blank)`
		]);
	}
	return { input: merged, changed, problems };
}
