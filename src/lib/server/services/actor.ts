/** Who is acting, for which organisation, and from where: every service call carries one. */
export interface Actor {
	organisationId: number;
	/** The signed-in user, when there is one (null for seeding and scripts). */
	userId: number | null;
	/** A name for records such as 'Reviewed by', and for the audit trail (the user's email). */
	displayName: string;
	requestId?: string;
	ip?: string;
}

/** The actor for work done by the system itself: seeding, scripts, migrations. */
export function systemActor(organisationId: number, displayName = 'system'): Actor {
	return { organisationId, userId: null, displayName };
}
