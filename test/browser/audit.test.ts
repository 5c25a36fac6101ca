import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

describeInBrowser('the audit log in chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await openBrowserRig();
  });
  afterAll(() => rig?.close());

  it('shows an administrator the sign-ins, filtered by category, with who, when, what and from where', async () => {
    // A wrong password first, so there is a refused attempt to see as well.
    const attempt = await rig.browser.newPage();
    await attempt.goto(`${rig.baseUrl}/login`);
    await attempt.getByLabel('Username').fill('admin');
    await attempt.getByLabel('Password').fill('not the password');
    await attempt.getByRole('button', { name: 'Sign in' }).click();
    await attempt.getByRole('alert').waitFor();
    await attempt.close();

    const page = await signIn(rig, 'admin');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Admin' }).click();
    const filters = page.getByRole('form', { name: 'Filter the audit log' });
    await filters.getByLabel('Category').selectOption({ label: 'Sign-ins' });
    await filters.getByRole('button', { name: 'Filter' }).click();
    const log = page.getByRole('table', { name: 'Audit log' });
    const signedIn = log.getByRole('row').filter({ hasText: 'Signed in' });
    await signedIn.first().waitFor();
    const cells = await signedIn.first().getByRole('cell').allInnerTexts();
    expect(cells[0]).toMatch(/UTC$/);
    expect(cells.slice(1, 4)).toEqual(['Ada Admin', 'Signed in', 'Ada Admin']);
    expect(cells[4]).toContain('address: 127.0.0.1');
    const refused = log.getByRole('row').filter({ hasText: 'Sign-in refused' });
    expect(await refused.first().getByRole('cell').nth(4).innerText()).toContain('result: wrong_password');
    // Only sign-ins: the demo's users, tokens and policies are in other categories.
    expect(await log.getByRole('row').filter({ hasText: 'User created' }).count()).toBe(0);
    await page.screenshot({ path: 'test-results/console-audit.png', fullPage: true });
    await page.close();
  });
});
