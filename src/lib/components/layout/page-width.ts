/**
 * The pages that are mainly tables of figures (route ids). They use the whole width of the window, so
 * no column is cut off at GOV.UK's fixed 960px; forms and prose keep the 960px column, whose line
 * length is easier to read.
 */
const WIDE_PAGES: ReadonlySet<string> = new Set([
	'/',
	'/systems',
	'/systems/[id]',
	'/systems/[id]/costs',
	'/systems/[id]/milestones',
	'/workstreams',
	'/workstreams/[id]',
	'/workstreams/[id]/costs',
	'/workstreams/[id]/milestones',
	'/funding',
	'/rollups',
	'/timeline',
	'/business-cases',
	'/business-cases/[id]',
	'/business-cases/[id]/options',
	'/business-cases/[id]/risks',
	'/business-cases/[id]/benefits',
	'/business-cases/[id]/decide',
	'/business-cases/[id]/versions/[n]',
	'/reports',
	'/reports/[id]',
	'/reports/[id]/changes',
	'/audit',
	'/admin/users',
	'/import/[id]',
	'/costs/import/[id]'
]);

/** The page container's class for this route: GOV.UK's own, or the full-width one for a data page. */
export function widthContainer(routeId: string | null): string {
	return routeId !== null && WIDE_PAGES.has(routeId) ? 'app-width-container--wide' : 'govuk-width-container';
}
