/** Files as councils' own machines make them, and screenshots of what the officer sees, for the import tests. */
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Windows-1252 bytes, as Excel on UK Windows saves 'CSV': '£' is 0xA3, the en dash 0x96, 'é' 0xE9. */
export function windows1252(text: string): Buffer {
	return Buffer.from([...text].map((c) => (c === '£' ? 0xa3 : c === '–' ? 0x96 : c.charCodeAt(0))));
}

/** A full-page screenshot for a person to look at, when IMPORT_SCREENSHOTS names a folder. */
export async function shoot(page: Page, name: string): Promise<void> {
	const folder = process.env.IMPORT_SCREENSHOTS;
	if (folder) await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}
