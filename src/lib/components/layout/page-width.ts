/**
 * The pages that are mainly tables of figures (route ids). They use the whole width of the window, so
 * no column is cut off at GOV.UK's fixed 960px; forms and prose keep the 960px column, whose line
 * length is easier to read.
 */
const WIDE_PAGES: ReadonlySet<string> = new Set([
	'/',
	'/systems',
	'/systems/[id=id]',
	'/systems/[id=id]/costs',
	'/systems/[id=id]/milestones',
	'/workstreams',
	'/workstreams/[id=id]',
	'/workstreams/[id=id]/costs',
	'/workstreams/[id=id]/milestones',
	'/funding',
	'/rollups',
	'/timeline',
	'/business-cases',
	'/business-cases/[id=id]',
	'/business-cases/[id=id]/options',
	'/business-cases/[id=id]/risks',
	'/business-cases/[id=id]/benefits',
	'/business-cases/[id=id]/decide',
	'/business-cases/[id=id]/versions/[n=id]',
	'/reports',
	'/reports/[id=id]',
	'/reports/[id=id]/changes',
	'/audit',
	'/admin/users',
	'/import/[id=id]',
	'/costs/import/[id=id]'
]);

/** The page container's class for this route: GOV.UK's own, or the full-width one for a data page. */
export function widthContainer(routeId: string | null): string {
	return routeId !== null && WIDE_PAGES.has(routeId)
		? 'app-width-container--wide'
		: 'govuk-width-container';
}
