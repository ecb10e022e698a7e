/** The administration pages: users, a user, the audit trail, organisations, changing a password. */
import { AppPage } from './AppPage';

export class AdminPages extends AppPage {
	/** Opens any of the admin pages by path and waits for its heading, then runs axe. */
	async visit(path: string, heading: string | RegExp): Promise<this> {
		await this.open(path, this.page.getByRole('heading', { level: 1, name: heading }));
		return this;
	}

	async submit(button: string | RegExp): Promise<void> {
		await Promise.all([this.page.waitForResponse((r) => r.request().method() === 'POST'), this.page.getByRole('button', { name: button }).click()]);
		await this.page.waitForLoadState('load');
		await this.settled(this.heading());
	}

	async mainText(): Promise<string> {
		return this.page.locator('main').innerText();
	}
}
