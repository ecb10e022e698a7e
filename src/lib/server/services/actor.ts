/** Who is acting, and for which organisation: every service call carries one. */
export interface Actor {
	organisationId: number;
	/** The signed-in user, when there is one (null for seeding and scripts). */
	userId: number | null;
	/** A name for records such as 'Reviewed by'. */
	displayName: string;
}
