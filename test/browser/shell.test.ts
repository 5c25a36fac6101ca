import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

describeInBrowser('web shell in chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await openBrowserRig();
  });
  afterAll(() => rig?.close());

  const newPage = async (): Promise<Page> => {
    const page = await rig.browser.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  };

  const as = (username: string): Promise<Page> => signIn(rig, username);
  const navigation = (page: Page) =>
    page.getByRole('navigation', { name: 'Console' }).getByRole('link').allInnerTexts();

  it('shows the public landing page without signing in', async () => {
    const page = await newPage();
    await page.goto(rig.baseUrl);
    await page.getByRole('link', { name: 'Staff sign in' }).waitFor();
    await page.getByText(/holds [\d,]+ signed entries/).waitFor();
    // The record in numbers, from the demo: the reference case decided, its six recommendations all answered.
    await page.getByText('1 decided').waitFor();
    await page.getByText('6 recommendations; 0 awaiting an answer, 0 overdue').waitFor();
    await page.getByText('1 in force').waitFor();
    await page.close();
  });

  it('refuses a wrong password with a message', async () => {
    const page = await newPage();
    await page.goto(`${rig.baseUrl}/login`);
    await page.getByLabel('Username').fill('moderator');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('wrong username or password');
    await page.close();
  });

  it('gives a moderator the queue and nothing else', async () => {
    const page = await as('moderator');
    expect(await navigation(page)).toEqual(['Queue']);
    await page.waitForURL('**/console/queue');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Queue');
    await page.goto(`${rig.baseUrl}/console/admin`);
    await page.getByText('You do not have access to this area').waitFor();
    await page.close();
  });

  it('gives an administrator transparency and admin, with the users listed', async () => {
    const page = await as('admin');
    expect(await navigation(page)).toEqual(['Transparency', 'Admin']);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Admin' }).click();
    // The audit section below names users and tokens too: look in the tables that list them.
    const moderatorRow = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: 'Mina Okafor' });
    await moderatorRow.waitFor();
    expect(await moderatorRow.getByRole('cell').allInnerTexts()).toEqual([
      'moderator',
      'Mina Okafor',
      'moderator',
      'Active',
    ]);
    await page
      .getByRole('table', { name: 'API tokens' })
      .getByRole('cell', { name: 'Lumen Social (demo platform)' })
      .waitFor();
    await page.screenshot({ path: 'test-results/console-admin.png', fullPage: true });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Staff sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.goto(`${rig.baseUrl}/console/admin`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.close();
  });
});
