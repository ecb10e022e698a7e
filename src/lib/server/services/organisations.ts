/** Partner organisations: created by a platform administrator, audited. */
import { transaction } from '../db/database';
import * as organisations from '../repos/organisations';
import { recordAudit } from '../repos/audit';
import type { Actor } from './actor';

export type CreateOrganisationResult =
	{ ok: true; organisation: organisations.Organisation } | { ok: false; reason: 'slug-taken' };

export async function createOrganisation(
	actor: Actor,
	input: { name: string; slug: string }
): Promise<CreateOrganisationResult> {
	return transaction(async (tx): Promise<CreateOrganisationResult> => {
		if (await organisations.getOrganisationBySlug(tx, input.slug))
			return { ok: false, reason: 'slug-taken' };
		const organisation = await organisations.createOrganisation(tx, input);
		await recordAudit(
			tx,
			actor,
			{ entity: 'organisation', entityId: organisation.id, action: 'create', after: input },
			organisation.id
		);
		return { ok: true, organisation };
	});
}
