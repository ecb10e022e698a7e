/**
 * The appraisal settings (discount rates, optimism bias) by name and date. Platform-wide reference
 * data, not an organisation's records: HM Treasury's figures are the same for every council, so
 * these are the one set of queries here that take no organisation id. Rows are never changed
 * (migration 0008 refuses it): a revision is a new row.
 */
import { asc, desc, eq, lte } from 'drizzle-orm';
import { appraisalSetting } from '../db/schema';
import type { Executor } from '../db';
import type { AppraisalSettings } from '$lib/domain/business-cases';

export interface AppraisalSettingRow {
	id: number;
	name: string;
	source: string;
	effectiveFrom: string;
	settings: AppraisalSettings;
}

function parse(row: typeof appraisalSetting.$inferSelect): AppraisalSettingRow {
	return {
		id: row.id,
		name: row.name,
		source: row.source,
		effectiveFrom: row.effectiveFrom,
		settings: JSON.parse(row.settings) as AppraisalSettings
	};
}

/** The settings in force on `date` (ISO): the latest effective on or before it; undefined before the first. */
export async function settingsInForce(
	ex: Executor,
	date: string
): Promise<AppraisalSettingRow | undefined> {
	const [row] = await ex
		.select()
		.from(appraisalSetting)
		.where(lte(appraisalSetting.effectiveFrom, date))
		.orderBy(desc(appraisalSetting.effectiveFrom), desc(appraisalSetting.id))
		.limit(1);
	return row && parse(row);
}

export async function getAppraisalSetting(
	ex: Executor,
	id: number
): Promise<AppraisalSettingRow | undefined> {
	const [row] = await ex.select().from(appraisalSetting).where(eq(appraisalSetting.id, id));
	return row && parse(row);
}

/** Every set of settings, oldest first, for the settings page. */
export async function listAppraisalSettings(ex: Executor): Promise<AppraisalSettingRow[]> {
	return (
		await ex
			.select()
			.from(appraisalSetting)
			.orderBy(asc(appraisalSetting.effectiveFrom), asc(appraisalSetting.id))
	).map(parse);
}
