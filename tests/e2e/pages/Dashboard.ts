import { AppPage } from './AppPage';
import type { Outcome } from '$lib/domain/systems';

export interface DashboardFigures {
	systems: number;
	reviewed: number;
	notReviewed: number;
	/** Systems with more than one outcome in their current review. */
	multiple: number;
	outcomes: Record<Outcome, number>;
}

/** `/`: the portfolio review summary. */
export class Dashboard extends AppPage {
	async visit(): Promise<this> {
		await this.open(
			'/',
			this.page.getByRole('heading', { level: 1, name: 'Portfolio review summary' })
		);
		return this;
	}

	/** The leading whole number of a figure ('12 systems' -> 12); fails on anything else. */
	private async figure(name: string): Promise<number> {
		const text = (await this.page.locator(`[data-figure="${name}"]`).innerText()).trim();
		const match = /^([\d,]+)\b/.exec(text);
		if (!match) throw new Error(`figure ${name} is not a number: '${text}'`);
		return Number(match[1]!.replace(/,/g, ''));
	}

	/** The 'Continuity risks' section: each breach's system link and the row's words. */
	async continuityRisks(): Promise<{ system: string; href: string; text: string }[]> {
		const rows = this.page.getByTestId('continuity-risks').locator('tbody tr');
		const found: { system: string; href: string; text: string }[] = [];
		for (let i = 0; i < (await rows.count()); i++) {
			const link = rows.nth(i).locator('th a');
			found.push({
				system: (await link.innerText()).trim(),
				href: (await link.getAttribute('href')) ?? '',
				text: (await rows.nth(i).innerText()).replace(/\s+/g, ' ').trim()
			});
		}
		return found;
	}

	async figures(): Promise<DashboardFigures> {
		return {
			systems: await this.figure('systems'),
			reviewed: await this.figure('reviewed'),
			notReviewed: await this.figure('not-reviewed'),
			multiple: await this.figure('multiple'),
			outcomes: {
				maintain: await this.figure('outcome-maintain'),
				develop: await this.figure('outcome-develop'),
				decommission: await this.figure('outcome-decommission'),
				replace: await this.figure('outcome-replace')
			}
		};
	}
}
