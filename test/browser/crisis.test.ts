import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoPassword, DEMO_PLATFORM } from '../../src/demo/seed.js';
import { describeInBrowser, openBrowserRig, type BrowserRig } from './harness.js';

describeInBrowser('crisis console in chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await openBrowserRig();
    await rig.docket.moderation.ingestReports('system:test', DEMO_PLATFORM, [
      { subject: { externalId: 'veridia-post-1', kind: 'content', contentType: 'text', body: 'Call to attack the northern district tonight.', country: 'QVR', language: 'en', views: 4_000 }, policyId: 'violence-incitement', sectionId: 'incitement', source: 'user' },
    ], null);
  });
  afterAll(() => rig?.close());

  it('charts the signals, lets policy staff approve a proposed designation, and the queue priorities change', async () => {
    const page = await rig.browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${rig.baseUrl}/login`);
    await page.getByLabel('Username').fill('policy');
    await page.getByLabel('Password').fill(demoPassword('policy'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Console' }).waitFor();

    const contextChip = async () => {
      await page.goto(`${rig.baseUrl}/console/queue`);
      await page.getByLabel('Country').fill('QVR');
      const row = page.getByRole('table', { name: 'Cases' }).getByRole('row').filter({ hasText: 'Call to attack the northern district' });
      await row.waitFor();
      return row.locator('.chips li').filter({ hasText: 'context' }).innerText();
    };
    expect(await contextChip()).toBe('context ×1');

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Crisis' }).click();
    await page.getByRole('img', { name: /^Weekly political violence in QVR: last week \d+, baseline \d+/ }).waitFor();
    await page.getByRole('img', { name: /^Weekly political violence in QKB/ }).waitFor();
    const proposal = page.getByRole('article', { name: 'QVR acute designation' });
    await proposal.getByText('proposed', { exact: true }).waitFor();
    await proposal.getByLabel('Reasons').fill('A wave of armed clashes far above the usual level.');
    await proposal.getByRole('button', { name: 'Approve' }).click();
    await proposal.getByText('active', { exact: true }).waitFor();
    await page.screenshot({ path: 'test-results/console-crisis.png', fullPage: true });

    expect(await contextChip()).toBe('context ×2');
    await page.close();
  });
});
