import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

describeInBrowser('statistics and the public log in chromium, without JavaScript', () => {
  let rig: BrowserRig;
  let reader: BrowserContext;

  beforeAll(async () => {
    rig = await openBrowserRig();
    await rig.docket.transparency.checkpoint();
    // A reader with scripts off: these pages must work as plain HTML.
    reader = await rig.browser.newContext({ javaScriptEnabled: false });
  });
  afterAll(() => rig?.close());

  it('narrows the statistics to a country and period through the form, with charts and a CSV download', async () => {
    const page = await reader.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${rig.baseUrl}/statistics`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Transparency statistics');
    const all = Number(
      (await page.locator('.cards li', { hasText: 'Reports' }).first().locator('.count').textContent())?.replace(
        /,/g,
        '',
      ),
    );
    expect(all).toBeGreaterThanOrEqual(600); // by default the last 30 days: the demo's week of moderation
    await page.getByLabel('Country').selectOption('KEN');
    await page.getByLabel('From').fill('2023-01-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/country=KEN/);
    expect(page.url()).toContain('from=2023-01-01');
    const kenya = Number(
      (await page.locator('.cards li', { hasText: 'Reports' }).first().locator('.count').textContent())?.replace(
        /,/g,
        '',
      ),
    );
    expect(kenya).toBeGreaterThan(0);
    expect(kenya).toBeLessThan(all);
    await expect(page.getByRole('img', { name: 'Reports by source' }).count()).resolves.toBe(1);
    await expect(page.getByRole('img', { name: 'Platform responses to recommendations' }).count()).resolves.toBe(0); // no board case in Kenya
    const csvHref = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const csv = await page.request.get(`${rig.baseUrl}${csvHref}`);
    expect(await csv.text()).toContain(`total,reports,,${kenya}\r\n`);
  });

  it('shows the log with its key and how to verify it, and links each entry to what it is about', async () => {
    const page = await reader.newPage();
    await page.goto(`${rig.baseUrl}/log`);
    await expect(page.getByText(rig.docket.transparency.key.x).first().isVisible()).resolves.toBe(true);
    await expect(
      page.getByText(/docket verify --public http:\/\/127\.0\.0\.1:\d+\/public\/log/).isVisible(),
    ).resolves.toBe(true);
    await page.getByRole('link', { name: 'BC-2023-001-R1' }).first().click();
    await page.waitForURL(/\/decisions\/BC-2023-001$/);
    const download = await page.request.get(`${rig.baseUrl}/public/log?limit=5000`);
    expect((await download.json()).checkpoints).toHaveLength(1);
  });

  it('gives transparency staff the public log’s state, signing, the self-check and the DSA export preview', async () => {
    const page = await signIn(rig, 'policy');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Transparency' }).click();
    await page.getByRole('heading', { name: 'Public log' }).waitFor();
    await expect(page.getByText('Ed25519 ' + rig.docket.transparency.key.keyId).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Sign a checkpoint now' }).click();
    await page.getByRole('status').filter({ hasText: 'The newest entry is already signed.' }).waitFor();
    await page.getByRole('button', { name: 'Check the public log' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /The log verifies: \d+ entries/ })
      .waitFor();
    const form = page.getByRole('form', { name: 'Statements of reasons' });
    await form.getByLabel('From').fill('2023-01-01');
    await form.getByRole('button', { name: 'Preview' }).click();
    const rows = page.getByRole('table', { name: 'Statements preview' }).getByRole('row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(11);
    expect(await form.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toMatch(
      /^\/api\/transparency\/sor\?from=2023-01-01&to=\d{4}-\d{2}-\d{2}&format=csv$/,
    );
    await page.close();
  });
});
