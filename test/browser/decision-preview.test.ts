import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decisions } from '../../src/moderation/tables.js';
import { DEMO_PLATFORM } from '../../src/demo/seed.js';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

/** Issue 12, item 5: the form shows every consequence (a severe section's disable) before the reviewer records it. */
describeInBrowser('decision form preview in chromium', () => {
  let rig: BrowserRig;
  let caseId: string;

  beforeAll(async () => {
    rig = await openBrowserRig();
    const subject = {
      externalId: 'browser-praise-1',
      kind: 'content' as const,
      contentType: 'text' as const,
      authorExternalId: 'browser-author-praise',
      body: 'Join them, they are heroes.',
      country: 'NLD',
      language: 'nl',
      views: 50,
      postedAt: new Date(Date.now() - 3_600_000).toISOString(),
    };
    const { body } = await rig.docket.moderation.ingestReports(
      'system:test',
      DEMO_PLATFORM,
      [
        { subject, policyId: 'dangerous-organizations', sectionId: 'praise-and-support', source: 'user' },
        {
          subjectExternalId: subject.externalId,
          policyId: 'dangerous-organizations',
          sectionId: 'praise-and-support',
          source: 'user',
        },
        {
          subjectExternalId: subject.externalId,
          policyId: 'dangerous-organizations',
          sectionId: 'terrorism',
          source: 'user',
        },
      ],
      null,
    );
    caseId = body.receipts[0]?.caseId as string;
  });
  afterAll(() => rig?.close());

  it('defaults to the most reported section and shows the disable a severe section brings before submitting', async () => {
    const page = await signIn(rig, 'moderator');
    await page.goto(`${rig.baseUrl}/console/queue/cases/${caseId}`);
    await page.getByRole('button', { name: 'Claim case' }).click();
    const form = page.getByRole('form', { name: 'Decision' });
    await form.waitFor();
    // Two reports name "Praise and support", one "Terrorism" (the policy's first section).
    await expect.poll(() => form.getByLabel('Section').inputValue()).toBe('praise-and-support');

    await form.getByLabel('Remove').check();
    const consequences = form.getByRole('region', { name: 'Consequences' });
    await expect
      .poll(() => consequences.innerText())
      .toContain("Strike issued: 1 active strike(s), the ladder's rung for 1+ strikes: a warning");

    await form.getByLabel('Section').selectOption('terrorism');
    await form.getByLabel('Remove').check();
    await form.getByLabel('Account action').selectOption('strike');
    await expect.poll(() => consequences.innerText()).toMatch(/account disabled/i);
    await expect(consequences.innerText()).resolves.toContain(
      'No strike: severe section dangerous-organizations/terrorism skips the strike ladder',
    );
    // Nothing was recorded by previewing.
    await expect(rig.docket.store.db.select().from(decisions).where(eq(decisions.caseId, caseId))).resolves.toEqual([]);
    await page.close();
  });
});
