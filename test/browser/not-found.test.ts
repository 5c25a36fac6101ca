import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

describeInBrowser('pages that do not exist, in chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await openBrowserRig();
  });
  afterAll(() => rig?.close());

  it('shows "page not found" for an unknown address, with a way home', async () => {
    const page = await rig.browser.newPage();
    page.setDefaultTimeout(10_000);
    const response = await page.goto(`${rig.baseUrl}/annual-report-2023`);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByRole('link', { name: 'Go to the Docket home page' }).click();
    await page.getByRole('link', { name: 'Staff sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.close();
  });

  it('shows the console\'s own "page not found" for a console address it does not know, and known ones still load', async () => {
    const page = await signIn(rig, 'moderator');
    await page.goto(`${rig.baseUrl}/console/no-such-view`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/no-such-view');
    await page.getByRole('link', { name: 'Go to the console' }).click();
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    await page.goto(`${rig.baseUrl}/console/queue`);
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    await page.close();
  });
});
