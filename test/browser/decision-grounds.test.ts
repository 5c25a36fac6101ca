import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decisions, notices } from '../../src/moderation/tables.js';
import { describeInBrowser, openBrowserRig, reportOnDemoPlatform, signIn, type BrowserRig } from './harness.js';

/**
 * Issue 17, item 2: policy staff record the law a section relates to, and a moderator decides on the ground of illegal
 * content, the provision started from the section's laws.
 */
describeInBrowser('deciding on illegal content in chromium', () => {
  let rig: BrowserRig;
  let caseId: string;

  beforeAll(async () => {
    rig = await openBrowserRig();
    caseId = await reportOnDemoPlatform(rig, {
      subject: {
        externalId: 'browser-illegal-1',
        kind: 'content',
        contentType: 'text',
        authorExternalId: 'browser-author-illegal',
        body: 'They should all be driven out, by force if needed.',
        country: 'DEU',
        language: 'de',
        views: 40,
        postedAt: new Date(Date.now() - 3_600_000).toISOString(),
      },
      policyId: 'hate-speech',
      sectionId: 'attacks-on-protected-groups',
      source: 'user',
    });
  });
  afterAll(() => rig?.close());

  it('policy staff record the law a section relates to in the policy editor', async () => {
    const page = await signIn(rig, 'policy');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Policies' }).click();
    const policy = page.getByRole('article', { name: 'Hate Speech', exact: true });
    await policy.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit Hate Speech' });
    await form.getByLabel('Laws attacks-on-protected-groups relates to').fill('Germany, Strafgesetzbuch § 130\n');
    await form.getByLabel('What changed and why').fill('The law behind attacks on protected groups.');
    await form.getByRole('button', { name: /^Publish version/ }).click();
    await form
      .getByRole('status')
      .getByText(/is published/)
      .waitFor();
    await policy.getByText('Laws: Germany, Strafgesetzbuch § 130.').waitFor();
    const current = (await rig.docket.policies.current()).find((p) => p.policyId === 'hate-speech');
    expect(current?.sections.find((s) => s.id === 'attacks-on-protected-groups')?.legalReferences).toEqual([
      'Germany, Strafgesetzbuch § 130',
    ]);
    // Sections without laws carry none, rather than an empty list.
    expect(current?.sections.find((s) => s.id === 'dehumanising-speech')).not.toHaveProperty('legalReferences');
    await page.close();
  });

  it('offers the illegal-content ground with the section’s law prefilled, names a missing field, and records it', async () => {
    const page = await signIn(rig, 'moderator');
    await page.goto(`${rig.baseUrl}/console/queue/cases/${caseId}`);
    await page.getByRole('button', { name: 'Claim case' }).click();
    const form = page.getByRole('form', { name: 'Decision' });
    await form.waitFor();
    await expect.poll(() => form.getByLabel('Section').inputValue()).toBe('attacks-on-protected-groups');
    // Keeping content up rests on no legal ground: the choice appears only for an outcome that acts.
    await expect(form.getByLabel('Ground', { exact: true }).count()).resolves.toBe(0);
    await form.getByLabel('Remove').check();
    await form.getByLabel('Ground', { exact: true }).selectOption('illegal');
    await expect(form.getByLabel('Legal provision').inputValue()).resolves.toBe('Germany, Strafgesetzbuch § 130');
    await expect(form.getByLabel('Territorial scope').count()).resolves.toBe(0);
    await form
      .getByLabel('Why the content is illegal under it')
      .fill('It incites to violence against a religious group.');
    await form
      .getByLabel('Statement of facts relied on')
      .fill('The post calls for a religious minority to be driven out by force.');

    // Without the Member States the server refuses, naming the field under it; nothing is recorded.
    await form.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => form.innerText()).toContain('Member States concerned must have at least one item');
    await expect(rig.docket.store.db.select().from(decisions).where(eq(decisions.caseId, caseId))).resolves.toEqual([]);

    await form.getByLabel('Member States concerned').fill('de, at');
    const preview = form.getByRole('region', { name: 'Statement of reasons preview' });
    await expect(preview.innerText()).resolves.toContain('Illegal content: Germany, Strafgesetzbuch § 130, in DE, AT');
    await form.getByRole('button', { name: 'Record decision' }).click();
    await expect(page.getByRole('region', { name: 'Notice to the user' }).innerText()).resolves.toContain(
      'ist nach Germany, Strafgesetzbuch § 130 rechtswidrig (betroffene Mitgliedstaaten: DE, AT)',
    );
    await expect(page.getByRole('article', { name: 'Decision' }).innerText()).resolves.toContain(
      'Ground: illegal content under Germany, Strafgesetzbuch § 130, in DE, AT',
    );
    const [row] = await rig.docket.store.db.select().from(decisions).where(eq(decisions.caseId, caseId));
    expect(row?.illegalContent).toEqual({
      legalProvision: 'Germany, Strafgesetzbuch § 130',
      explanation: 'It incites to violence against a religious group.',
      memberStates: ['DE', 'AT'],
    });
    expect(row?.territorialScope).toEqual(['AUT', 'DEU']);
    const [notice] = await rig.docket.store.db
      .select()
      .from(notices)
      .where(eq(notices.decisionId, row?.id ?? ''));
    expect(notice?.statement).toMatchObject({
      decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
      illegal_content_legal_ground: 'Germany, Strafgesetzbuch § 130',
    });
    await page.close();
  });
});
