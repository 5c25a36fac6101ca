import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoPassword } from '../../src/demo/seed.js';
import { describeInBrowser, openBrowserRig, type BrowserRig } from './harness.js';

describeInBrowser('web shell in chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await openBrowserRig();
  });
  afterAll(() => rig?.close());

  const signIn = async (username: string): Promise<Page> => {
    const page = await rig.browser.newPage();
    await page.goto(`${rig.baseUrl}/login`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(demoPassword(username));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    return page;
  };
  const navigation = (page: Page) => page.getByRole('navigation', { name: 'Console' }).getByRole('link').allInnerTexts();

  it('shows the public landing page without signing in', async () => {
    const page = await rig.browser.newPage();
    await page.goto(rig.baseUrl);
    await expect(page.getByRole('link', { name: 'Staff sign in' }).isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('refuses a wrong password with a message', async () => {
    const page = await rig.browser.newPage();
    await page.goto(`${rig.baseUrl}/login`);
    await page.getByLabel('Username').fill('moderator');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('wrong username or password');
    await page.close();
  });

  it('gives a moderator the queue and nothing else', async () => {
    const page = await signIn('moderator');
    expect(await navigation(page)).toEqual(['Queue']);
    await page.waitForURL('**/console/queue');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Queue');
    await page.goto(`${rig.baseUrl}/console/admin`);
    await expect(page.getByText('You do not have access to this area').isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('gives an administrator transparency and admin, with the users listed', async () => {
    const page = await signIn('admin');
    expect(await navigation(page)).toEqual(['Transparency', 'Admin']);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('cell', { name: 'moderator', exact: true }).waitFor();
    await expect(page.getByRole('cell', { name: 'Lumen Social (demo platform)' }).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${rig.baseUrl}/`);
    await page.close();
  });
});
