import { AppPage } from './AppPage';

/** `/sign-in`: public; signing in lands on the page asked for (the dashboard by default). */
export class SignIn extends AppPage {
	async visit(): Promise<this> {
		await this.open('/sign-in', this.page.getByRole('heading', { level: 1, name: 'Sign in' }));
		return this;
	}

	private async submit(email: string, password: string): Promise<void> {
		await this.field('Email address').fill(email);
		await this.field('Password').fill(password);
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.page.getByRole('button', { name: 'Sign in' }).click()
		]);
	}

	/** Signs in and waits for the page it leads to. */
	async signIn(email: string, password: string): Promise<void> {
		await this.submit(email, password);
		await this.page.waitForURL((url) => url.pathname !== '/sign-in');
		await this.settled(this.heading());
	}

	/** Tries credentials that should be refused, and waits for the error summary. */
	async signInExpectingErrors(email: string, password: string): Promise<this> {
		await this.submit(email, password);
		await this.settled(this.page.locator('.govuk-error-summary'));
		return this;
	}
}
