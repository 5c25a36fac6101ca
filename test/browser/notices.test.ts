import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowserRig, reportOnDemoPlatform, signIn, type BrowserRig } from './harness.js';

const LOCATION = 'https://lumen.example/posts/browser-notice-1';

describeInBrowser('a notice of content from a visitor without JavaScript, to its outcome, in chromium', () => {
  let rig: BrowserRig;
  let context: BrowserContext;
  let visitor: Page;
  let caseId: string;
  let statusLink: string;

  beforeAll(async () => {
    rig = await openBrowserRig();
    // Content the platform pushed, at the address the visitor reports.
    caseId = await reportOnDemoPlatform(rig, {
      subject: {
        externalId: 'browser-notice-post',
        kind: 'content',
        contentType: 'text',
        authorExternalId: 'browser-notice-author',
        body: 'Cheap followers and likes, pay here, posted again and again.',
        url: LOCATION,
        country: 'DEU',
        language: 'de',
        views: 300,
        postedAt: new Date(Date.now() - 86_400_000).toISOString(),
      },
      policyId: 'spam',
      sectionId: 'commercial-spam',
      source: 'user',
    });
    context = await rig.browser.newContext({ javaScriptEnabled: false });
    visitor = await context.newPage();
    visitor.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await context?.close();
    await rig?.close();
  });

  it('files a notice through the plain form, is told what is missing, and gets a receipt with a status link', async () => {
    await visitor.goto(`${rig.baseUrl}/decisions`);
    await visitor.getByRole('link', { name: 'Report content' }).click();
    const form = visitor.getByRole('form', { name: 'Notice of content' });
    await form.getByLabel('Address (URL) of the content').fill(LOCATION);
    await form.getByRole('button', { name: 'Send notice' }).click();

    await visitor.getByRole('alert').filter({ hasText: 'please correct the marked fields' }).waitFor();
    const refused = visitor.getByRole('form', { name: 'Notice of content' });
    await expect(refused.getByLabel('Address (URL) of the content').inputValue()).resolves.toBe(LOCATION);
    await expect(
      refused.getByLabel('Why is it illegal, or against the policy?').getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    await refused.getByText('confirm that you believe in good faith').waitFor();

    await refused.getByLabel('What kind of problem is it?').selectOption('spam');
    await refused
      .getByLabel('Why is it illegal, or against the policy?')
      .fill('It sells fake followers, which the spam policy forbids, and it is posted again and again.');
    await refused.getByLabel('Your name', { exact: true }).fill('Mara Visitor');
    await refused.getByLabel('Your e-mail address').fill('mara@example.org');
    await refused.getByLabel(/I believe in good faith/).check();
    await refused.getByRole('button', { name: 'Send notice' }).click();

    const receipt = visitor.getByRole('status');
    await expect(receipt.innerText()).resolves.toMatch(/Your reference: N-\d{8}-[0-9A-Z]{8}/);
    statusLink = (await receipt.getByRole('link').getAttribute('href')) as string;
    expect(statusLink).toMatch(/\/notices\/status\/[A-Za-z0-9_-]{43}$/);
    await receipt.getByRole('link').click();
    await expect(visitor.locator('dd.state').innerText()).resolves.toBe('Received: being reviewed');
  });

  it('shows the moderator’s decision and the redress on the notifier’s status page', async () => {
    const moderator = await signIn(rig, 'moderator');
    await moderator.goto(`${rig.baseUrl}/console/queue/cases/${caseId}`);
    await moderator.getByRole('button', { name: 'Claim case' }).click();
    const form = moderator.getByRole('form', { name: 'Decision' });
    await form.waitFor();
    await form.getByLabel('Policy').selectOption('spam');
    await form.getByLabel('Section').selectOption('commercial-spam');
    await form.getByLabel('Remove').check();
    await form.getByLabel('Facts relied on').fill('Fake followers for sale, posted many times: commercial spam.');
    await form.getByRole('button', { name: 'Record decision' }).click();
    await moderator
      .getByRole('status')
      .filter({ hasText: /recorded|Strike/ })
      .first()
      .waitFor();
    await moderator.close();

    await visitor.goto(statusLink);
    await expect(visitor.locator('dd.state').innerText()).resolves.toBe('Decided');
    const outcome = visitor.getByRole('region', { name: 'The outcome' });
    await expect(outcome.innerText()).resolves.toContain('The content was removed.');
    const redress = visitor.getByRole('region', { name: 'If you disagree' });
    const text = await redress.innerText();
    expect(text).toContain('Ask for the decision to be reviewed');
    expect(text).toContain('Out-of-court dispute settlement');
    expect(text).toContain('Court');
  });
});
