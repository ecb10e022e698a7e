import { db } from '$lib/server/db/database';
import { execute } from '$lib/server/db/bulk';
import { discardRun } from '$lib/server/services/import-writes';

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
