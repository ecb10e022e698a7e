/** The administration pages: users, a user, the audit trail, organisations, changing a password. */
import { AppPage } from './AppPage';

export class AdminPages extends AppPage {
	/** Opens any of the admin pages by path and waits for its heading, then runs axe. */
	async visit(path: string, heading: string | RegExp): Promise<this> {
		await this.open(path, this.page.getByRole('heading', { level: 1, name: heading }));
		return this;
	}

	/**
	 * Submits with `button` and waits until `shows` (text the result puts on the page) is visible: with
	 * JavaScript the page updates after the response arrives, so waiting for the response is not enough.
	 */
	async submit(button: string | RegExp, shows: string): Promise<void> {
		await this.page.getByRole('button', { name: button }).click();
		await this.settled(this.page.getByText(shows, { exact: false }).first());
	}

	async mainText(): Promise<string> {
		return this.page.locator('main').innerText();
	}
}
