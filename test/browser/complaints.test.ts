import { eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { principalOfView } from '../../src/access/service.js';
import type { Principal } from '../../src/core/roles.js';
import { DEMO_PLATFORM } from '../../src/demo/seed.js';
import { contentNotices } from '../../src/moderation/notice-tables.js';
import { describeInBrowser, openBrowserRig, type BrowserRig } from './harness.js';

type User = Extract<Principal, { kind: 'user' }>;
const LOCATION = 'https://lumen.example/posts/browser-complaint-1';

describeInBrowser('complaints through their links, without JavaScript, in chromium (EU DSA Art. 20)', () => {
  let rig: BrowserRig;
  let people: Record<string, User>;
  let context: BrowserContext;
  let page: Page;
  let statusUrl: string;
  let userLink: string;

  beforeAll(async () => {
    rig = await openBrowserRig();
    people = Object.fromEntries((await rig.docket.access.listUsers()).map((u) => [u.username, principalOfView(u)]));
    const { moderation } = rig.docket;
    await rig.docket.moderation.ingestSubjects(
      'system:test',
      DEMO_PLATFORM,
      [
        {
          externalId: 'browser-complaint-post',
          kind: 'content',
          contentType: 'text',
          authorExternalId: 'browser-complaint-author',
          body: 'The fans of the other club will get what they deserve on Saturday.',
          url: LOCATION,
          country: 'DEU',
        },
      ],
      null,
    );
    const receipt = await rig.docket.notices.file(
      {
        location: LOCATION,
        explanation: 'It threatens the supporters of a football club with violence.',
        policyId: 'violence-incitement',
        name: 'Noor Notifier',
        email: 'noor@example.org',
        goodFaith: true,
      },
      '192.0.2.61',
      rig.baseUrl,
    );
    statusUrl = receipt.statusUrl;
    const notice = await rig.docket.notices.status(new URL(statusUrl).pathname.split('/').pop() as string);
    expect(notice.state).toBe('received');
    const [found] = await rig.docket.store.db
      .select({ caseId: contentNotices.caseId })
      .from(contentNotices)
      .where(eq(contentNotices.location, LOCATION));
    const id = found?.caseId;
    expect(id).toBeTruthy();
    await moderation.queue.claim(people.moderator!, id as string);
    const kept = await moderation.decisions.decide(people.moderator!, id as string, {
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      outcome: 'no_violation',
      facts: 'Banter between football supporters, not a threat.',
    });
    userLink = (await rig.docket.complaints.issueLink('system:test', DEMO_PLATFORM, kept.decisionId, rig.baseUrl)).url;
    context = await rig.browser.newContext({ javaScriptEnabled: false });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await context?.close();
    await rig?.close();
  });

  it('lets the affected user complain through their link and follow the complaint to its outcome', async () => {
    await page.goto(userLink);
    const decision = page.getByRole('region', { name: 'The decision' });
    await expect(decision.innerText()).resolves.toContain('Banter between football supporters');
    const form = page.getByRole('form', { name: 'Complaint' });
    await form.getByRole('button', { name: 'Send complaint' }).click();
    await page.getByRole('alert').filter({ hasText: 'The complaint was not sent' }).waitFor();
    await expect(page.getByLabel('Why should the decision be reviewed?').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );

    await page.getByLabel('Why should the decision be reviewed?').fill('It was a joke between fans of two clubs.');
    await page.getByRole('button', { name: 'Send complaint' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Your complaint' });
    await expect(status.innerText()).resolves.toContain('Received');
    await expect(page.getByRole('form', { name: 'Complaint' }).count()).resolves.toBe(0);

    const pending = await rig.docket.moderation.appeals.pending(people.senior!, 200);
    const mine = pending.find((a) => a.statement === 'It was a joke between fans of two clubs.');
    expect(mine?.appellant).toBe('affected_user');
    await rig.docket.moderation.appeals.decide(people.senior!, mine?.id as string, {
      result: 'upheld',
      reason: 'Reviewed by a person: the decision not to act stands.',
    });
    await page.goto(userLink);
    const decided = await page.getByRole('status').filter({ hasText: 'Your complaint' }).innerText();
    expect(decided).toContain('the decision was reviewed by a person and stands');
    expect(decided).toContain('Reviewed by a person: the decision not to act stands.');
  });

  it('lets the notifier complain through the link on their notice status page', async () => {
    await page.goto(statusUrl);
    await page.getByRole('link', { name: /Complain about this decision/ }).click();
    await expect(page.getByRole('region', { name: 'The decision' }).innerText()).resolves.toContain(
      'No action was taken',
    );
    await page.getByLabel('Why should the decision be reviewed?').fill('It names the club and the day of the attack.');
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your complaint' }).innerText()).resolves.toContain(
      'Received',
    );
    const pending = await rig.docket.moderation.appeals.pending(people.senior!, 200);
    expect(pending.find((a) => a.statement === 'It names the club and the day of the attack.')?.appellant).toBe(
      'reporter',
    );
  });

  it('refuses a forged link with a page that says so', async () => {
    const forged = await page.goto(`${rig.baseUrl}/complaints/${'x'.repeat(43)}`);
    expect(forged?.status()).toBe(404);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('This link opens no complaint');
  });
});
