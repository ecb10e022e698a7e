/**
 * The chart's fixed measurements, in SVG user units. The view box is 960 wide, the width of the
 * GOV.UK page, so text is drawn at its stated size on screen; A4 landscape prints it slightly larger.
 */
import type { TimelineLayout } from '$lib/domain/charts/timeline';

export const WIDTH = 960;
/** The column of row labels on the left; the quarters fill the rest. */
export const LABEL_WIDTH = 285;
export const CHART_WIDTH = WIDTH - LABEL_WIDTH - 10;
export const ROW = 24;
/** 'Today' label, then the financial years, then the quarters, then the rows. */
export const TODAY_Y = 16;
export const YEAR_Y = 22;
export const QUARTER_Y = 48;
export const ROWS_Y = 72;
export const LEGEND_HEIGHT = 66;
/**
 * The tallest chart printed on one A4 landscape page: fitting 190 mm of height scales it to about
 * 0.67, which keeps 16-unit labels at 8 pt. A taller chart prints full size across pages instead.
 */
export const ONE_PAGE_MAX_HEIGHT = 1050;

/** Each group takes a heading row above its own rows. */
export function rowTop(layout: TimelineLayout, row: number): number {
	const before = layout.groups.filter((g) => g.firstRow <= row).length;
	return ROWS_Y + (row + before) * ROW;
}

export function groupTop(layout: TimelineLayout, index: number): number {
	return ROWS_Y + (layout.groups[index]!.firstRow + index) * ROW;
}

export function rowsBottom(layout: TimelineLayout): number {
	return ROWS_Y + (layout.rowCount + layout.groups.length) * ROW;
}

const SHORT = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	timeZone: 'UTC'
});

/** '2027-01-31' -> '31 Jan 2027': the chart's labels; the tables give dates in full. */
export function shortDate(iso: string): string {
	return SHORT.format(new Date(`${iso}T00:00:00Z`));
}

/** A label cut to fit the label column (about 8.1 units a character at 16, from x = 16); the tables give it whole. */
export function fitLabel(text: string, max = 31): string {
	return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
