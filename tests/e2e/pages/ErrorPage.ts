import { AppPage } from './AppPage';

/** Any path the app does not serve: the GOV.UK 'Page not found' page. */
export class ErrorPage extends AppPage {
	async visit(path: string, status = 404): Promise<this> {
		await this.open(path, this.page.getByRole('heading', { level: 1 }), status);
		return this;
	}

	async text(): Promise<string> {
		return this.page.locator('main').innerText();
	}
}
