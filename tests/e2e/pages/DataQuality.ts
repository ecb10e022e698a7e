import type { Page } from 'playwright-core';

export type Gap = 'criticality' | 'personalData' | 'targetDate' | 'replaceWorkstream';

export interface GapFigure {
	/** The leading number ('3 systems: ...' -> 3), 0 when the figure is not shown (a gap of none is left out). */
	count: number;
	text: string;
	href: string;
}

/** The 'Data quality' panel on `/` and `/systems`: each figure's number, words and link. */
export async function dataQualityFigures(page: Page): Promise<Record<Gap, GapFigure>> {
	const result = {} as Record<Gap, GapFigure>;
	for (const gap of ['criticality', 'personalData', 'targetDate', 'replaceWorkstream'] as Gap[]) {
		const link = page.locator(`[data-figure="data-quality-${gap}"]`);
		if ((await link.count()) === 0) {
			result[gap] = { count: 0, text: '', href: '' };
			continue;
		}
		const text = (await link.innerText()).replace(/\s+/g, ' ').trim();
		const match = /^([\d,]+)\b/.exec(text);
		if (!match)
			throw new Error(`data-quality figure ${gap} does not start with a number: '${text}'`);
		result[gap] = {
			count: Number(match[1]!.replace(/,/g, '')),
			text,
			href: (await link.getAttribute('href')) ?? ''
		};
	}
	return result;
}
