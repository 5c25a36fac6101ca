import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PLATFORM } from '../../src/demo/seed.js';
import { PM_VIDEO } from '../../src/demo/reference-story.js';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

describeInBrowser('moderation console in chromium', () => {
  let rig: BrowserRig;
  let caseId: string;

  beforeAll(async () => {
    rig = await openBrowserRig();
    const { body } = await rig.docket.moderation.ingestReports(
      'system:test',
      DEMO_PLATFORM,
      [
        {
          subject: {
            externalId: 'browser-spam-1',
            kind: 'content',
            contentType: 'text',
            authorExternalId: 'browser-author-1',
            body: 'Cheap followers at a shady shop, posted 50 times.',
            country: 'NLD',
            language: 'nl',
            views: 500,
            postedAt: new Date(Date.now() - 86_400_000).toISOString(),
          },
          policyId: 'spam',
          sectionId: 'commercial-spam',
          source: 'user',
          reporterRef: 'browser-reporter-secret',
        },
      ],
      null,
    );
    caseId = body.receipts[0]?.caseId as string;
  });
  afterAll(() => rig?.close());

  const as = (username: string): Promise<Page> => signIn(rig, username);

  it('shows the queue most urgent first, with why', async () => {
    const page = await as('moderator');
    const table = page.getByRole('table', { name: 'Cases' });
    await table.waitFor();
    const priorities = (await table.locator('tbody tr td:first-child').allInnerTexts()).map((t) =>
      Number(t.replace(/,/g, '')),
    );
    expect(priorities.length).toBeGreaterThan(10);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    await expect(table.locator('tbody tr').first().locator('.chips li').first().innerText()).resolves.toMatch(
      /^severity ×\d/,
    );
    await page.close();
  });

  it('claims a case, decides it, and shows the strike and the notice', async () => {
    const page = await as('moderator');
    await page.goto(`${rig.baseUrl}/console/queue/cases/${caseId}`);
    await page
      .getByRole('heading', { level: 1, name: 'browser-spam-1' })
      .or(page.getByRole('heading', { level: 1 }))
      .first()
      .waitFor();
    await expect(page.getByRole('table', { name: 'Reports' }).innerText()).resolves.not.toContain(
      'browser-reporter-secret',
    );
    await page.getByRole('button', { name: 'Claim case' }).click();

    const form = page.getByRole('form', { name: 'Decision' });
    await form.waitFor();
    await form.getByLabel('Policy').selectOption('spam');
    await form.getByLabel('Section').selectOption('commercial-spam');
    await form.getByLabel('Remove').check();
    await form.getByLabel('Facts relied on').fill('The same advert for bought followers, posted 50 times in one hour.');
    const preview = form.getByRole('region', { name: 'Statement of reasons preview' });
    await expect(preview.innerText()).resolves.toContain(
      'Spam, section "Commercial spam" (spam/commercial-spam, version 1)',
    );
    await form.getByRole('button', { name: 'Record decision' }).click();

    await expect(page.getByRole('status').innerText()).resolves.toContain(
      'Strike issued: the account now has 1 active strike(s)',
    );
    // The strikes list refetches after the decision: poll until it has caught up rather than count once.
    await expect.poll(() => page.getByRole('list', { name: 'Active strikes' }).getByRole('listitem').count()).toBe(1);
    await expect(page.getByRole('region', { name: 'Notice to the user' }).innerText()).resolves.toContain(
      'We removed your content.',
    );
    await expect(page.getByRole('list', { name: 'Account restrictions' }).innerText()).resolves.toContain('warning');
    await page.screenshot({ path: 'test-results/console-case.png', fullPage: true });
    await page.close();
  });

  it('shows the registry’s verified author and the balancing’s recommendation in a designated country', async () => {
    const { body } = await rig.docket.moderation.ingestReports(
      'system:test',
      DEMO_PLATFORM,
      [
        {
          subject: {
            ...PM_VIDEO,
            externalId: 'browser-pm-video-2',
            title: 'Another rally speech',
            postedAt: '2023-06-01T10:00:00.000Z',
          },
          policyId: 'violence-incitement',
          sectionId: 'threats-of-violence',
          source: 'user',
        },
      ],
      null,
    );
    const page = await as('policy');
    await page.goto(`${rig.baseUrl}/console/queue/cases/${body.receipts[0]?.caseId as string}`);
    // The registry records his change of role in August 2023 (the reference case): he is an official now, but this
    // speech was posted while he was head of government, and that is how it is judged.
    const verified = await page.getByTestId('verified-figure').innerText();
    expect(verified).toContain('Verified: official Arkad Velun');
    expect(verified).toContain('head of government when this was posted');
    await page.getByRole('button', { name: 'Claim case' }).click();
    const form = page.getByRole('form', { name: 'Decision' });
    await form.getByLabel('Keep as newsworthy', { exact: false }).check();
    await form.getByLabel('political speech').check();
    await form.getByLabel('leader accountability').check();
    await form.getByLabel('elections').check();
    const advice = form.getByTestId('newsworthiness-advice');
    await expect(advice.innerText()).resolves.toContain('Recommendation: remove it');
    await expect(advice.innerText()).resolves.toContain(
      'threatening violence in a country under a chronic designation',
    );
    await page.close();
  });
});

describeInBrowser('policy library in chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await openBrowserRig();
  });
  afterAll(() => rig?.close());

  it('lets policy staff publish a new version, which the public then sees with its history', async () => {
    const page = await signIn(rig, 'policy');
    const nav = page.getByRole('navigation', { name: 'Console' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Queue', 'Policies', 'Crisis', 'Transparency']);
    await nav.getByRole('link', { name: 'Policies' }).click();

    const policy = page.getByRole('article', { name: 'Violence and Incitement' });
    await policy.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit Violence and Incitement' });
    const text = form.getByLabel('Text of threats-of-violence');
    await text.fill(`${await text.inputValue()} This includes threats by heads of state or government.`);
    await form.getByLabel('What changed and why').fill('Make explicit that state leaders are covered.');
    await form.getByRole('button', { name: 'Publish version 2' }).click();
    await policy.getByText('version 2', { exact: true }).waitFor();
    await page.close();

    const visitor = await rig.browser.newPage();
    visitor.setDefaultTimeout(10_000);
    await visitor.goto(`${rig.baseUrl}/policies`);
    const published = visitor.getByRole('article', { name: 'Violence and Incitement' });
    await published.getByText('This includes threats by heads of state or government.').waitFor();
    // The public library is a server page (no script): the history is a page of its own.
    await published.getByRole('link', { name: 'Version history of Violence and Incitement' }).click();
    const history = visitor.getByRole('list', { name: 'History of Violence and Incitement' });
    await history.getByText(/Version 2, .*: Make explicit that state leaders are covered\./).waitFor();
    await history.getByText(/Version 1, .*: Initial version of the policy library\./).waitFor();
    await visitor.close();
  });
});
