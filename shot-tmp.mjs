import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
const base = 'http://localhost:3917';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
async function shots(email, path, name) {
  for (const width of [1280, 390]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(base + '/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('shot-password-123456');
    await page.getByRole('button', { name: /Sign in/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await page.goto(base + path);
    await page.screenshot({ path: `/tmp/rc17-shot/${name}-${width}.png`, fullPage: width === 1280 });
    await ctx.close();
  }
}
await shots('shot@tri-council-ict.example', '/recharges?year=2026/27&partner=3#lines', 'officer-lines');
await shots('shot@northshire.example', '/recharges/shared/2', 'partner');
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await browser.close();
