import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MastodonWebhookAnswer } from '../../src/mastodon/contract.js';
import { reportCreated, reportReopened, reportResolved, signed } from '../mastodon-payloads.js';
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

  it("shows on a case's history, in words, that Mastodon resolved its report and then reopened it", async () => {
    /** Posts to the connected instance's webhook as Mastodon's delivery worker does. */
    const deliver = async (payload: unknown) => {
      const { body, signature } = signed(payload, 'the webhook secret of social');
      const answer = await fetch(`${rig.baseUrl}/api/connectors/mastodon/social/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature': signature },
        body,
      });
      expect(answer.status).toBeLessThan(300);
      return (await answer.json()) as MastodonWebhookAnswer;
    };
    const { caseIds } = await deliver(reportCreated());
    expect((await deliver(reportResolved())).handled).toBe('resolved_upstream');
    expect((await deliver(reportReopened())).handled).toBe('reopened_upstream');

    const page = await signIn(rig, 'moderator');
    await page.goto(`${rig.baseUrl}/console/queue/cases/${caseIds[0]}`);
    const history = page.getByRole('list', { name: 'History' });
    await history.getByText('Mastodon report 8437 was resolved inside Mastodon by @moddy').waitFor();
    await history.getByText('Mastodon report 8437 was reopened inside Mastodon (assigned to @moddy)').waitFor();
    const lines = await history.getByRole('listitem').allInnerTexts();
    const at = (words: string) => lines.findIndex((line) => line.includes(words));
    expect(at('was reopened inside Mastodon')).toBeGreaterThan(at('was resolved inside Mastodon'));
    await page.screenshot({ path: 'test-results/console-case-mastodon-reopened.png', fullPage: true });
    await page.close();
  });
});
