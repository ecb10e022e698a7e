/**
 * `/timeline` in Chromium, as the signed-in test user, against the demo portfolio: the chart is an
 * image with a name and description, the tables say every date in words, the workstream filter
 * narrows both, and the page prints to A4 landscape.
 */
import { describe, expect, test } from 'vitest';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { Timeline } from './pages/Timeline';
import { DEMO_MILESTONES } from '$lib/server/services/demo/demo-costs';
import { formatDate } from '../../src/lib/domain/dates';

const goLives = DEMO_MILESTONES.filter((m) => m.workstream && m.kind === 'go_live');
const switchOffs = DEMO_MILESTONES.filter((m) => m.system && m.kind === 'decommission');

describe.skipIf(!browserAvailable)('timeline', () => {
	const { session } = useBrowser();

	test('draws the chart as a named image and lists every go-live and switch-off in words below it', async () => {
		const { page } = await session();
		const timeline = await new Timeline(page).visit();

		await expect(timeline.chart().count()).resolves.toBe(1);
		// The CSP allows no inline style: the chart is drawn with presentation attributes and classes.
		expect(await page.locator('main').innerHTML()).not.toMatch(/\sstyle=/);
		const { name, description } = await timeline.chartText();
		expect(name).toMatch(/^Timeline by financial quarter, Q1 2026\/27 to Q\d 20\d\d\/\d\d$/);
		expect(description).toMatch(
			/procurement, implementation and parallel running of 7 workstreams/
		);
		expect(description).toMatch(/Every date is also in the tables below the chart\.$/);
		// A bar per phase of the seven workstreams, except Citizen Access's parallel running: its go-live
		// is forecast for 15 December 2028, after parallel running is planned to end.
		await expect(page.locator('main svg[role="img"] rect[data-phase]').count()).resolves.toBe(
			goLives.length * 3 - 1
		);
		await expect(page.getByTestId('not-drawn').innerText()).resolves.toMatch(
			/Citizen Access: Parallel running \(its end is now expected before its start\)/
		);
		// A diamond for every switch-off the table lists: the seeded ones, and any another test file added.
		const offs = await timeline.switchOffRows();
		expect(offs.length).toBeGreaterThanOrEqual(switchOffs.length);
		await expect(
			page.locator('main svg[role="img"] [data-marker="switch-off"]').count()
		).resolves.toBe(offs.length);

		// A workstream added by another test file (the permission matrix's canary) has no go-live yet:
		// then, and only then, there is no date, and the page names it.
		const phases = await timeline.phaseRows();
		const unplanned = phases.filter((r) => r[1] === 'No milestones recorded').map((r) => r[0]);
		expect(await timeline.fullyOperational()).toBe(
			unplanned.length === 0
				? 'Fully operational on 15 December 2028, when Citizen Access goes live, 77 days later than planned.'
				: `Not known until a go-live is planned for ${unplanned.join(', ')}.`
		);
		expect(goLives.length).toBe(7);
		for (const goLive of goLives) {
			const row = phases.find((r) => r[0] === goLive.workstream && r[1] === 'Implementation');
			expect(row, `the implementation row of ${goLive.workstream}`).toBeDefined();
			expect(row![3], `${goLive.workstream}'s planned go-live`).toBe(formatDate(goLive.planned));
			expect(row![5]).toContain('Go-live:');
			if (goLive.forecast) {
				expect(row![4]).toContain(`Go-live: forecast ${formatDate(goLive.forecast)}`);
				expect(row![5]).toMatch(
					new RegExp(
						`Go-live: (Slipped \\d+ days: forecast ${formatDate(goLive.forecast)}|Overdue)`
					)
				);
			} else {
				expect(row![4]).toBe('As planned');
			}
		}

		expect(offs.map((r) => r[2])).toEqual(
			expect.arrayContaining(switchOffs.map((m) => formatDate(m.planned)))
		);
		expect(offs.every((r) => /^(On track|At risk|Overdue|Slipped|Achieved)/.test(r[4]!))).toBe(
			true
		);
	});

	test('the workstream filter narrows the chart, the tables and fully operational to one workstream', async () => {
		const { page } = await session();
		const timeline = await new Timeline(page).visit();
		await timeline.filterBy('Case Management');

		const phases = await timeline.phaseRows();
		expect(phases.map((r) => [r[0], r[1]])).toEqual([
			['Case Management', 'Procurement'],
			['Case Management', 'Implementation'],
			['Case Management', 'Parallel running']
		]);
		expect(await timeline.fullyOperational()).toBe(
			'Fully operational on 31 August 2027, when Case Management goes live, 32 days later than planned.'
		);
		expect((await timeline.chartText()).description).toMatch(/of 1 workstream at/);
		await expect(page.title()).resolves.toBe('Timeline: Case Management - ICT Portfolio Planner');
	});

	test('works without JavaScript and ships none', async () => {
		const { page } = await session({ javaScriptEnabled: false });
		const timeline = await new Timeline(page).visit();
		await expect(timeline.chart().count()).resolves.toBe(1);
		await expect(page.locator('script[src], script[type="module"]').count()).resolves.toBe(0);
		await timeline.filterBy('Directories');
		expect((await timeline.phaseRows()).map((r) => r[0])).toEqual([
			'Directories',
			'Directories',
			'Directories'
		]);
	});

	test('prints to PDF on A4 landscape', async () => {
		const { page } = await session();
		const timeline = await new Timeline(page).visit();
		const pdf = await timeline.pdf();
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(pdf.length).toBeGreaterThan(20_000);
		const text = pdf.toString('latin1');
		// A4 landscape is 842 x 595 points (297 x 210 mm): the print stylesheet's @page size was honoured.
		const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [
			Math.round(Number(m[1])),
			Math.round(Number(m[2]))
		]);
		expect(boxes.length).toBeGreaterThan(0);
		expect(boxes.every(([w, h]) => w === 842 && h === 595)).toBe(true);

		// Printed, the chart fits the page's height (190 mm less a little) with its labels at 8 pt or more.
		await page.setViewportSize({ width: 1047, height: 718 }); // 277 x 190 mm at 96 px to the inch
		await page.emulateMedia({ media: 'print' });
		const printed = await page.locator('main svg[role="img"]').evaluate((svg) => {
			const box = svg.getBoundingClientRect();
			const view = (svg as SVGSVGElement).viewBox.baseVal;
			return {
				height: box.height,
				scale: Math.min(box.width / view.width, box.height / view.height)
			};
		});
		expect(printed.height).toBeLessThanOrEqual((186 / 25.4) * 96 + 1);
		expect(printed.scale * 16 * 0.75, 'label size in points').toBeGreaterThanOrEqual(8);
	});
});
