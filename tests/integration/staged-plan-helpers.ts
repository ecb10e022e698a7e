import { db } from '$lib/server/db/database';
import { execute } from '$lib/server/db/bulk';
import { discardRun } from '$lib/server/services/import-writes';
import type * as importService from '$lib/server/services/imports';
import { previewSettings } from '$lib/domain/csv/preview-settings';
import { readSystemImportOptions } from '$lib/domain/csv/preview-options';

/**
 * Makes the upload's commit plan the file again (its safe path, taken when anything changed after
 * the preview) instead of writing the plan its preview staged: for tests of what happens while a
 * commit plans. The preview's staged rows are deleted.
 */
export async function forgetStagedPlan(uploadId: number): Promise<void> {
	const runs = await execute(db(), 'SELECT id FROM import_stage_run WHERE upload_id = ?', [
		uploadId
	]);
	for (const r of runs.rows) await discardRun(Number(r.id));
}

/** The answers a preview's commit form posts, read as the commit action reads them. */
export function postedAnswers(preview: importService.Preview): importService.PreviewOptions {
	return readSystemImportOptions(new URLSearchParams(previewSettings(preview)));
}
