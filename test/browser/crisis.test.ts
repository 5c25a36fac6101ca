import { principalOfView } from '../../src/access/service.js';
import type { UserView } from '../../src/access/contract.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PLATFORM } from '../../src/demo/seed.js';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

describeInBrowser('crisis console in chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await openBrowserRig();
    await rig.docket.moderation.ingestReports(
      'system:test',
      DEMO_PLATFORM,
      [
        {
          subject: {
            externalId: 'veridia-post-1',
            kind: 'content',
            contentType: 'text',
            body: 'Call to attack the northern district tonight.',
            country: 'QVR',
            language: 'en',
            views: 4_000,
          },
          policyId: 'violence-incitement',
          sectionId: 'incitement',
          source: 'user',
        },
      ],
      null,
    );
  });
  afterAll(() => rig?.close());

  it('charts the signals, lets policy staff approve a proposed designation, and the queue priorities change', async () => {
    const page = await signIn(rig, 'policy');

    const contextChip = async () => {
      await page.goto(`${rig.baseUrl}/console/queue`);
      await page.getByLabel('Country').fill('QVR');
      const row = page
        .getByRole('table', { name: 'Cases' })
        .getByRole('row')
        .filter({ hasText: 'Call to attack the northern district' });
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

    // The registry: the demo's verified prime minister, and a minister verified through the form.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Crisis' }).click();
    const figures = page.getByRole('table', { name: 'Public figures' });
    await figures.getByRole('cell', { name: 'Arkad Velun', exact: true }).waitFor();
    const form = page.getByRole('form', { name: 'Verify a public figure' });
    await form.getByLabel('Platform').fill('lumen');
    await form.getByLabel('Account').fill('lumen-account-minister-veridia');
    await form.getByLabel('Name').fill('Ana Torrel');
    await form.getByLabel('Role').selectOption('minister');
    await form.getByLabel('Country (ISO alpha-3)').fill('QVR');
    await form.getByLabel('How it was verified').fill('Government website lists her as minister of the interior.');
    await form.getByRole('button', { name: 'Verify' }).click();
    await figures.getByRole('cell', { name: 'Ana Torrel', exact: true }).waitFor();

    // A restriction imposed under the protocol shows on her timeline.
    const [policy] = (await rig.docket.access.listUsers()).filter((u) => u.username === 'policy');
    await rig.docket.restrictions.impose(principalOfView(policy as UserView), {
      platform: 'lumen',
      accountRef: 'lumen-account-minister-veridia',
      severityTier: 1,
      reason: 'Celebrated attacks on protesters.',
    });
    await page.reload();
    const timeline = page.getByRole('list', { name: 'Restrictions of Ana Torrel' });
    await expect(timeline.getByRole('listitem').first().innerText()).resolves.toMatch(
      /tier 1, \d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2} \(active, acute\)/,
    );
    await page.close();
  });
});
