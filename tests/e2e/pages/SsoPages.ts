import { AppPage } from './AppPage';

/**
 * Organisation sign-in: `/auth/sso` (the short name), the test provider's own sign-in form, the
 * request-access and refused pages, and the administrator's `/admin/sso`. Each step ends checked by axe.
 */
export class SsoPages extends AppPage {
	/** From the sign-in page's link to the organisation sign-in form. */
	async startFromSignIn(): Promise<this> {
		await this.open('/sign-in', this.page.getByRole('heading', { level: 1, name: 'Sign in' }));
		await this.page.getByRole('link', { name: 'Sign in with your organisation account' }).click();
		await this.settled(
			this.page.getByRole('heading', { level: 1, name: 'Sign in with your organisation account' })
		);
		return this;
	}

	/** Types the short name and continues to the provider's sign-in form. */
	async continueAs(organisation: string): Promise<this> {
		await this.field("Your organisation's short name").fill(organisation);
		await this.page.getByRole('button', { name: 'Continue' }).click();
		const start = this.page.getByRole('button', { name: 'Continue to sign in' });
		await this.settled(start);
		await start.click();
		await this.settled(this.page.getByRole('heading', { level: 1, name: /^Sign in to / }));
		return this;
	}

	/** Signs in at the test provider and waits to be back in the app, on `landing`'s heading. */
	async signInAtProvider(username: string, landing: RegExp | string): Promise<void> {
		await this.page.getByLabel('Username').fill(username);
		await this.page.getByRole('button', { name: 'Sign in' }).click();
		await this.page.waitForURL((url) => !url.pathname.includes('/interaction/'));
		await this.settled(this.page.getByRole('heading', { level: 1, name: landing }));
	}

	async visitSettings(): Promise<this> {
		await this.open(
			'/admin/sso',
			this.page.getByRole('heading', { level: 1, name: 'Organisation sign-in' })
		);
		return this;
	}

	/** Fills the settings form (checkboxes named in `ticked` are ticked, the rest cleared) and saves. */
	async saveSettings(
		fields: Record<'issuer' | 'clientId' | 'tenantId' | 'secretRef' | 'roleMap', string>,
		ticked: ('enabled' | 'createUsers' | 'allowGuests' | 'ssoOnly')[]
	): Promise<void> {
		for (const [name, value] of Object.entries(fields))
			await this.page.locator(`[name="${name}"]`).fill(value);
		for (const name of ['enabled', 'createUsers', 'allowGuests', 'ssoOnly'] as const)
			await this.page.locator(`input[name="${name}"]`).setChecked(ticked.includes(name));
		await this.page.getByRole('button', { name: 'Save settings' }).click();
		await this.settled(this.page.getByText('Organisation sign-in settings saved.'));
	}
}
