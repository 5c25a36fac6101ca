import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowserRig, reportOnDemoPlatform, signIn, type BrowserRig } from './harness.js';

describeInBrowser('trusted flaggers in chromium', () => {
  let rig: BrowserRig;
  let caseId: string;
  beforeAll(async () => {
    rig = await openBrowserRig();
    caseId = await reportOnDemoPlatform(rig, {
      subject: {
        externalId: 'tf-browser-post',
        kind: 'content',
        contentType: 'text',
        body: 'We will find the reporter and make her pay.',
        url: 'https://lumen.example/tf-browser-post',
        country: 'DEU',
        views: 2_000,
      },
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      source: 'user',
    });
  });
  afterAll(() => rig?.close());

  it('policy staff register a flagger, whose notice shows its factor in the queue’s “why this priority”', async () => {
    const page = await signIn(rig, 'policy');
    await page.goto(`${rig.baseUrl}/console/transparency`);
    const form = page.getByRole('form', { name: 'Register a trusted flagger' });
    await form.getByRole('button', { name: 'Register' }).click();
    await form.getByText('Name give the name the status was awarded to').waitFor();

    await form.getByLabel('Name').fill('Hate Aid Watch');
    await form.getByLabel('Member State').selectOption('DE');
    await form.getByLabel('Illegal or harmful speech').check();
    await form.getByLabel('Contact e-mail').fill('notices@watch.example');
    await form.getByLabel('Awarded on').fill('2025-11-03');
    await form.getByRole('button', { name: 'Register' }).click();
    await form.getByText('“Hate Aid Watch” is in the register.').waitFor();
    const key = await page.getByRole('region', { name: 'Key of “Hate Aid Watch”' }).locator('code').innerText();
    expect(key).toMatch(/^dkt_tf_/);
    const row = page
      .getByRole('table', { name: 'Register of trusted flaggers' })
      .getByRole('row', { name: /Hate Aid Watch/ });
    await row.getByText('Active since 2025-11-03').waitFor();
    await page.screenshot({ path: 'test-results/console-trusted-flaggers.png', fullPage: true });

    const filed = await fetch(`${rig.baseUrl}/api/public/notices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-flagger-key': key },
      body: JSON.stringify({
        location: 'https://lumen.example/tf-browser-post',
        explanation: 'A threat to harm a named reporter, made in public.',
        policyId: 'violence-incitement',
        goodFaith: true,
      }),
    });
    expect(filed.status, await filed.text()).toBe(201);

    const moderator = await signIn(rig, 'moderator');
    await moderator.goto(`${rig.baseUrl}/console/queue/cases/${caseId}`);
    const why = moderator
      .getByRole('article')
      .filter({ has: moderator.getByRole('heading', { name: 'Why this priority' }) });
    await why.getByText('notice from a trusted flagger (EU DSA Art. 22): Hate Aid Watch').waitFor();
    expect(await why.getByRole('listitem').filter({ hasText: 'trusted_flagger' }).innerText()).toContain('×1.5');
    const score = await why.getByLabel('Priority score').innerText();
    const [product, shown] = score.split('=').map((s) => s.trim());
    const multiplied = (product ?? '').split('×').reduce((p, v) => p * Number(v.trim()), 1);
    expect(Number.parseFloat(shown ?? '')).toBeCloseTo(multiplied, 1);

    // Suspended, the status shows in the console and on the public register.
    await row.getByLabel('New status').selectOption('suspended');
    await row.getByLabel('Reason').fill('The Coordinator opened an investigation.');
    await row.getByRole('button', { name: 'Change status' }).click();
    await row.getByText(/Suspended since \d{4}-\d{2}-\d{2}/).waitFor();
    const visitor = await rig.browser.newPage();
    await visitor.goto(`${rig.baseUrl}/trusted-flaggers`);
    await visitor.getByRole('heading', { name: 'Suspended or revoked (1)' }).waitFor();
    await visitor
      .getByRole('article', { name: 'Hate Aid Watch' })
      .getByText('The Coordinator opened an investigation.')
      .waitFor();
  });
});
