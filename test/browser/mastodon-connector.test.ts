import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

describeInBrowser('connecting a Mastodon instance in the console', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await openBrowserRig();
  });
  afterAll(() => rig?.close());

  it('connects an instance from the admin page, and never shows its secrets again', async () => {
    const page = await signIn(rig, 'admin');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Admin' }).click();
    const form = page.getByRole('form', { name: 'Connect a Mastodon instance' });
    await form.getByLabel('Platform').fill('social');
    await form.getByLabel('Instance address').fill('https://mastodon.example/');
    await form.getByLabel('Admin access token').fill('admin-token-from-mastodon');
    // Mastodon requires a webhook secret of 12 characters: the server's refusal shows under the field.
    await form.getByLabel('Webhook secret').fill('short');
    await form.getByRole('button', { name: 'Connect instance' }).click();
    await form.getByText(/^Webhook secret /).waitFor();
    await form.getByLabel('Webhook secret').fill('the webhook secret of social');
    await form.getByRole('button', { name: 'Connect instance' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: 'social is connected to https://mastodon.example' })
      .filter({ hasText: '/api/connectors/mastodon/social/webhook' })
      .waitFor();
    const row = page.getByRole('table', { name: 'Mastodon instances' }).getByRole('row').filter({ hasText: 'social' });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells.slice(0, 4)).toEqual([
      'social',
      'https://mastodon.example',
      '/api/connectors/mastodon/social/webhook',
      'set (never shown)',
    ]);
    expect(await page.content()).not.toContain('the webhook secret of social');
    const stored = await rig.docket.mastodon.connectorRow('social');
    expect(stored?.webhookSecret).toBe('the webhook secret of social');
    await page.screenshot({ path: 'test-results/console-admin-mastodon.png', fullPage: true });
    await page.close();
  });
});
