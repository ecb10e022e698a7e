/** Each organisation's OpenID Connect settings (one row per organisation, none until an administrator saves them). */
import { eq, sql } from 'drizzle-orm';
import { organisation, ssoSetting } from '../db/schema';
import type { Executor } from '../db';
import type { RoleMap, SsoSettingsInput } from '$lib/domain/sso';
import { nowIso } from '$lib/domain/dates';

export type SsoSettingRow = typeof ssoSetting.$inferSelect;
export type SsoSettings = Omit<SsoSettingRow, 'roleMap'> & { roleMap: RoleMap };

function parsed(row: SsoSettingRow): SsoSettings {
	let roleMap: RoleMap = [];
	try {
		roleMap = JSON.parse(row.roleMap) as RoleMap;
	} catch {
		// A corrupt map maps nothing, so it gives no one access.
	}
	return { ...row, roleMap };
}

export async function getSsoSettings(
	ex: Executor,
	organisationId: number
): Promise<SsoSettings | undefined> {
	const [row] = await ex
		.select()
		.from(ssoSetting)
		.where(eq(ssoSetting.organisationId, organisationId));
	return row && parsed(row);
}

/** An organisation by its short name with its settings, when it has turned organisation sign-in on. */
export async function getEnabledSsoBySlug(ex: Executor, slug: string) {
	const [row] = await ex
		.select({ settings: ssoSetting, organisation })
		.from(ssoSetting)
		.innerJoin(organisation, eq(organisation.id, ssoSetting.organisationId))
		.where(sql`${organisation.slug} = ${slug} AND ${ssoSetting.enabled} = 1`);
	return row && { settings: parsed(row.settings), organisation: row.organisation };
}

/** Which of these organisations allow only organisation sign-in (password sign-in off). */
export async function ssoOnlyOrganisations(
	ex: Executor,
	organisationIds: number[]
): Promise<Set<number>> {
	if (!organisationIds.length) return new Set();
	const rows = await ex
		.select({ id: ssoSetting.organisationId })
		.from(ssoSetting)
		.where(
			sql`${ssoSetting.organisationId} IN (${sql.join(
				organisationIds.map((id) => sql`${id}`),
				sql`, `
			)}) AND ${ssoSetting.ssoOnly} = 1 AND ${ssoSetting.enabled} = 1`
		);
	return new Set(rows.map((r) => r.id));
}

export async function saveSsoSettings(
	ex: Executor,
	organisationId: number,
	input: SsoSettingsInput
): Promise<SsoSettings> {
	const values = { ...input, roleMap: JSON.stringify(input.roleMap) };
	const [row] = await ex
		.insert(ssoSetting)
		.values({ organisationId, ...values })
		.onConflictDoUpdate({
			target: ssoSetting.organisationId,
			set: {
				...values,
				version: sql`${ssoSetting.version} + 1`,
				updatedAt: nowIso()
			}
		})
		.returning();
	return parsed(row!);
}
