/**
 * axe-core against the page as shown. The app's CSP (script-src 'self' + nonce) would block an
 * inline <script> from addScriptTag, so the source is evaluated through the DevTools protocol,
 * which CSP does not govern. E2E_TIMING=1 (with vitest --disable-console-intercept) prints each check's time.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { isWithoutJavaScript, recordCheck } from './browser';

const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

/** WCAG 2.2 AA as axe tests it; best-practice rules are left out (they are advice, not conformance). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Violation {
	id: string;
	impact: string | null;
	help: string;
	helpUrl: string;
	nodes: { target: unknown[]; failureSummary?: string }[];
}

export function describeViolations(violations: Violation[]): string {
	return violations
		.map((v) => {
			const nodes = v.nodes.map(
				(n) =>
					`    - ${JSON.stringify(n.target)}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`
			);
			return `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}`;
		})
		.join('\n');
}

async function runAxe(page: Page): Promise<Violation[]> {
	const hasAxe = await page.evaluate(() => 'axe' in window);
	if (!hasAxe) await page.evaluate(axeSource);
	return page.evaluate(async (tags) => {
		const axe = (
			window as unknown as {
				axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> };
			}
		).axe;
		const result = await axe.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations']
		});
		return result.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			helpUrl: v.helpUrl,
			nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary }))
		}));
	}, TAGS);
}

/** One scratch tab per browser, JavaScript on, that serves a given HTML at a given URL. */
interface Mirror {
	page: Page;
	next: { url: string; html: string };
}
const mirrors = new WeakMap<Browser, Promise<Mirror>>();

function mirrorFor(browser: Browser): Promise<Mirror> {
	let mirror = mirrors.get(browser);
	if (!mirror) {
		mirror = (async () => {
			const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
			const state: Mirror = { page: await context.newPage(), next: { url: '', html: '' } };
			await state.page.route('**/*', (route) => {
				const request = route.request();
				if (request.isNavigationRequest() && request.url() === state.next.url) {
					return route.fulfill({ status: 200, contentType: 'text/html', body: state.next.html });
				}
				// The app's scripts would hydrate the copy; the page shown had none running.
				if (request.resourceType() === 'script') return route.abort();
				return route.continue();
			});
			return state;
		})();
		mirrors.set(browser, mirror);
	}
	return mirror;
}

/**
 * With JavaScript off, axe's own timers never fire in the page. So the page's HTML, exactly as shown,
 * is served at the same URL to a scratch tab with JavaScript on (the app's scripts blocked, so
 * nothing hydrates) and checked there, stylesheets and all.
 */
async function runAxeOnCopy(page: Page): Promise<Violation[]> {
	const browser = page.context().browser();
	if (!browser) throw new Error('no browser for the axe copy');
	const mirror = await mirrorFor(browser);
	mirror.next = { url: page.url(), html: await page.content() };
	await mirror.page.goto(mirror.next.url);
	return runAxe(mirror.page);
}

/**
 * Pages already found clean in this file, by their markup (nonces removed) and viewport: checking the
 * same DOM again cannot give a different answer, and the list and dashboard are visited often.
 */
const clean = new Set<string>();

async function fingerprint(page: Page): Promise<string> {
	const html = (await page.content()).replace(/ nonce="[^"]*"/g, '');
	const viewport = page.viewportSize();
	return createHash('sha256')
		.update(`${viewport?.width}x${viewport?.height}\n${html}`)
		.digest('hex');
}

/** Fails with every violation's rule, help text and the nodes it found, if the page has any. */
export async function assertAccessible(page: Page): Promise<void> {
	const t0 = Date.now();
	await page.waitForLoadState('load');
	const key = await fingerprint(page);
	if (clean.has(key)) {
		recordCheck(page);
		return;
	}
	const violations = isWithoutJavaScript(page) ? await runAxeOnCopy(page) : await runAxe(page);
	if (violations.length > 0) {
		throw new Error(
			`axe found ${violations.length} accessibility ${violations.length === 1 ? 'violation' : 'violations'} on ${page.url()}:\n${describeViolations(violations)}`
		);
	}
	clean.add(key);
	recordCheck(page);
	if (process.env.E2E_TIMING) console.log(`axe ${Date.now() - t0}ms ${page.url()}`);
}
